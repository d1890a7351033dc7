/**
 * Sets saved on this device as they happen, rep by rep (IndexedDB). Single-leg
 * sets keep their side so left and right can be compared over weeks.
 */
import type { LiftOption, RepReport, SetReport, Side } from '../analysis/types';
import { openStore } from '../storage/idb-store';
import { verdictOf } from '../components/verdict';

export interface SavedSet {
  id: string;
  startedAt: number;
  /** the lift as chosen, and as detected */
  liftOption: LiftOption;
  lift: string | null;
  side: Side | null;
  reps: RepReport[];
  report: SetReport | null;
  finished: boolean;
}

const store = openStore<SavedSet>('sets');

export const setHistory = {
  put: (s: SavedSet) => store.put(s.id, snapshot(s)),
  all: () => store.values(),
  remove: (id: string) => store.delete(id),
};

/** Plain data only: IndexedDB cannot clone Svelte proxies. */
function snapshot<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

/**
 * Per side, the share of clean reps of each single-leg set, oldest first: the gap to follow over weeks.
 * Clean is the analyzer's verdict: a rep it could not judge is not counted as clean.
 */
export function sideTrend(sets: readonly SavedSet[]): { left: { at: number; clean: number }[]; right: { at: number; clean: number }[] } {
  const out = { left: [] as { at: number; clean: number }[], right: [] as { at: number; clean: number }[] };
  for (const s of [...sets].sort((a, b) => a.startedAt - b.startedAt)) {
    if (!s.side || s.reps.length === 0) continue;
    const clean = s.reps.filter((r) => verdictOf(r) === 'clean').length / s.reps.length;
    out[s.side].push({ at: s.startedAt, clean });
  }
  return out;
}
