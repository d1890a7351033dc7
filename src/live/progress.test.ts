import { describe, expect, it } from 'vitest';
import type { FaultEvidence, RepReport, RepVerdict } from '../analysis/types';
import { progressByLift, sideGap } from './progress';
import type { SavedSet } from './set-history';

const ev = (value: number, threshold = 20): FaultEvidence => ({ id: 'hips-back', value, threshold, unit: 'deg shin tilt', confidence: 0.9, active: value > threshold });
const rep = (i: number, verdict: RepVerdict, shin: number, depth = 0.4, loweringMs = 2000): RepReport => ({
  index: i,
  startMs: 0,
  bottomMs: 0,
  endMs: 0,
  complete: true,
  faults: verdict === 'fault' ? ['hips-back'] : [],
  metrics: { depth, loweringMs, risingMs: 1000 },
  evidence: [ev(shin)],
  unjudged: [],
  verdict,
});
const set = (at: number, lift: string, side: 'left' | 'right' | null, reps: RepReport[]): SavedSet => ({ id: String(at), startedAt: at, liftOption: 'auto', lift, side, reps, report: null, finished: true });

describe('progressByLift', () => {
  it('follows each lift over time: clean share, a fault value against its threshold, depth and tempo', () => {
    const p = progressByLift([
      set(2, 'rdl', null, [rep(1, 'clean', 8, 0.3, 3000), rep(2, 'clean', 10, 0.32, 2800)]),
      set(1, 'rdl', null, [rep(1, 'fault', 25), rep(2, 'clean', 12), rep(3, 'unjudged', 14)]),
      set(3, 'deadlift', null, [rep(1, 'clean', 1)]),
    ]);
    const rdl = p.find((x) => x.lift === 'rdl')!;
    expect(rdl.sets).toBe(2);
    // oldest first; a rep that could not be judged is not clean
    expect(rdl.clean).toEqual([{ at: 1, value: 1 / 3 }, { at: 2, value: 1 }]);
    expect(rdl.faults).toEqual([{ id: 'hips-back', unit: 'deg shin tilt', threshold: 20, points: [{ at: 1, value: 14 }, { at: 2, value: 9 }] }]);
    expect(rdl.depth.map((d) => d.value)).toEqual([0.4, 0.31]);
    expect(rdl.lowering.map((d) => d.value)).toEqual([2, 2.9]);
    expect(rdl.sides).toBeNull();
    expect(p.map((x) => x.lift).sort()).toEqual(['deadlift', 'rdl']);
  });

  it('puts left against right on single-leg lifts, with the gap', () => {
    const p = progressByLift([
      set(1, 'sl-rdl', 'left', [rep(1, 'clean', 5), rep(2, 'clean', 5)]),
      set(2, 'sl-rdl', 'right', [rep(1, 'clean', 5), rep(2, 'fault', 30)]),
    ]);
    expect(p[0].sides).toEqual({ left: [{ at: 1, value: 1 }], right: [{ at: 2, value: 0.5 }], gapPercent: 50 });
  });

  it('has no gap until both sides were trained', () => {
    expect(sideGap([{ at: 1, value: 0.8 }], [])).toBeNull();
    expect(sideGap([{ at: 1, value: 0 }], [{ at: 2, value: 0 }])).toBe(0);
  });
});
