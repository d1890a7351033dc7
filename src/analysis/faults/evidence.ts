/**
 * Shared by the fault checks: one place that turns a measured value, its
 * threshold and what we know about the view and the landmarks into a
 * verdict with a confidence. Confidence never reaches 1: these are camera
 * estimates, not measurements.
 */
import { clamp } from '../geometry';
import { viewFactor } from '../view-support';
import type { FaultEvidence, FaultId } from '../types';
import type { FaultContext } from './types';

export interface EvidenceInput {
  id: FaultId;
  value: number;
  threshold: number;
  unit: string;
  /** true when the value is on the faulty side of the threshold */
  past: boolean;
  /** how much a proxy can tell at best (0..1) */
  base: number;
  /** mean visibility of the landmarks the check used (0..1) */
  visibility: number;
  /** a margin of this size past the threshold counts as a clear case (same unit as value) */
  scale: number;
}

export function makeEvidence(e: EvidenceInput, ctx: FaultContext): FaultEvidence | null {
  if (!Number.isFinite(e.value)) return null;
  const vf = viewFactor(e.id, ctx.view, ctx.thresholds.obliqueConfidence);
  if (vf === 0) return null;
  const margin = clamp(Math.abs(e.value - e.threshold) / e.scale, 0, 1);
  const vis = clamp(Number.isFinite(e.visibility) ? e.visibility : 0.5, 0.2, 1);
  const confidence = clamp(e.base * vf * (0.55 + 0.45 * margin) * (0.6 + 0.4 * vis), 0.05, 0.95);
  return { id: e.id, value: e.value, threshold: e.threshold, unit: e.unit, confidence, active: e.past };
}
