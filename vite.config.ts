/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

/**
 * `vite build` is the app alone. `vite build --mode bench` (bench/preview-server.ts does it,
 * into bench/out/dist) adds the device-speed page the benchmark measures the app against;
 * it never ships.
 */
export const BENCH_MODE = 'bench';
export const BENCH_PAGES = { baseline: 'src/bench/baseline.html' };

export default defineConfig(({ mode }) => ({
  plugins: [svelte({ configFile: false })],
  worker: { format: 'es' },
  // ffmpeg.wasm starts its worker with `new URL('./worker.js', import.meta.url)`, which
  // dependency pre-bundling would break in dev.
  optimizeDeps: { exclude: ['@ffmpeg/ffmpeg', '@ffmpeg/util'] },
  build: {
    target: 'es2022',
    sourcemap: true,
    // .vite/manifest.json: which source each (hashed) chunk holds; e2e/lazy-load.spec.ts reads it.
    manifest: true,
    rollupOptions: { input: { main: 'index.html', ...(mode === BENCH_MODE ? BENCH_PAGES : {}) } },
  },
  server: { port: 5173, strictPort: true },
  preview: { port: 4173, strictPort: true },
  test: {
    include: ['src/**/*.test.ts', 'workers/**/*.test.ts', 'scripts/**/*.test.ts', 'models/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
}));
