/**
 * A small key–value store on IndexedDB, for anything the app keeps on the
 * device (saved reviews, the live page's set history). One database per
 * store name, one object store in it, so adding a store never needs a
 * schema migration. Values are structured-cloned: plain objects, arrays,
 * typed arrays, Blobs and Files are all fine.
 */
export interface Store<T> {
  get(key: string): Promise<T | undefined>;
  put(key: string, value: T): Promise<void>;
  delete(key: string): Promise<void>;
  keys(): Promise<string[]>;
  /** every value (for small records; keep big payloads in a separate store) */
  values(): Promise<T[]>;
  clear(): Promise<void>;
}

export class StorageUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StorageUnavailableError';
  }
}

/** The device's storage quota is used up: the write did not happen. */
export class StorageFullError extends StorageUnavailableError {
  constructor(message = 'The storage on this device is full.') {
    super(message);
    this.name = 'StorageFullError';
  }
}

/** A quota error in any of its shapes (IndexedDB's DOMException, ours, Safari's old code 22). */
export function isStorageFull(e: unknown): boolean {
  if (e instanceof StorageFullError) return true;
  if (e instanceof MissingStoreError) return isStorageFull(e.cause);
  const d = e as { name?: unknown; code?: unknown } | null;
  return !!d && (d.name === 'QuotaExceededError' || d.name === 'StorageFullError' || d.code === 22);
}

/** The database is there but its object store is not, and could not be added. */
class MissingStoreError extends StorageUnavailableError {
  constructor(override readonly cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

const OBJECTS = 'items';
const PREFIX = 'hinge-coach:';

function req<R>(r: IDBRequest<R>): Promise<R> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(explain(tx.error));
    tx.onerror = () => reject(explain(tx.error));
  });
}

function explain(e: DOMException | null): Error {
  if (e && isStorageFull(e)) {
    return new StorageFullError('The storage on this device is full: delete some saved reviews or sets, or export them, and try again.');
  }
  return e ?? new Error('IndexedDB transaction failed');
}

export function openStore<T>(name: string, factory: IDBFactory | undefined = globalThis.indexedDB): Store<T> {
  let dbp: Promise<IDBDatabase> | null = null;
  /** Opens the database; a database without its object store (its creation failed, e.g. the quota was full) is upgraded to add it. */
  const openAt = (f: IDBFactory, version?: number): Promise<IDBDatabase> =>
    new Promise<IDBDatabase>((resolve, reject) => {
      const open = version === undefined ? f.open(PREFIX + name) : f.open(PREFIX + name, version);
      open.onupgradeneeded = () => {
        if (!open.result.objectStoreNames.contains(OBJECTS)) open.result.createObjectStore(OBJECTS);
      };
      open.onsuccess = () => {
        const d = open.result;
        if (!d.objectStoreNames.contains(OBJECTS)) {
          d.close();
          openAt(f, d.version + 1).then(resolve, (e: unknown) => reject(new MissingStoreError(e)));
          return;
        }
        // Another tab upgrading: let it, and reopen next time.
        d.onversionchange = () => {
          d.close();
          dbp = null;
        };
        resolve(d);
      };
      open.onerror = () => {
        if (open.error && isStorageFull(open.error)) reject(new StorageFullError('The storage on this device is full: delete some saved reviews or sets, or export them, and try again.'));
        else reject(new StorageUnavailableError(`The on-device store could not be opened (${open.error?.message ?? 'unknown error'}).`));
      };
      open.onblocked = () => reject(new StorageUnavailableError('The on-device store is busy in another tab: close it and try again.'));
    });
  const db = (): Promise<IDBDatabase> => {
    if (!factory) return Promise.reject(new StorageUnavailableError('This browser cannot store data on the device (IndexedDB is unavailable, e.g. in a private window).'));
    dbp ??= openAt(factory);
    dbp.catch(() => (dbp = null));
    return dbp;
  };
  const run = async <R>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<R>, empty?: () => R): Promise<R> => {
    let d: IDBDatabase;
    try {
      d = await db();
    } catch (e) {
      // A store that could never be created holds nothing: reading it gives nothing, not an error.
      if (mode === 'readonly' && empty && e instanceof MissingStoreError) return empty();
      throw e;
    }
    const tx = d.transaction(OBJECTS, mode);
    let r: IDBRequest<R>;
    try {
      r = fn(tx.objectStore(OBJECTS));
    } catch (e) {
      // put() throws at once for a value it cannot clone, and some browsers for a full quota.
      throw explain(e as DOMException);
    }
    const result = req(r);
    // The transaction's error is the one to report; the request's own would be an unhandled duplicate.
    result.catch(() => {});
    await done(tx);
    return result;
  };
  return {
    get: (key) => run('readonly', (s) => s.get(key) as IDBRequest<T | undefined>, () => undefined),
    put: async (key, value) => {
      await run('readwrite', (s) => s.put(value, key));
    },
    delete: async (key) => {
      await run('readwrite', (s) => s.delete(key));
    },
    keys: async () => (await run('readonly', (s) => s.getAllKeys(), () => [])).map(String),
    values: () => run('readonly', (s) => s.getAll() as IDBRequest<T[]>, () => []),
    clear: async () => {
      await run('readwrite', (s) => s.clear());
    },
  };
}

/** A Store in memory: for tests, and as a stand-in when IndexedDB is missing. */
export function memoryStore<T>(): Store<T> {
  const m = new Map<string, T>();
  return {
    get: async (k) => m.get(k),
    put: async (k, v) => void m.set(k, v),
    delete: async (k) => void m.delete(k),
    keys: async () => [...m.keys()],
    values: async () => [...m.values()],
    clear: async () => m.clear(),
  };
}
