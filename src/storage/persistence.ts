/**
 * Asking the browser to keep the app's data (navigator.storage.persist), and
 * how much room it uses. Without persistence a browser may clear the sets
 * and reviews when the device runs low on space.
 */

/** Why we ask: shown next to the request, in the lifter's terms. */
export const PERSIST_REASON = 'Keep your sets and saved reviews on this device even when storage runs low.';

export type Persistence = 'persisted' | 'not-persisted' | 'unsupported';

type StorageLike = Pick<StorageManager, 'persist' | 'persisted' | 'estimate'>;
const manager = (): StorageLike | undefined => (typeof navigator !== 'undefined' ? navigator.storage : undefined);

/** Whether the data is already kept (no prompt, no request). */
export async function persistence(sm: StorageLike | undefined = manager()): Promise<Persistence> {
  if (!sm?.persisted) return 'unsupported';
  try {
    return (await sm.persisted()) ? 'persisted' : 'not-persisted';
  } catch {
    return 'unsupported';
  }
}

/** Asks for persistence (Chrome decides by itself, Firefox asks the user); returns the answer. */
export async function requestPersistence(sm: StorageLike | undefined = manager()): Promise<Persistence> {
  if (!sm?.persist) return 'unsupported';
  try {
    if (await sm.persisted?.()) return 'persisted';
    return (await sm.persist()) ? 'persisted' : 'not-persisted';
  } catch {
    return 'unsupported';
  }
}

export async function storageEstimate(sm: StorageLike | undefined = manager()): Promise<{ usage: number; quota: number } | null> {
  if (!sm?.estimate) return null;
  try {
    const e = await sm.estimate();
    return typeof e.usage === 'number' && typeof e.quota === 'number' ? { usage: e.usage, quota: e.quota } : null;
  } catch {
    return null;
  }
}

export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 0) return '?';
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  while (n >= 1000 && i < units.length - 1) {
    n /= 1000;
    i++;
  }
  return i === 0 ? `${n} bytes` : `${n < 10 ? n.toFixed(1) : Math.round(n)} ${units[i]}`;
}

export function persistenceText(p: Persistence): string {
  if (p === 'persisted') return 'Kept on this device: the browser will not clear it when storage runs low.';
  if (p === 'not-persisted') return 'Not protected: the browser may clear it if the device runs low on storage. Export a copy now and then.';
  return 'This browser cannot promise to keep it: export a copy now and then.';
}
