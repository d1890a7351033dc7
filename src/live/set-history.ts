/**
 * Sets saved on this device as they happen, rep by rep (IndexedDB). Single-leg
 * sets keep their side so left and right can be compared over weeks.
 *
 * A set the device could not store (its storage full, or no IndexedDB) is
 * kept in memory instead, listed with the others and marked not saved, until
 * it is saved later or exported: a failed write never loses a set.
 */
import type { LiftOption, RepReport, SetReport, Side } from '../analysis/types';
import { openStore, type Store } from '../storage/idb-store';
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
  /** the lifter's own name for the set, and notes (History) */
  name?: string;
  notes?: string;
}

export const MAX_SET_NAME = 80;
export const MAX_SET_NOTES = 4000;

/** A set as listed: `notSaved` when it is only in this page's memory. */
export type ListedSet = SavedSet & { notSaved?: boolean };

export class SetHistory {
  /** sets whose last write failed, by id: the newest state of each */
  private readonly pending = new Map<string, SavedSet>();
  /** names and notes given in this page, kept over the coach's later saves of a set still running */
  private readonly labels = new Map<string, Pick<SavedSet, 'name' | 'notes'>>();

  constructor(private readonly store: Store<SavedSet> = openStore<SavedSet>('sets')) {}

  /** Saves a set (again). On failure the set stays in memory and the error is thrown for the caller to show. */
  async put(s: SavedSet): Promise<void> {
    const copy = { ...snapshot(s), ...this.labels.get(s.id) };
    try {
      await this.store.put(copy.id, copy);
      this.pending.delete(copy.id);
    } catch (e) {
      this.pending.set(copy.id, copy);
      throw e;
    }
    // There is room again: the sets that did not fit go in too.
    if (this.pending.size && !this.retrying) void this.retry();
  }

  private retrying = false;

  /** Every set, stored or kept in memory, newest first. */
  async all(): Promise<ListedSet[]> {
    let stored: SavedSet[] = [];
    let failure: unknown = null;
    try {
      stored = await this.store.values();
    } catch (e) {
      // Still list what is in memory; the caller hears why the rest is missing.
      failure = e;
    }
    const byId = new Map<string, ListedSet>(stored.map((s) => [s.id, s]));
    for (const [id, s] of this.pending) byId.set(id, { ...s, notSaved: true });
    const out = [...byId.values()].sort((a, b) => b.startedAt - a.startedAt);
    if (failure && out.length === 0) throw failure;
    return out;
  }

  /** Sets not yet on the device. */
  unsaved(): SavedSet[] {
    return [...this.pending.values()];
  }

  /** Tries the writes that failed again; returns how many are still not saved. */
  async retry(): Promise<number> {
    this.retrying = true;
    try {
      for (const s of [...this.pending.values()]) {
        try {
          await this.put(s);
        } catch {
          break; // still full: the rest would fail the same way
        }
      }
    } finally {
      this.retrying = false;
    }
    return this.pending.size;
  }

  /** Names a set and keeps notes with it; returns the set as saved (undefined: no such set). */
  async label(id: string, label: { name: string; notes: string }): Promise<SavedSet | undefined> {
    const s = this.pending.get(id) ?? (await this.store.get(id));
    if (!s) return undefined;
    const clean = { name: label.name.trim().slice(0, MAX_SET_NAME), notes: label.notes.trim().slice(0, MAX_SET_NOTES) };
    this.labels.set(id, clean);
    const next = { ...s, ...clean };
    await this.put(next);
    return next;
  }

  /** Removes a set; returns it, for Undo. */
  async remove(id: string): Promise<SavedSet | undefined> {
    const kept = this.pending.get(id) ?? (await this.store.get(id));
    this.pending.delete(id);
    await this.store.delete(id);
    return kept;
  }

  /** Sets with these ids already here (stored or in memory). */
  async ids(): Promise<Set<string>> {
    return new Set([...(await this.store.keys()), ...this.pending.keys()]);
  }
}

export const setHistory = new SetHistory();

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
