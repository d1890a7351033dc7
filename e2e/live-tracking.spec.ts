/**
 * Foundation: the built app, a fake webcam playing a real clip, the real
 * worker and model; a plausible pose must be tracked and nothing may leave
 * the origin.
 */
import { expect, test } from '@playwright/test';
import { mjpegFor } from './clips';
import { openWithCamera } from './browser';

const CLIP = 'TBY66_Intelligent-Deadlift-Diagnosis-System/0016c_1.mp4';

test('tracks a lifter from the camera with 33 plausible landmarks, all served from the origin', async ({ baseURL }) => {
  const cam = await openWithCamera(mjpegFor(CLIP), baseURL!);
  const { page } = cam;
  try {
    await page.goto('/?debug');
    await page.getByTestId('model-select').selectOption('lite');
    await page.getByTestId('start-camera').click();
    // 'auto' tries CPU against GPU once, saying so; the result is kept for the next start.
    await expect(page.getByTestId('device-test')).toContainText('Testing this device', { timeout: 90_000 });

    await expect(page.getByTestId('person')).toHaveText('tracked', { timeout: 90_000 });
    await expect(page.getByTestId('engine-info')).toContainText('mediapipe lite');
    await expect(page.getByTestId('device-test')).toBeHidden({ timeout: 90_000 });
    await expect(page.getByTestId('engine-info')).toContainText('measured');
    const kept = await page.evaluate(() => JSON.parse(localStorage.getItem('hinge-coach:delegate') ?? '{}'));
    expect(kept.lite?.delegate).toMatch(/^(CPU|GPU)$/);

    // Sample several tracked frames, not just one lucky one.
    const poses = [];
    for (let i = 0; i < 5; i++) {
      await page.waitForTimeout(400);
      poses.push(await page.evaluate(() => (window as any).__hinge.live.pose?.landmarks ?? null));
    }
    const tracked = poses.filter((p): p is number[][] => Array.isArray(p));
    expect(tracked.length).toBeGreaterThanOrEqual(4);
    for (const lm of tracked) {
      expect(lm).toHaveLength(33);
      for (const p of lm) {
        expect(p).toHaveLength(4);
        for (const v of p.slice(0, 2)) expect(v).toBeGreaterThan(-0.25), expect(v).toBeLessThan(1.25);
      }
      const mid = (a: number, b: number) => [(lm[a][0] + lm[b][0]) / 2, (lm[a][1] + lm[b][1]) / 2];
      const [, hipY] = mid(23, 24);
      const [, ankleY] = mid(27, 28);
      expect(ankleY).toBeGreaterThan(hipY); // image y grows downwards
      // Head beyond the shoulders along the trunk (hips → shoulders): "above" in the
      // body's own frame, which holds bent over at the bottom of a rep as well as standing.
      const [hx, hy] = mid(23, 24);
      const [sx, sy] = mid(11, 12);
      const along = (x: number, y: number) => (x - hx) * (sx - hx) + (y - hy) * (sy - hy);
      expect(along(lm[0][0], lm[0][1])).toBeGreaterThan(along(sx, sy));
      expect(ankleY - sy).toBeGreaterThan(0.1); // a body, not a speck
    }

    const fps = parseFloat((await page.getByTestId('fps').textContent()) ?? '0');
    const ms = parseFloat((await page.getByTestId('inference-ms').textContent()) ?? 'NaN');
    expect(fps).toBeGreaterThan(1);
    expect(ms).toBeGreaterThan(0);
    test.info().annotations.push({ type: 'live', description: `lite: ${fps.toFixed(1)} fps, ${ms.toFixed(1)} ms inference` });

    await page.screenshot({ path: test.info().outputPath('live-tracking.png') });
    expect(cam.offending, `requests left the origin: ${cam.offending.join(', ')}`).toEqual([]);
    expect(cam.consoleErrors).toEqual([]);
  } finally {
    await cam.close();
  }
});
