/**
 * Bad things on the live screen: a refused camera, a worker that dies.
 * Each gets a clear message and the app carries on.
 */
import { expect, test } from '@playwright/test';
import { chromium } from '@playwright/test';
import { mjpegFor } from './clips';
import { CHROMIUM, CHROMIUM_ARGS, openWithCamera } from './browser';

const CLIP = 'TBY66_Intelligent-Deadlift-Diagnosis-System/0016c_1.mp4';

test('a refused camera gets a message a lifter can act on', async ({ baseURL }) => {
  // A real camera exists, but the permission prompt is refused.
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [...CHROMIUM_ARGS, '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${mjpegFor(CLIP)}`, '--deny-permission-prompts'],
  });
  try {
    const page = await browser.newPage({ baseURL });
    await page.goto('/');
    await page.getByTestId('start-camera').click();
    await expect(page.getByTestId('live-message')).toContainText('Camera access was refused');
    // Still usable: the review view opens.
    await page.getByTestId('nav-review').click();
    await expect(page.getByTestId('review-file')).toBeAttached();
  } finally {
    await browser.close();
  }
});

test('a pose worker that dies or hangs is restarted and tracking resumes', async ({ baseURL }) => {
  const cam = await openWithCamera(mjpegFor(CLIP), baseURL!);
  const { page } = cam;
  try {
    await page.goto('/?debug');
    await page.getByTestId('model-select').selectOption('lite');
    await page.getByTestId('delegate-select').selectOption('CPU');
    await page.getByTestId('start-camera').click();
    await expect(page.getByTestId('person')).toHaveText('tracked', { timeout: 90_000 });
    // Kill the worker the way an out-of-memory kill would: no error event, no answer.
    await page.evaluate(() => (window as any).__hinge.live.client.worker.terminate());
    await expect(page.getByTestId('live-message')).toContainText('restarted after a crash', { timeout: 60_000 });
    const before = await page.evaluate(() => (window as any).__hinge.live.frames);
    await expect.poll(() => page.evaluate(() => (window as any).__hinge.live.frames), { timeout: 60_000 }).toBeGreaterThan(before + 5);
    await expect(page.getByTestId('person')).toHaveText('tracked');
    // Hung, as a stuck wasm call would leave it: alive but silent. (The time it takes is bench:recovery's.)
    await page.evaluate(() => ((window as any).__hinge.live.message = ''));
    const worker = page.workers().find((w) => /pose\.worker/.test(w.url()));
    expect(worker, 'the pose worker').toBeTruthy();
    await worker!.evaluate(() => void setTimeout(() => {
      const end = Date.now() + 60_000;
      while (Date.now() < end);
    }, 0));
    await expect(page.getByTestId('live-message')).toContainText('stopped responding', { timeout: 30_000 });
    await expect(page.getByTestId('live-message')).toContainText('restarted after a crash', { timeout: 30_000 });
    const after = await page.evaluate(() => (window as any).__hinge.live.frames);
    await expect.poll(() => page.evaluate(() => (window as any).__hinge.live.frames), { timeout: 30_000 }).toBeGreaterThan(after + 5);
  } finally {
    await cam.close();
  }
});
