/// <reference lib="webworker" />
/**
 * The service worker (vite-plugin-pwa, injectManifest): the app shell and the MediaPipe wasm
 * are precached at install; a pose model and the ffmpeg.wasm core (30 MB, only for HEVC /
 * MPEG-4 Part 2 review) are cached the first time they are fetched, never before. Every
 * response it serves carries the same security headers the server sends (src/pwa/headers.ts).
 * It never fetches anything off this origin: cross-origin requests are not routed at all.
 */
import { clientsClaim, type WorkboxPlugin } from 'workbox-core';
import { addPlugins, cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst } from 'workbox-strategies';
import { CacheableResponsePlugin } from 'workbox-cacheable-response';
import { SECURITY_HEADERS } from './headers';
import { FFMPEG_CACHE, MODEL_CACHE, isFfmpegCoreUrl, isModelUrl } from './cache-names';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | { url: string; revision: string | null })[] };

/** Re-issues a response with the security headers: Cache Storage keeps whatever the server sent. */
export const withSecurityHeaders: WorkboxPlugin = {
  handlerWillRespond: async ({ response }) => {
    if (response.type === 'opaque' || response.type === 'opaqueredirect') return response;
    const headers = new Headers(response.headers);
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) headers.set(k, v);
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  },
};

// Only whole, good responses go into a cache (no 206 ranges, no 404 pages kept as a model).
const onlyOk = new CacheableResponsePlugin({ statuses: [200] });

addPlugins([withSecurityHeaders]);
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// A navigation to the app (`/`, `/?debug`, `/#/review` …) is its one page; any other path (a
// bench page in a `--mode bench` build) goes to the network as usual.
const scope = new URL(self.registration.scope).pathname.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// (Workbox matches the allowlist against pathname + search.)
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { allowlist: [new RegExp(`^${scope}(index\\.html)?(\\?.*)?$`)] }));

const sameOrigin = (url: URL) => url.origin === self.location.origin;
registerRoute(({ url }) => sameOrigin(url) && isModelUrl(url.pathname), new CacheFirst({ cacheName: MODEL_CACHE, plugins: [onlyOk, withSecurityHeaders] }));
registerRoute(({ url }) => sameOrigin(url) && isFfmpegCoreUrl(url.pathname), new CacheFirst({ cacheName: FFMPEG_CACHE, plugins: [onlyOk, withSecurityHeaders] }));

// registerType 'prompt': a new version waits until the page says the user chose to reload.
self.addEventListener('message', (e) => {
  if ((e.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
// The first install takes the open page at once, so the model it loads next is cached.
clientsClaim();
