/**
 * Sets saved on this device as they happen, rep by rep (IndexedDB). Single-leg
 * sets keep their side so left and right can be compared over weeks.
 */
import type { LiftOption, RepReport, SetReport, Side } from '../analysis/types';

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

const DB = 'hinge-coach';
const STORE = 'sets';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains(STORE)) db.createObjectStore(STORE, { keyPath: 'id' }).createIndex('startedAt', 'startedAt');
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('could not open the on-device history'));
  });
}

function tx<T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return open().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const t = db.transaction(STORE, mode);
        const req = fn(t.objectStore(STORE));
        t.oncomplete = () => {
          db.close();
          resolve(req.result);
        };
        t.onerror = () => {
          db.close();
          reject(t.error ?? new Error('history write failed'));
        };
      }),
  );
}

export const setHistory = {
  put: (s: SavedSet) => tx('readwrite', (st) => st.put($snapshot(s))),
  all: () => tx<SavedSet[]>('readonly', (st) => st.getAll() as IDBRequest<SavedSet[]>),
  remove: (id: string) => tx('readwrite', (st) => st.delete(id)),
};

/** Plain data only: IndexedDB cannot clone Svelte proxies. */
function $snapshot<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

/** Per side, the share of clean reps of each single-leg set, oldest first: the gap to follow over weeks. */
export function sideTrend(sets: readonly SavedSet[]): { left: { at: number; clean: number }[]; right: { at: number; clean: number }[] } {
  const out = { left: [] as { at: number; clean: number }[], right: [] as { at: number; clean: number }[] };
  for (const s of [...sets].sort((a, b) => a.startedAt - b.startedAt)) {
    if (!s.side || s.reps.length === 0) continue;
    const clean = s.reps.filter((r) => r.faults.length === 0).length / s.reps.length;
    out[s.side].push({ at: s.startedAt, clean });
  }
  return out;
}
