/**
 * Each screen loads only what it needs, on the production build: the live screen (the
 * default) never fetches the review code or a video decoder / demuxer (mediabunny,
 * ffmpeg.wasm); they arrive when `#/review` opens. And the bench pages are not in the build.
 *
 * Chunk names are hashed, so chunks are known by their sources: Vite's build manifest
 * (.vite/manifest.json) says which chunk holds which entry, and each chunk's source map
 * lists every module bundled into it (so code inlined into the live chunk is caught too).
 * The maps are not served: the build moves them to build-maps/ (vite.config.ts), read from disk.
 *
 * The service worker precaches every chunk, the review's too, for offline use: that is
 * downloading, not loading. What the screen loads is what the page and its workers request.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type APIRequestContext, type BrowserContext, type Page } from '@playwright/test';
import { repoRoot } from './clips';
import { mapsDirFor } from '../src/pwa/release';

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  assets?: string[];
}
type Manifest = Record<string, ManifestChunk>;

const REVIEW_ENTRY = 'src/review/ReviewView.svelte';
/** Modules the live screen must never download: the review screen, video decoding, demuxers. */
const REVIEW_SIDE = /(^|\/)src\/review\/|(^|\/)src\/video\/|node_modules\/(mediabunny|@ffmpeg)\//;
/** The dist folder the config's web server serves (see playwright.config.ts). */
const distDir = path.resolve(repoRoot, process.env.E2E_DIST ?? 'dist');
/** Where that build's source maps were moved (beside it: dist → build-maps). */
const mapsDir = mapsDirFor(distDir);

/** Repository-relative sources of a built JS file, from its source map. */
async function sourcesOf(request: APIRequestContext, url: string): Promise<string[]> {
  const file = path.join(mapsDir, `${new URL(url).pathname}.map`);
  expect(existsSync(file), `source map of ${url} in ${mapsDir}`).toBe(true);
  // …and not served with the app (vite preview answers an unknown path with index.html).
  const served = await request.get(`${url}.map`);
  expect(served.ok() && !/text\/html/.test(served.headers()['content-type'] ?? ''), `${url}.map is served`).toBe(false);
  const map = JSON.parse(readFileSync(file, 'utf8')) as { sources: string[] };
  return map.sources.map((s) => {
    const abs = path.resolve(path.dirname(path.join(distDir, new URL(url).pathname)), s);
    return path.relative(repoRoot, abs).split(path.sep).join('/');
  });
}

/** Chunk keys reachable from `from` through static imports (and dynamic ones too with `dynamic`). */
function closure(m: Manifest, from: string, dynamic: boolean, stopAt?: string): Set<string> {
  const seen = new Set<string>();
  const walk = (k: string) => {
    if (seen.has(k) || !m[k] || k === stopAt) return;
    seen.add(k);
    for (const i of m[k].imports ?? []) walk(i);
    if (dynamic) for (const i of m[k].dynamicImports ?? []) walk(i);
  };
  walk(from);
  return seen;
}

/** Every script (and wasm) the page or its workers request, in order, as paths. */
function recordScripts(context: BrowserContext, page: Page): string[] {
  const seen: string[] = [];
  const add = (u: string) => {
    const p = new URL(u).pathname;
    if (/\.(m?js|wasm)$/.test(p) && !seen.includes(p)) seen.push(p);
  };
  context.on('request', (r) => {
    if (!r.serviceWorker()) add(r.url()); // the service worker's precaching, not this screen
  });
  page.on('worker', (w) => add(w.url()));
  return seen;
}

const offending = (sources: string[]) => sources.filter((s) => REVIEW_SIDE.test(s));

test('the live screen loads no review code or video decoder; the review chunk loads when #/review opens', async ({ page, context, request, baseURL }) => {
  const mr = await request.get('/.vite/manifest.json');
  expect(mr.ok(), 'the build has a manifest (build.manifest in vite.config.ts)').toBe(true);
  const manifest = (await mr.json()) as Manifest;
  const app = manifest['index.html'];
  expect(app?.isEntry, 'index.html is the build entry').toBe(true);
  const review = manifest[REVIEW_ENTRY];
  expect(review?.isDynamicEntry, `${REVIEW_ENTRY} is its own, lazily loaded chunk`).toBe(true);

  // Statically, from the manifest: the live entry, its static imports, and the workers they
  // start (the pose worker only starts with the camera, so the page alone would not show it).
  const liveKeys = closure(manifest, 'index.html', false);
  expect(liveKeys.has(REVIEW_ENTRY), 'the review screen is imported statically by the app').toBe(false);
  const liveFiles = [...liveKeys].flatMap((k) => [manifest[k].file, ...(manifest[k].assets ?? []).filter((a) => /\.m?js$/.test(a))]);
  for (const f of liveFiles) {
    const bad = offending(await sourcesOf(request, `${baseURL}/${f}`));
    expect(bad, `${f} (loaded by the live screen) bundles review-side code`).toEqual([]);
  }
  // The chunks only the review screen reaches (lazily), by file.
  // (Chunks the app loads lazily on its own, not through the review screen, e.g. the service
  // worker's registration helper, are not the review's.)
  const appLazy = closure(manifest, 'index.html', true, REVIEW_ENTRY);
  const reviewKeys = [...closure(manifest, REVIEW_ENTRY, true)].filter((k) => !liveKeys.has(k) && !appLazy.has(k));
  for (const [k, c] of Object.entries(manifest)) if (REVIEW_SIDE.test(c.src ?? k) && !liveKeys.has(k)) reviewKeys.push(k);
  // their files and what they start (the ffmpeg.wasm worker and core are assets of its chunk)
  const reviewFiles = new Set(reviewKeys.flatMap((k) => [manifest[k].file, ...(manifest[k].assets ?? [])]).map((f) => `/${f}`));

  // The live screen, as a visitor opens it, until nothing more loads.
  const scripts = recordScripts(context, page);
  await page.goto('/#/');
  await expect(page.getByTestId('start-camera')).toBeVisible();
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(1000);
  await page.waitForLoadState('networkidle');
  const onLive = [...scripts];
  expect(onLive, 'the live screen loads its entry chunk').toContain(`/${app.file}`);
  expect(onLive.filter((p) => reviewFiles.has(p)), 'review chunks fetched by the live screen').toEqual([]);
  for (const p of onLive) {
    expect(p, 'a script named after a decoder on the live screen').not.toMatch(/mediabunny|ffmpeg/i);
    if (p.endsWith('.wasm')) continue;
    expect(offending(await sourcesOf(request, `${baseURL}${p}`)), `${p}, fetched by the live screen`).toEqual([]);
  }

  // Then the review screen: it renders, and only now is its chunk fetched.
  await page.getByTestId('nav-review').click();
  await expect(page).toHaveURL(/#\/review$/);
  await expect(page.getByTestId('review-file')).toBeVisible();
  await expect(page.getByTestId('review-load-error')).toHaveCount(0);
  const later = scripts.slice(onLive.length);
  expect(later, 'the review chunk is fetched when the review screen opens').toContain(`/${review.file}`);
  // The scan sees what a chunk holds: the review chunk's own map names the review screen.
  expect(await sourcesOf(request, `${baseURL}/${review.file}`)).toContain(REVIEW_ENTRY);
});

test.describe('without the service worker', () => {
  // The page's routes do not see requests the service worker answers from its precache; this
  // is the first visit with the chunk gone (or a host without the worker), not an offline one.
  test.use({ serviceWorkers: 'block' });
  test('the review screen says so, and offers a reload, when its chunk cannot be fetched', async ({ page, request }) => {
    const manifest = (await (await request.get('/.vite/manifest.json')).json()) as Manifest;
    const chunk = manifest[REVIEW_ENTRY].file;
    // As after a deploy that replaced the hashed file, or with the connection gone.
    await page.route(`**/${chunk}`, (route) => route.fulfill({ status: 404, body: 'gone' }));
    await page.goto('/#/');
    await expect(page.getByTestId('start-camera')).toBeVisible();
    await page.getByTestId('nav-review').click();
    const error = page.getByTestId('review-load-error');
    await expect(error).toBeVisible();
    await expect(error).toContainText('could not be loaded');
    await expect(page.getByTestId('review-reload')).toBeVisible();
    await expect(page.getByTestId('review-file')).toHaveCount(0);
    // The live screen still works, and the reload, with the chunk back, opens the review screen.
    await page.getByTestId('nav-live').click();
    await expect(page.getByTestId('start-camera')).toBeVisible();
    await page.getByTestId('nav-review').click();
    await expect(page.getByTestId('review-reload')).toBeVisible();
    await page.unroute(`**/${chunk}`);
    await page.getByTestId('review-reload').click();
    await expect(page.getByTestId('review-file')).toBeVisible();
  });
});

test('the production build has no bench page', async ({ request }) => {
  const manifest = (await (await request.get('/.vite/manifest.json')).json()) as Manifest;
  const bench = Object.keys(manifest).filter((k) => k.startsWith('src/bench/') || manifest[k].src?.startsWith('src/bench/'));
  expect(bench, 'bench entries in the build manifest').toEqual([]);
  expect(existsSync(path.join(distDir, 'index.html')), `${distDir} is the served build`).toBe(true);
  expect(existsSync(path.join(distDir, 'src', 'bench', 'baseline.html')), 'src/bench/baseline.html in the build').toBe(false);
});
