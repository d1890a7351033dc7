import { describe, expect, it } from 'vitest';
import type { RepReport, RepVerdict } from '../analysis/types';
import { sideTrend, type SavedSet } from './set-history';

type RepSpec = string[] | { faults?: string[]; verdict?: RepVerdict };
const repOf = (spec: RepSpec, i: number): RepReport => {
  const faults = (Array.isArray(spec) ? spec : (spec.faults ?? [])) as RepReport['faults'];
  const verdict: RepVerdict = Array.isArray(spec) ? (faults.length ? 'fault' : 'clean') : (spec.verdict ?? (faults.length ? 'fault' : 'clean'));
  return { index: i + 1, startMs: 0, bottomMs: 0, endMs: 0, complete: true, faults, metrics: {}, evidence: [], unjudged: [], verdict };
};
const set = (at: number, side: 'left' | 'right' | null, reps: RepSpec[]): SavedSet => ({
  id: String(at),
  startedAt: at,
  liftOption: 'sl-rdl',
  lift: 'sl-rdl',
  side,
  reps: reps.map(repOf),
  report: null,
  finished: true,
});

describe('sideTrend', () => {
  it('keeps left and right apart, oldest first, as the share of clean reps', () => {
    const t = sideTrend([
      set(3, 'left', [[], []]),
      set(1, 'left', [['hip-rotation'], []]),
      set(2, 'right', [['hip-rotation'], ['lost-balance'], []]),
      set(4, null, [[]]),
    ]);
    expect(t.left).toEqual([{ at: 1, clean: 0.5 }, { at: 3, clean: 1 }]);
    expect(t.right.map((r) => r.clean)).toEqual([1 / 3]);
  });

  it('does not count a rep the analyzer could not judge as clean', () => {
    const t = sideTrend([set(1, 'left', [{ verdict: 'unjudged' }, { verdict: 'clean' }])]);
    expect(t.left).toEqual([{ at: 1, clean: 0.5 }]);
  });

  it('does not count a rep saved before verdicts existed as clean unless it had a fault', () => {
    const old = set(1, 'right', [[]]);
    delete (old.reps[0] as Partial<RepReport>).verdict;
    expect(sideTrend([old]).right).toEqual([{ at: 1, clean: 0 }]);
  });
});
