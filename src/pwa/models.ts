/**
 * Which pose models are on this device (in the service worker's model cache) and how big each is.
 * The sizes are known at build time, so they can be shown offline before a model was ever fetched.
 */
import { writable } from 'svelte/store';
import { MODEL_VARIANTS, type ModelVariant } from '../shared/pose-protocol';
import { MODEL_CACHE } from './cache-names';
import { formatMB, modelBytes } from './model-sizes';

export { formatMB, modelBytes };

/** The URL the pose worker fetches (workers/pose/engine.ts `modelUrl`). */
export const modelUrl = (model: string): string => new URL(`models/pose_landmarker_${model}.task`, new URL(import.meta.env.BASE_URL, location.href)).href;

/** Whether a model is in the service worker's cache (so it loads with the network off). */
export async function isModelCached(model: string): Promise<boolean> {
  if (typeof caches === 'undefined') return false;
  return !!(await (await caches.open(MODEL_CACHE)).match(modelUrl(model)));
}

export type ModelState = 'cached' | 'not-cached' | 'downloading' | 'unknown';
export interface ModelInfo {
  model: ModelVariant;
  bytes: number | null;
  state: ModelState;
  error?: string;
}

const initial = (): ModelInfo[] => MODEL_VARIANTS.map((model) => ({ model, bytes: modelBytes(model), state: 'unknown' }));
const store = writable<ModelInfo[]>(initial());
export const models = { subscribe: store.subscribe };

const set = (model: string, patch: Partial<ModelInfo>) => store.update((list) => list.map((m) => (m.model === model ? { ...m, ...patch } : m)));

/** Looks each model up in Cache Storage (no network). */
export async function refreshModels(): Promise<void> {
  if (typeof caches === 'undefined') return;
  const cache = await caches.open(MODEL_CACHE);
  for (const m of MODEL_VARIANTS) set(m, { state: (await cache.match(modelUrl(m))) ? 'cached' : 'not-cached' });
}

/** Keeps a model on this device now, rather than at its first use. */
export async function downloadModel(model: ModelVariant): Promise<void> {
  set(model, { state: 'downloading', error: undefined });
  try {
    await (await caches.open(MODEL_CACHE)).add(modelUrl(model));
    set(model, { state: 'cached' });
  } catch (e) {
    set(model, { state: 'not-cached', error: navigator.onLine ? String(e instanceof Error ? e.message : e) : 'offline: connect once to download it' });
  }
}

/** Frees the space; the model is fetched again the next time it is used. */
export async function removeModel(model: ModelVariant): Promise<void> {
  await (await caches.open(MODEL_CACHE)).delete(modelUrl(model));
  set(model, { state: 'not-cached' });
}

/** The service worker caches a model when the pose worker first fetches it: look again then. */
export function watchModels(): () => void {
  void refreshModels();
  const again = () => void refreshModels();
  const timer = setInterval(again, 5000);
  window.addEventListener('focus', again);
  navigator.serviceWorker?.addEventListener('controllerchange', again);
  return () => {
    clearInterval(timer);
    window.removeEventListener('focus', again);
    navigator.serviceWorker?.removeEventListener('controllerchange', again);
  };
}
