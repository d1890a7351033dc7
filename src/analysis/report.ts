/**
 * The set report: plain JSON (see README.md "SetReport"). Rep faults are the
 * active checks in safety order; metrics are rounded for readability; the
 * summary says what the view could not check instead of guessing.
 */
import { safetyRank } from './cues';
import type { RepMetrics } from './rep-metrics';
import type { Thresholds } from './thresholds';
import { FAULT_IDS, type Calibration, type FaultEvidence, type FaultId, type Facing, type Lift, type RepReport, type SetReport, type Side, type UnjudgedCheck, type UnsupportedCheck, type View } from './types';
import { LIFT_FAULTS, neededForClean } from './faults';
import { viewAdvice, viewFactor } from './view-support';

export interface RepRecord {
  index: number;
  startMs: number;
  bottomMs: number;
  endMs: number;
  complete: boolean;
  metrics: RepMetrics;
  evidence: FaultEvidence[];
  /** checks that gave no verdict, with the reason */
  unjudged: UnjudgedCheck[];
  /** the analyzer's live state for the rep (not reported) */
  live?: unknown;
  /** metrics of an opening pull merged into this rep */
  opening?: RepMetrics;
}

export interface ReportInput {
  lift: Lift | null;
  side: Side | null;
  view: View;
  facing: Facing;
  calibration: Calibration | null;
  reps: RepRecord[];
  thresholds: Thresholds;
  hasDorsal: boolean;
  partials: number;
  /** cuts in the video (the trunk jumped between two frames) */
  cuts: number;
  ambiguous: boolean;
}

function round(v: number, digits: number): number {
  const k = 10 ** digits;
  return Math.round(v * k) / k;
}

function roundMetrics(m: RepMetrics): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(m)) {
    if (typeof v === 'number' && Number.isFinite(v)) out[k] = round(v, Math.abs(v) >= 10 ? 1 : 3);
  }
  return out;
}

function roundEvidence(e: FaultEvidence): FaultEvidence {
  return { ...e, value: round(e.value, 3), threshold: round(e.threshold, 3), confidence: round(e.confidence, 2) };
}

export function buildReport(inp: ReportInput): SetReport {
  const reps: RepReport[] = inp.reps.map((r, i) => {
    const faults = r.evidence
      .filter((e) => e.active)
      .map((e) => e.id)
      .sort((a, b) => safetyRank(a) - safetyRank(b));
    return {
      index: i + 1,
      startMs: round(r.startMs, 1),
      bottomMs: round(r.bottomMs, 1),
      endMs: round(r.endMs, 1),
      complete: r.complete,
      faults: [...new Set(faults)],
      metrics: roundMetrics(r.metrics),
      evidence: r.evidence.map(roundEvidence),
      unjudged: r.unjudged,
      verdict: faults.length ? 'fault' : r.unjudged.some((u) => neededForClean(u.id)) ? 'unjudged' : 'clean',
    } satisfies RepReport;
  });
  const unjudgedCounts: Partial<Record<FaultId, number>> = {};
  for (const r of reps) for (const u of r.unjudged) unjudgedCounts[u.id] = (unjudgedCounts[u.id] ?? 0) + 1;
  const faultCounts: Partial<Record<FaultId, number>> = {};
  for (const r of reps) for (const f of r.faults) faultCounts[f] = (faultCounts[f] ?? 0) + 1;
  let mainFault: FaultId | null = null;
  for (const id of FAULT_IDS) {
    const n = faultCounts[id] ?? 0;
    if (n > 0 && (mainFault === null || n > (faultCounts[mainFault] ?? 0))) mainFault = id;
  }
  const lowering = reps.filter((r) => r.complete && Number.isFinite(r.metrics.loweringMs)).map((r) => r.metrics.loweringMs);
  const rising = reps.filter((r) => r.complete && Number.isFinite(r.metrics.risingMs)).map((r) => r.metrics.risingMs);
  const avg = (a: number[]) => (a.length ? round(a.reduce((s, v) => s + v, 0) / a.length, 0) : null);

  const unsupported: UnsupportedCheck[] = [];
  const notes: string[] = [];
  if (inp.lift) {
    for (const id of LIFT_FAULTS[inp.lift]) {
      const f = viewFactor(id, inp.view, inp.thresholds.obliqueConfidence);
      const adv = viewAdvice(id, inp.view);
      if (f === 0 && adv) unsupported.push({ id, reason: adv });
    }
  }
  if (inp.view === 'oblique') {
    notes.push(
      `Oblique view: back, hip and knee angles are corrected for the camera angle and judged with reduced confidence (×${inp.thresholds.obliqueConfidence}). Turn side-on for a reliable verdict.`,
    );
  }
  if (reps.some((r) => r.evidence.some((e) => e.id === 'rounded-back'))) {
    notes.push(
      inp.hasDorsal
        ? 'Rounded back: judged from the body outline (segmentation mask) combined with landmark proxies.'
        : 'Rounded back: there are no spine landmarks; judged from proxies (head dropping against the trunk, hip-to-shoulder against hip-to-knee distance). Treat it as a flag to review, not a diagnosis.',
    );
  }
  if (inp.cuts > 0) notes.push(`The video jumps ${inp.cuts === 1 ? 'once' : `${inp.cuts} times`} (an edit or a loop): a rep interrupted by a jump is not counted.`);
  if (inp.partials > 0) notes.push(`${inp.partials} partial descent(s) not counted as reps.`);
  if (reps.some((r) => !r.complete)) notes.push('Reps marked incomplete were cut off by the start or end of the recording.');
  if (inp.ambiguous) notes.push('More than one person was in view at times; those frames were skipped.');
  if (!inp.calibration) notes.push('No standing frames were seen: thresholds used the tallest pose instead of a calibration.');

  return {
    lift: inp.lift,
    side: inp.side,
    view: inp.view,
    facing: inp.facing,
    calibration: inp.calibration
      ? {
          trunk: round(inp.calibration.trunk, 4),
          thigh: round(inp.calibration.thigh, 4),
          shin: round(inp.calibration.shin, 4),
          foot: round(inp.calibration.foot, 4),
          standHeight: round(inp.calibration.standHeight, 4),
          neck: round(inp.calibration.neck, 1),
          standTrunk: round(inp.calibration.standTrunk, 1),
          ankleDy: round(inp.calibration.ankleDy, 4),
          heelUpLeft: round(inp.calibration.heelUpLeft, 4),
          heelUpRight: round(inp.calibration.heelUpRight, 4),
          frames: inp.calibration.frames,
        }
      : null,
    reps,
    summary: {
      repCount: reps.length,
      cleanReps: reps.filter((r) => r.verdict === 'clean').length,
      unjudgedReps: reps.filter((r) => r.verdict === 'unjudged').length,
      unjudgedCounts,
      faultCounts,
      mainFault,
      meanLoweringMs: avg(lowering),
      meanRisingMs: avg(rising),
      unsupported,
      notes,
    },
  };
}
