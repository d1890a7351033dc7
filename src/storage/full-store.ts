/** For tests: a memory store whose writes fail as a full device's do until `room()` is called. */
import { memoryStore, StorageFullError, type Store } from './idb-store';

export function fullStore<T>(): Store<T> & { room(): void } {
  const store = memoryStore<T>();
  let full = true;
  const put = store.put;
  return Object.assign(store, {
    put: async (k: string, v: T) => {
      if (full) throw new StorageFullError();
      return put(k, v);
    },
    room: () => void (full = false),
  });
}
