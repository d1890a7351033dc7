/**
 * "Something is running that a reload would lose": a live set or a review. The update banner
 * (src/pwa/UpdateBanner.svelte) never reloads while anything holds it. Sessions call
 * `setBusy('live-set', true)` when a set starts and `setBusy('live-set', false)` when it ends
 * (likewise 'review' around an analysis).
 */
import { derived, get, writable } from 'svelte/store';

export type BusyReason = 'live-set' | 'review';

const holders = writable<ReadonlySet<BusyReason>>(new Set());

export function setBusy(reason: BusyReason, on: boolean): void {
  holders.update((s) => {
    if (s.has(reason) === on) return s;
    const next = new Set(s);
    if (on) next.add(reason);
    else next.delete(reason);
    return next;
  });
}

/** What is running now (empty: a reload loses nothing). */
export const busyReasons = { subscribe: holders.subscribe };
export const busy = derived(holders, (s) => s.size > 0);
export const isBusy = (): boolean => get(busy);
