/// <reference types="vitest/config" />
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';
import { DEV_SECURITY_HEADERS, SECURITY_HEADERS } from './src/pwa/headers';
import { BundledPackages, releasePlugin } from './src/pwa/release';
import { MODEL_VARIANTS } from './src/shared/pose-protocol';

/**
 * `vite build` is the app alone. `vite build --mode bench` (bench/preview-server.ts does it,
 * into bench/out/dist) adds the device-speed page the benchmark measures the app against;
 * it never ships.
 */
export const BENCH_MODE = 'bench';
export const BENCH_PAGES = { baseline: 'src/bench/baseline.html' };

const root = path.dirname(fileURLToPath(import.meta.url));

/** Bytes of each pose model, so the page can say "9 MB" offline, before it was ever fetched. */
function modelSizes(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of MODEL_VARIANTS) {
    const f = path.join(root, 'public', 'models', `pose_landmarker_${m}.task`);
    if (existsSync(f)) out[m] = statSync(f).size;
  }
  return out;
}

export default defineConfig(({ mode }) => {
  const bundled = new BundledPackages();
  return {
    define: { __MODEL_SIZES__: JSON.stringify(modelSizes()) },
    plugins: [
      svelte({ configFile: false }),
      bundled.plugin('app'),
      VitePWA({
        strategies: 'injectManifest',
        srcDir: 'src/pwa',
        filename: 'sw.ts',
        // src/pwa/register.ts registers it and offers the update; never reloads by itself.
        registerType: 'prompt',
        injectRegister: false,
        manifest: {
          name: 'Hinge Coach',
          short_name: 'Hinge Coach',
          description: 'Deadlift and RDL technique, checked on your own device. Works offline after the first visit.',
          start_url: './',
          scope: './',
          display: 'standalone',
          background_color: '#0f1419',
          theme_color: '#0f1419',
          icons: [
            { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
            { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
            { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
            { src: 'icons/icon.svg', sizes: 'any', type: 'image/svg+xml' },
          ],
        },
        injectManifest: {
          // The shell, and the one MediaPipe wasm pair the pose worker loads (module + SIMD).
          // Models and the ffmpeg.wasm core are cached on first use instead (src/pwa/sw.ts).
          globPatterns: ['**/*.{js,css,html}', 'wasm/vision_wasm_module_internal.{js,wasm}'],
          globIgnores: ['models/**', 'wasm/vision_wasm_internal.*', 'wasm/vision_wasm_nosimd_internal.*', 'assets/ffmpeg-core-*', '**/*.map'],
          maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
          buildPlugins: { vite: [bundled.plugin('sw')] },
        },
        devOptions: { enabled: false },
      }),
      releasePlugin({ root, collector: bundled, keepAllWasm: mode === BENCH_MODE }),
    ],
    worker: { format: 'es', plugins: () => [bundled.plugin('worker')] },
    // ffmpeg.wasm starts its worker with `new URL('./worker.js', import.meta.url)`, which
    // dependency pre-bundling would break in dev.
    optimizeDeps: { exclude: ['@ffmpeg/ffmpeg'] },
    build: {
      target: 'es2022',
      // Built for debugging a release, never served: 'hidden' leaves no sourceMappingURL in the
      // files, and releasePlugin moves the maps to build-maps/ beside dist/ (src/pwa/release.ts
      // mapsDirFor; e2e/lazy-load.spec.ts reads them there).
      sourcemap: 'hidden',
      // .vite/manifest.json: which source each (hashed) chunk holds; e2e/lazy-load.spec.ts reads it.
      manifest: true,
      rollupOptions: { input: { main: 'index.html', ...(mode === BENCH_MODE ? BENCH_PAGES : {}) } },
    },
    server: { port: 5173, strictPort: true, headers: DEV_SECURITY_HEADERS },
    preview: { port: 4173, strictPort: true, headers: SECURITY_HEADERS },
    test: {
      include: ['src/**/*.test.ts', 'workers/**/*.test.ts', 'scripts/**/*.test.ts', 'models/**/*.test.ts'],
      environment: 'node',
      testTimeout: 60_000,
    },
  };
});
