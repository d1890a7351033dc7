import { describe, expect, it } from 'vitest';
import { sideTrend, type SavedSet } from './set-history';

const set = (at: number, side: 'left' | 'right' | null, faults: string[][]): SavedSet => ({
  id: String(at),
  startedAt: at,
  liftOption: 'sl-rdl',
  lift: 'sl-rdl',
  side,
  reps: faults.map((f, i) => ({ index: i + 1, startMs: 0, bottomMs: 0, endMs: 0, complete: true, faults: f as never, metrics: {}, evidence: [] })),
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
});
