/**
 * Shared by the fault checks: one place that turns a measured value, its
 * threshold and what we know about the view and the landmarks into a
 * verdict with a confidence, or into "unjudged" with the reason. Confidence
 * never reaches 1: these are camera estimates, not measurements.
 */
import { clamp } from '../geometry';
import { viewAdvice, viewFactor } from '../view-support';
import type { FaultEvidence, FaultId, UnjudgedCheck, UnjudgedReason } from '../types';
import type { FaultContext } from './types';

/** Below this mean visibility the landmarks a check uses are guesses: say so instead of judging. */
export const MIN_JUDGE_VISIBILITY = 0.3;

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
  /** why the value could be missing for this rep (default: the part of the rep it needs was not seen) */
  missing?: { reason: UnjudgedReason; text: string };
}

export const isUnjudged = (v: FaultEvidence | UnjudgedCheck): v is UnjudgedCheck => 'reason' in v;

export function unjudged(id: FaultId, reason: UnjudgedReason, text: string): UnjudgedCheck {
  return { id, reason, text };
}

export function makeEvidence(e: EvidenceInput, ctx: FaultContext): FaultEvidence | UnjudgedCheck {
  const vf = viewFactor(e.id, ctx.view, ctx.thresholds.obliqueConfidence);
  if (vf === 0) return unjudged(e.id, 'view', viewAdvice(e.id, ctx.view) ?? 'This camera angle cannot show it.');
  if (Number.isFinite(e.visibility) && e.visibility < MIN_JUDGE_VISIBILITY) {
    return unjudged(e.id, 'visibility', 'The body parts it needs were hidden or unclear in the picture.');
  }
  if (!Number.isFinite(e.value)) {
    return e.missing ? unjudged(e.id, e.missing.reason, e.missing.text) : unjudged(e.id, 'not-seen', 'The part of the rep it needs was not seen clearly.');
  }
  const margin = clamp(Math.abs(e.value - e.threshold) / e.scale, 0, 1);
  const vis = clamp(Number.isFinite(e.visibility) ? e.visibility : 0.5, 0.2, 1);
  const confidence = clamp(e.base * vf * (0.55 + 0.45 * margin) * (0.6 + 0.4 * vis), 0.05, 0.95);
  return { id: e.id, value: e.value, threshold: e.threshold, unit: e.unit, confidence, active: e.past };
}
