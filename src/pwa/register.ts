/**
 * Registers the service worker and offers updates (registerType 'prompt'): a new version
 * waits until the user chooses to reload, and the choice is refused while a set or a review
 * runs (src/pwa/busy.ts).
 */
import { writable } from 'svelte/store';
import { registerSW } from 'virtual:pwa-register';
import { isBusy } from './busy';

export const updateAvailable = writable(false);
/** True once the app shell is cached: from then on it opens with the network off. */
export const offlineReady = writable(false);

let updateSW: ((reload?: boolean) => Promise<void>) | null = null;

export function startServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  updateSW = registerSW({
    immediate: true,
    onNeedRefresh: () => updateAvailable.set(true),
    onOfflineReady: () => offlineReady.set(true),
    onRegisteredSW: (_url, reg) => {
      if (reg?.active) offlineReady.set(true);
      // A long-open tab hears of a new version within the hour.
      if (reg) setInterval(() => void reg.update().catch(() => undefined), 60 * 60 * 1000);
    },
  });
}

/** Activates the waiting version and reloads, unless something is running. Returns whether it did. */
export async function applyUpdate(): Promise<boolean> {
  if (isBusy() || !updateSW) return false;
  // workbox-window reloads only if a worker controlled the page when it loaded; a tab that
  // installed the first version and then heard of the next must reload on the switch too.
  navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
  await updateSW(true);
  return true;
}
