/**
 * Progress across saved sets, per lift, for the History charts: clean reps
 * per set, each fault's measured value against its threshold, depth and
 * tempo; for single-leg lifts, left against right and the gap between them
 * (the seed article's target for single-leg work: under 10%). Pure: values
 * are the analyzer's own, as saved with each rep.
 */
import type { FaultId, RepReport } from '../analysis/types';
import { verdictOf } from '../components/verdict';
import { sideTrend, type SavedSet } from './set-history';

export interface Point {
  at: number;
  value: number;
}

export interface FaultSeries {
  id: FaultId;
  unit: string;
  /** the threshold the latest set was judged against */
  threshold: number;
  /** per set, the median of its reps' values */
  points: Point[];
}

export interface LiftProgress {
  lift: string;
  sets: number;
  /** share of each set's reps the analyzer called clean (a rep it could not judge is not clean), 0..1 */
  clean: Point[];
  /** median depth at the bottom, fraction of standing height */
  depth: Point[];
  /** median lowering and rising time, s */
  lowering: Point[];
  rising: Point[];
  faults: FaultSeries[];
  /** single-leg lifts */
  sides: { left: Point[]; right: Point[]; gapPercent: number | null } | null;
}

/** The gap the seed article sets as the single-leg target, percent of the better side. */
export const SIDE_GAP_TARGET = 10;

function median(xs: number[]): number {
  const a = xs.filter(Number.isFinite).sort((x, y) => x - y);
  if (!a.length) return NaN;
  const m = a.length >> 1;
  return a.length % 2 ? a[m] : (a[m - 1] + a[m]) / 2;
}

const finite = (p: Point) => Number.isFinite(p.value);

/** Left against right as a percentage of the better side's clean share (latest set of each). */
export function sideGap(left: Point[], right: Point[]): number | null {
  const l = left.at(-1)?.value;
  const r = right.at(-1)?.value;
  if (l === undefined || r === undefined) return null;
  const best = Math.max(l, r);
  return best > 0 ? (100 * Math.abs(l - r)) / best : 0;
}

export function progressByLift(sets: readonly SavedSet[]): LiftProgress[] {
  const byLift = new Map<string, SavedSet[]>();
  for (const s of [...sets].sort((a, b) => a.startedAt - b.startedAt)) {
    if (!s.reps.length) continue;
    const lift = s.lift ?? s.liftOption;
    byLift.set(lift, [...(byLift.get(lift) ?? []), s]);
  }
  const out: LiftProgress[] = [];
  for (const [lift, list] of byLift) {
    const per = (f: (r: RepReport) => number) => list.map((s) => ({ at: s.startedAt, value: median(s.reps.map(f)) })).filter(finite);
    const faults = new Map<FaultId, FaultSeries>();
    for (const s of list) {
      const values = new Map<FaultId, number[]>();
      for (const r of s.reps) {
        for (const e of r.evidence ?? []) {
          if (!Number.isFinite(e.value)) continue;
          values.set(e.id, [...(values.get(e.id) ?? []), e.value]);
          const f = faults.get(e.id) ?? { id: e.id, unit: e.unit, threshold: e.threshold, points: [] };
          f.threshold = e.threshold;
          f.unit = e.unit;
          faults.set(e.id, f);
        }
      }
      for (const [id, v] of values) faults.get(id)!.points.push({ at: s.startedAt, value: median(v) });
    }
    const single = lift === 'sl-rdl' || lift === 'kickstand-rdl';
    const trend = single ? sideTrend(list) : null;
    const toPoints = (xs: { at: number; clean: number }[]) => xs.map((x) => ({ at: x.at, value: x.clean }));
    out.push({
      lift,
      sets: list.length,
      clean: list.map((s) => ({ at: s.startedAt, value: s.reps.filter((r) => verdictOf(r) === 'clean').length / s.reps.length })),
      depth: per((r) => r.metrics?.depth ?? NaN),
      lowering: per((r) => (r.metrics?.loweringMs ?? NaN) / 1000),
      rising: per((r) => (r.metrics?.risingMs ?? NaN) / 1000),
      faults: [...faults.values()],
      sides: trend ? { left: toPoints(trend.left), right: toPoints(trend.right), gapPercent: sideGap(toPoints(trend.left), toPoints(trend.right)) } : null,
    });
  }
  return out;
}
