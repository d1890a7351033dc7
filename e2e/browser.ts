import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { guardOrigin } from './origin-guard';
/** How the e2e suite starts Debian's Chromium (no browser download is possible here). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--autoplay-policy=no-user-gesture-required',
];

/** Launch options with a fake webcam that plays `mjpeg` in a loop. */
export function withFakeCamera(mjpeg: string) {
  return {
    executablePath: CHROMIUM,
    args: [...CHROMIUM_ARGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${mjpeg}`],
  };
}

export interface CameraPage {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** requests that tried to leave the app's origin (blocked) */
  offending: string[];
  /** console errors, less MediaPipe's own INFO/W log lines */
  consoleErrors: string[];
  close(): Promise<void>;
}

/**
 * A browser whose webcam plays `mjpeg`. The fake-camera file is a browser
 * flag, so each clip needs its own browser; this launches it per test.
 */
export async function openWithCamera(mjpeg: string, baseURL: string, viewport = { width: 1280, height: 900 }): Promise<CameraPage> {
  const browser = await chromium.launch(withFakeCamera(mjpeg));
  const context = await browser.newContext({ baseURL, viewport });
  const offending = await guardOrigin(context, new URL(baseURL).origin);
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    // MediaPipe's wasm writes INFO/W lines to stderr, which lands in console.error.
    if (m.type() === 'error' && !/favicon|^(INFO|[IW]\d{4}|WARNING)/.test(m.text())) consoleErrors.push(m.text());
  });
  return { browser, context, page, offending, consoleErrors, close: () => browser.close() };
}
