import { describe, expect, it } from 'vitest';
import type { RepReport, RepVerdict } from '../analysis/types';
import { SetHistory, sideTrend, type SavedSet } from './set-history';
import { memoryStore, StorageFullError } from '../storage/idb-store';
import { fullStore } from '../storage/full-store';

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

describe('SetHistory when the device is full', () => {
  it('keeps a set that does not fit, lists it as not saved, and stores it with the next write that fits', async () => {
    const store = fullStore<SavedSet>();
    const h = new SetHistory(store);
    await expect(h.put(set(1, null, [[]]))).rejects.toThrow(StorageFullError);
    expect((await h.all()).map((s) => [s.id, s.notSaved])).toEqual([['1', true]]);
    expect(h.unsaved().map((s) => s.id)).toEqual(['1']);
    store.room();
    await h.put(set(2, null, [[]]));
    await new Promise((r) => setTimeout(r, 0));
    expect((await store.keys()).sort()).toEqual(['1', '2']);
    expect((await h.all()).map((s) => [s.id, s.notSaved])).toEqual([['2', undefined], ['1', undefined]]);
  });

  it('Delete returns the set, for Undo, and removes it from memory too', async () => {
    const store = memoryStore<SavedSet>();
    const h = new SetHistory(store);
    await h.put(set(1, 'left', [[]]));
    const gone = await h.remove('1');
    expect(gone?.side).toBe('left');
    expect(await h.all()).toEqual([]);
    await h.put(gone!);
    expect((await h.all()).map((s) => s.id)).toEqual(['1']);
  });
});

describe('SetHistory.label', () => {
  it('names a set and keeps notes, over the coach saving the running set again', async () => {
    const h = new SetHistory(memoryStore<SavedSet>());
    const s = set(1, 'left', [[]]);
    await h.put(s);
    const named = await h.label('1', { name: '  Week 3, left  ', notes: 'knee felt fine' });
    expect(named).toMatchObject({ name: 'Week 3, left', notes: 'knee felt fine' });
    // the coach saves the same set with one more rep, not knowing the name
    await h.put({ ...s, reps: [...s.reps, repOf([], 1)] });
    const [back] = await h.all();
    expect(back).toMatchObject({ name: 'Week 3, left', notes: 'knee felt fine' });
    expect(back.reps).toHaveLength(2);
    expect(await h.label('nope', { name: 'x', notes: '' })).toBeUndefined();
  });

  it('keeps a name within bounds', async () => {
    const h = new SetHistory(memoryStore<SavedSet>());
    await h.put(set(2, null, [[]]));
    expect((await h.label('2', { name: 'n'.repeat(500), notes: '' }))!.name).toHaveLength(80);
  });
});
