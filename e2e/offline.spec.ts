/**
 * Offline after one visit, on the production build: the first visit (online, fake camera)
 * installs the service worker and caches the model it uses; then the browser context goes
 * offline and, after a reload, a live set counts reps and a review of a short video finishes.
 * A model that was never used is not on the device, and the app says so, with its size.
 */
import { expect, test, type Page } from '@playwright/test';
import { footage, mjpegFor } from './clips';
import { openWithCamera } from './browser';
import { guardOrigin } from './origin-guard';

const TBY = 'TBY66_Intelligent-Deadlift-Diagnosis-System';
const MODEL = 'lite';
const NEVER_CACHED = 'heavy';
const REVIEW_CLIP = 'julioccv13_entrenamiento_2/derived_rdl_LEFT_good_0-9.5s.mp4';

/** Until the service worker has installed (precache complete) and controls this page. */
const controlled = (page: Page) =>
  page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
    return navigator.serviceWorker.controller!.scriptURL;
  });

/** Cache Storage as the page sees it: entries and bytes per cache. */
const cacheStorage = (page: Page) =>
  page.evaluate(async () => {
    const out: Record<string, { urls: string[]; bytes: number }> = {};
    for (const name of await caches.keys()) {
      const c = await caches.open(name);
      const urls: string[] = [];
      let bytes = 0;
      for (const req of await c.keys()) {
        urls.push(new URL(req.url).pathname);
        bytes += (await (await c.match(req))!.blob()).size;
      }
      out[name] = { urls, bytes };
    }
    return out;
  });

const repCount = (page: Page) => page.evaluate(() => ((window as any).__hinge?.coach?.repCount as number | undefined) ?? 0);

/** The first visit, online: the worker installs, takes the page, and says the app works offline. */
async function firstVisit(page: Page): Promise<void> {
  await page.goto('/?debug');
  expect(await controlled(page)).toMatch(/\/sw\.js$/);
  await expect(page.getByTestId('models-panel')).toContainText('works with the network off');
}

const row = (page: Page, m: string) => page.locator(`[data-testid="model-row"][data-model="${m}"]`);

test('after one visit, a live set counts reps with the network off', async ({ baseURL }) => {
  test.setTimeout(120_000);
  const cam = await openWithCamera(mjpegFor(`${TBY}/0016k_1.mp4`, { holdStartS: 4, holdEndS: 3, riseBackS: 0.75 }), baseURL!);
  const { page, context } = cam;
  const t0 = Date.now();
  const mark = (what: string) => test.info().annotations.push({ type: 'timing', description: `${what}: ${((Date.now() - t0) / 1000).toFixed(1)} s` });
  try {
    // Online: the chosen model is used once, and so cached.
    await firstVisit(page);
    await page.getByTestId('model-select').selectOption(MODEL);
    await page.getByTestId('delegate-select').selectOption('CPU');
    await page.getByTestId('start-camera').click();
    // Cached as the pose worker fetches it (through the service worker), before it even runs.
    await expect
      .poll(async () => Object.entries(await cacheStorage(page)).find(([n]) => n.startsWith('hinge-models'))?.[1].urls ?? [], { timeout: 60_000 })
      .toContain(`/models/pose_landmarker_${MODEL}.task`);
    await page.getByTestId('start-camera').click(); // stop
    mark('online visit, model used');

    const online = await cacheStorage(page);
    const models = Object.entries(online).find(([n]) => n.startsWith('hinge-models'))?.[1];
    expect(models?.urls, 'the model used is cached, and only it').toEqual([`/models/pose_landmarker_${MODEL}.task`]);
    const precache = Object.entries(online).find(([n]) => n.startsWith('workbox-precache'))?.[1];
    expect(precache?.urls).toEqual(expect.arrayContaining(['/index.html', '/wasm/vision_wasm_module_internal.wasm', '/wasm/vision_wasm_module_internal.js']));
    // Not precached: the wasm variants the worker never loads, the ffmpeg.wasm core, any model.
    expect(precache!.urls.filter((u) => /nosimd|vision_wasm_internal|ffmpeg-core|\.task$|\.map$/.test(u))).toEqual([]);
    test.info().annotations.push({
      type: 'cache storage',
      description: Object.entries(online).map(([n, c]) => `${n}: ${c.urls.length} entries, ${(c.bytes / 1e6).toFixed(1)} MB`).join('; '),
    });
    // The models panel says what is here and how big the rest is.
    await page.getByTestId('models-panel').locator('summary').click();
    await expect(row(page, MODEL)).toHaveAttribute('data-state', 'cached');
    await expect(row(page, MODEL).getByTestId('model-state')).toHaveText('on this device');
    await expect(row(page, NEVER_CACHED)).toHaveAttribute('data-state', 'not-cached');
    await expect(row(page, NEVER_CACHED).getByTestId('model-size')).toHaveText('31 MB');

    // Offline: the reload is served by the service worker, the model from its cache.
    await context.setOffline(true);
    const navigation = await page.reload();
    expect(navigation?.fromServiceWorker(), 'the page came from the service worker').toBe(true);
    expect(await page.evaluate(() => navigator.onLine)).toBe(false);
    await page.getByTestId('model-select').selectOption(MODEL);
    await page.getByTestId('delegate-select').selectOption('CPU');
    await page.getByTestId('lift-select').selectOption('deadlift');
    await page.getByTestId('start-camera').click();
    await expect(page.getByTestId('set-state')).toHaveText('Set: active', { timeout: 60_000 });
    await expect.poll(() => repCount(page), { timeout: 40_000, intervals: [500] }).toBeGreaterThanOrEqual(3);
    await expect(page.getByTestId('rep-count')).not.toHaveText('0');
    mark(`offline live set, ${await repCount(page)} reps`);
    expect(cam.offending, `requests left the origin: ${cam.offending.join(', ')}`).toEqual([]);
  } finally {
    await page.screenshot({ path: test.info().outputPath('offline-live.png') }).catch(() => {});
    await cam.close();
  }
});

test('after one visit, a video is reviewed with the network off', async ({ page, context, baseURL }) => {
  test.setTimeout(90_000);
  const offending = await guardOrigin(context, new URL(baseURL!).origin);
  await firstVisit(page);
  // Kept on the device from the models panel, before it was ever used.
  await page.getByTestId('models-panel').locator('summary').click();
  await expect(row(page, MODEL)).toHaveAttribute('data-state', 'not-cached');
  await row(page, MODEL).getByTestId('model-download').click();
  await expect(row(page, MODEL)).toHaveAttribute('data-state', 'cached', { timeout: 30_000 });

  await context.setOffline(true);
  await page.goto('/?debug#/review');
  await page.getByTestId('review-model').selectOption(MODEL);
  await page.getByTestId('review-lift').selectOption('rdl');
  await page.getByTestId('review-file').setInputFiles(footage(REVIEW_CLIP));
  await expect(page.getByTestId('review-status')).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  await expect(page.getByTestId('summary-reps')).toHaveText(/^[1-9]\d* reps?$/);
  expect(offending, `requests left the origin: ${offending.join(', ')}`).toEqual([]);
});

test('offline, a model that was never used says it is not on this device yet, with its size', async ({ baseURL }) => {
  test.setTimeout(90_000);
  const cam = await openWithCamera(mjpegFor(`${TBY}/0016k_1.mp4`), baseURL!);
  const { page, context } = cam;
  // "31 MB" or "30.7 MB" (or in MiB): the size of the model that would download.
  const sizeOk = (text: string) => {
    const n = Number(/(\d+(?:\.\d+)?)\s*MB/.exec(text)?.[1]);
    return Math.abs(n - 30_672_452 / 1e6) < 1 || Math.abs(n - 30_672_452 / 2 ** 20) < 1;
  };
  try {
    await firstVisit(page);
    await context.setOffline(true);
    await page.reload();

    // Live: choosing it and starting the camera.
    await page.getByTestId('model-select').selectOption(NEVER_CACHED);
    await page.getByTestId('delegate-select').selectOption('CPU');
    await page.getByTestId('start-camera').click();
    const live = page.getByTestId('live-message');
    await expect(live).toContainText('not on this device yet', { timeout: 30_000 });
    await expect(live).toContainText('connect once to download it');
    expect(sizeOk((await live.textContent()) ?? ''), (await live.textContent()) ?? '').toBe(true);
    await expect(live).not.toContainText(/crash|cancel/i);

    // Review: the same model for a video.
    await page.getByTestId('nav-review').click();
    await page.getByTestId('review-model').selectOption(NEVER_CACHED);
    await page.getByTestId('review-file').setInputFiles(footage(REVIEW_CLIP));
    await expect(page.getByTestId('review-status')).toHaveAttribute('data-state', 'error', { timeout: 30_000 });
    const review = page.getByTestId('review-error');
    await expect(review).toContainText('not on this device yet');
    await expect(review).toContainText('connect once to download it');
    expect(sizeOk((await review.textContent()) ?? ''), (await review.textContent()) ?? '').toBe(true);
    await expect(review).not.toContainText(/crash|cancel/i);
    expect(cam.offending).toEqual([]);
  } finally {
    await cam.close();
  }
});
