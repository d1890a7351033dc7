import { defineConfig } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from './browser';

// Overridable so two checkouts (or a second build) can run side by side.
const PORT = Number(process.env.E2E_PORT ?? 4173);
const OUT_DIR = process.env.E2E_DIST ? ` --outDir ${process.env.E2E_DIST}` : '';

export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.ts$/,
  outputDir: './artifacts/results',
  timeout: 180_000,
  expect: { timeout: 60_000 },
  // Two cores: one browser at a time keeps inference timings meaningful.
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: './artifacts/report.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_ARGS },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  webServer: {
    // The production build, not the dev server: the worker must work as shipped.
    command: `npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort${OUT_DIR}`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: !process.env.CI,
    cwd: '..',
  },
});
