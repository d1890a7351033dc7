/**
 * Nothing leaves the origin, on the production build, whoever tries: from the page, the service
 * worker, the live pose worker, the review's pose workers and the ffmpeg.wasm worker, a fetch,
 * an XMLHttpRequest, a WebSocket, `WorkerGlobalScope.prototype.fetch.call` (around the pose
 * worker's own fetch guard), a beacon and an image load to another origin all fail: the CSP
 * response header does it, not the test's routing (the guard here only records). A listening
 * server on that other origin counts what reaches it: nothing. And the headers are on the
 * document, a worker script and a wasm, as served and as the service worker serves them offline.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { expect, test, type Page, type Worker } from '@playwright/test';
import { artifactsDir, footage, mjpegFor } from './clips';
import { CHROMIUM, CHROMIUM_ARGS, withFakeCamera } from './browser';
import { guardOrigin } from './origin-guard';
import { CSP, SECURITY_HEADERS } from '../src/pwa/headers';

const TBY = 'TBY66_Intelligent-Deadlift-Diagnosis-System';

/** A server on another origin that counts every request and WebSocket upgrade reaching it. */
async function sink(): Promise<{ url: string; ws: string; hits: string[]; close(): Promise<void> }> {
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'Access-Control-Allow-Origin': '*', 'Content-Type': 'image/png' }).end();
  });
  server.on('upgrade', (req, socket) => {
    hits.push(`UPGRADE ${req.url}`);
    socket.destroy();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.2', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.2:${port}/`, ws: `ws://127.0.0.2:${port}/`, hits, close: () => new Promise((r) => server.close(() => r())) };
}

type Outcome = Record<string, string>;

/** Runs in the page or in a worker: every way out it has, each to `url`; how each ended. */
async function tryToLeave({ url, ws, who }: { url: string; ws: string; who: string }): Promise<Outcome> {
  const out: Outcome = {};
  const g = globalThis as any;
  const within = <T,>(p: Promise<T>) => Promise.race([p, new Promise<string>((r) => setTimeout(() => r('no answer in 5 s'), 5000))]);
  const viaFetch = (f: typeof fetch, u: string) => within(f(u).then((r) => `REACHED ${r.status}`, (e: Error) => `failed: ${e.message}`));
  out.fetch = String(await viaFetch(fetch, `${url}${who}/fetch`));
  if (typeof g.WorkerGlobalScope === 'function') {
    out['WorkerGlobalScope.prototype.fetch'] = String(await viaFetch((u) => g.WorkerGlobalScope.prototype.fetch.call(g, u), `${url}${who}/proto-fetch`));
    out['fetch(image)'] = String(await viaFetch(fetch, `${url}${who}/image.png`));
  }
  if (typeof g.XMLHttpRequest === 'function') {
    out.XMLHttpRequest = String(
      await within(
        new Promise<string>((res) => {
          const x = new g.XMLHttpRequest();
          x.onload = () => res(`REACHED ${x.status}`);
          x.onerror = () => res('failed: error event');
          try {
            x.open('GET', `${url}${who}/xhr`);
            x.send();
          } catch (e) {
            res(`failed: threw ${(e as Error).message}`);
          }
        }),
      ),
    );
  }
  out.WebSocket = String(
    await within(
      new Promise<string>((res) => {
        try {
          const s = new WebSocket(`${ws}${who}/ws`);
          s.onopen = () => res('REACHED open');
          s.onerror = () => res('failed: error event');
        } catch (e) {
          res(`failed: threw ${(e as Error).message}`);
        }
      }),
    ),
  );
  if (typeof g.navigator?.sendBeacon === 'function') out.sendBeacon = `queued: ${g.navigator.sendBeacon(`${url}${who}/beacon`, 'x')}`;
  if (typeof g.Image === 'function') {
    out.image = String(
      await within(
        new Promise<string>((res) => {
          const img = new g.Image();
          img.onload = () => res('REACHED loaded');
          img.onerror = () => res('failed: error event');
          img.src = `${url}${who}/image.png`;
        }),
      ),
    );
  }
  return out;
}

/** Counts the page's CSP violation reports, to see that the policy is what stopped them. */
const countViolations = (page: Page) =>
  page.addInitScript(() => {
    (window as any).__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => (window as any).__violations.push(`${e.effectiveDirective} ${e.blockedURI}`));
  });

test('nothing reaches another origin from the page or any worker, in the live, review and ffmpeg flows', async ({ baseURL }) => {
  test.setTimeout(120_000);
  // A tiny HEVC clip: the ffmpeg.wasm worker decodes it (made here, never committed).
  const hevc = path.join(artifactsDir, 'egress', 'tiny-hevc.mp4');
  if (!existsSync(hevc)) {
    mkdirSync(path.dirname(hevc), { recursive: true });
    execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-t', '3', '-i', footage(`${TBY}/0016c_1.mp4`), '-vf', 'scale=-2:240', '-c:v', 'libx265', '-tag:v', 'hvc1', '-x265-params', 'log-level=error', '-an', hevc]);
  }
  const out = await sink();
  const { chromium } = await import('@playwright/test');
  const browser = await chromium.launch(withFakeCamera(mjpegFor(`${TBY}/0016c_1.mp4`)));
  try {
    const context = await browser.newContext({ baseURL });
    const offending = await guardOrigin(context, new URL(baseURL!).origin, { block: false });
    // What Chromium saw of each off-origin request: a request the CSP stopped is still reported,
    // as failed before the network (net::ERR_BLOCKED_BY_CSP); one that got an answer would be a leak.
    const off = (u: string) => new URL(u).origin !== new URL(baseURL!).origin && !/^(data|blob):/.test(u);
    const answered: string[] = [];
    const failed: string[] = [];
    context.on('requestfinished', (r) => off(r.url()) && answered.push(r.url()));
    context.on('requestfailed', (r) => off(r.url()) && failed.push(`${r.url()} ${r.failure()?.errorText}`));
    const page = await context.newPage();
    await countViolations(page);
    const results: Record<string, Outcome> = {};
    const attempt = async (who: string, target: Page | Worker) => {
      const arg = { url: out.url, ws: out.ws, who };
      results[who] = await ('mainFrame' in target ? target.evaluate(tryToLeave, arg) : target.evaluate(tryToLeave, arg));
    };
    // Workers that live only while they work (ffmpeg.wasm's): tried the moment they start.
    const early: Promise<void>[] = [];
    const seen: string[] = [];
    page.on('worker', (w) => {
      const name = `${new URL(w.url()).pathname.split('/').pop()} #${seen.length + 1} (from its start)`;
      seen.push(name);
      early.push(attempt(name, w).catch((e: Error) => void (results[name] = { closed: `REACHED? worker closed first: ${e.message}` })));
    });

    await page.goto('/?debug');
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
    });
    await attempt('page', page);
    const [sw] = context.serviceWorkers();
    expect(sw, 'the service worker is running').toBeTruthy();
    await attempt('service-worker', sw);

    // Live: the pose worker reads the camera.
    await page.getByTestId('model-select').selectOption('lite');
    await page.getByTestId('delegate-select').selectOption('CPU');
    await page.getByTestId('start-camera').click();
    await expect(page.getByTestId('person')).toHaveText('tracked', { timeout: 60_000 });
    const pose = page.workers().find((w) => /pose\.worker/.test(w.url()));
    expect(pose, `a pose worker among ${page.workers().map((w) => w.url())}`).toBeTruthy();
    await attempt('live pose worker', pose!);
    await page.getByTestId('start-camera').click();

    // Review of an HEVC clip: ffmpeg.wasm decodes, pose workers measure.
    const before = new Set(page.workers());
    await page.getByTestId('nav-review').click();
    await page.getByTestId('review-model').selectOption('lite');
    await page.getByTestId('review-file').setInputFiles(hevc);
    await expect(page.getByTestId('review-status')).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    expect(await page.evaluate(() => (window as any).__hinge.review.videoInfo.decoder)).toBe('ffmpeg');
    // The ffmpeg.wasm core, never precached, is on the device now that it was used.
    const ffmpegCache = await page.evaluate(async () => {
      const name = (await caches.keys()).find((n) => n.startsWith('hinge-ffmpeg'));
      return name ? (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname) : [];
    });
    expect(ffmpegCache.map((p) => p.replace(/-[\w-]{8}(\.\w+)$/, '$1')).sort()).toEqual(['/assets/ffmpeg-core.js', '/assets/ffmpeg-core.wasm']);
    const later = page.workers().filter((w) => !before.has(w));
    test.info().annotations.push({ type: 'workers after the review', description: later.map((w) => new URL(w.url()).pathname).join(', ') });
    for (const [i, w] of later.entries()) await attempt(`review worker ${i + 1} ${new URL(w.url()).pathname.split('/').pop()}`, w);

    await Promise.all(early);
    test.info().annotations.push({ type: 'attempts', description: JSON.stringify(results) });
    test.info().annotations.push({ type: 'off-origin requests Chromium reported', description: failed.join('; ') });
    expect(seen.filter((n) => /^worker-/.test(n)), `the ffmpeg.wasm worker among ${seen}`).toHaveLength(1);
    for (const [who, r] of Object.entries(results)) for (const [how, v] of Object.entries(r)) expect(v, `${who}: ${how}`).not.toMatch(/^REACHED/);
    const violations = await page.evaluate(() => (window as any).__violations as string[]);
    test.info().annotations.push({ type: 'page CSP violations', description: violations.join('; ') });
    expect(violations.filter((v) => v.startsWith('connect-src')).length, 'the page CSP blocked the page attempts').toBeGreaterThan(0);
    // …and nothing of the app's own: no inline style or script, no eval, in the live and review flows.
    expect(violations.filter((v) => !v.includes(new URL(out.url).host)), "the app's own CSP violations").toEqual([]);
    expect(out.hits, 'requests that reached the other origin').toEqual([]);
    expect(answered, 'off-origin requests that got an answer').toEqual([]);
    for (const u of offending) expect(failed.some((f) => f.startsWith(`${u} `)), `${u}: reported, and failed`).toBe(true);
    for (const f of failed) expect(f).toMatch(/ERR_BLOCKED_BY_CSP|csp/i);
  } finally {
    await browser.close();
    await out.close();
  }
});

test('the security headers are on the document, a worker script and a wasm, online and from the service worker offline', async ({ page, context, request }) => {
  const manifest = (await (await request.get('/.vite/manifest.json')).json()) as Record<string, { file: string; assets?: string[] }>;
  const worker = Object.values(manifest).flatMap((c) => c.assets ?? []).find((a) => /pose\.worker-.*\.js$/.test(a)) ?? Object.values(manifest).map((c) => c.file).find((f) => /pose\.worker/.test(f));
  expect(worker, 'the pose worker script in the build').toBeTruthy();
  const urls = ['/', `/${worker}`, '/wasm/vision_wasm_module_internal.wasm', '/sw.js'];
  const expectHeaders = (h: Record<string, string>, what: string) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) expect(h[k.toLowerCase()], `${what}: ${k}`).toBe(v);
    expect(h['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(h['content-security-policy']).not.toMatch(/'unsafe-eval'|script-src[^;]*'unsafe-inline'/);
  };
  for (const u of urls) expectHeaders((await request.get(u)).headers(), `served ${u}`);
  expect(CSP).toMatch(/script-src 'self' 'wasm-unsafe-eval';/);

  // From the service worker's caches, offline: the same headers.
  await page.goto('/');
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
  });
  await context.setOffline(true);
  const doc = await page.reload();
  expect(doc!.fromServiceWorker()).toBe(true);
  expectHeaders(await doc!.allHeaders(), 'offline document');
  for (const u of urls.slice(1, 3)) {
    const h = await page.evaluate(async (u) => Object.fromEntries((await fetch(u)).headers), u);
    expectHeaders(h, `offline ${u}`);
  }
});
