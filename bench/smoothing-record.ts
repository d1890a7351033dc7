/**
 * Recording half of `npm run bench:smoothing`: builds the bench-only page in
 * bench/smoothing-page/ (Vite, into a temp dir: it is not an input of the
 * app's vite.config.ts and never lands in dist/), opens it in headless Debian
 * Chromium on a made-up origin that Playwright's router serves from disk
 * (the page, the app's wasm and full model from public/ or dist/, the clip
 * from ../shared/footage), and records VIDEO- and IMAGE-mode landmarks of the
 * same decoded frames. Every request off that origin is blocked and listed.
 *
 * Recordings go to ~/.cache/hinge-coach/smoothing/ (outside the repo), one
 * JSON per clip, and are reused unless `--fresh`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../e2e/browser';
import type { ClipRun } from './smoothing-page/main';

export type { ClipRun, ModeFrames } from './smoothing-page/main';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const footageDir = path.resolve(repoRoot, '../shared/footage');
export const cacheDir = process.env.HINGE_SMOOTHING_CACHE ?? path.join(os.homedir(), '.cache/hinge-coach/smoothing');
// a loopback origin is a secure context (WebCodecs needs one); nothing listens there, the router answers
const ORIGIN = 'http://127.0.0.1:47613';

/**
 * One H.264 clip (WebCodecs decodes it here) per source folder of ../shared/footage, plus the
 * TBY66 front-oblique twin: standing still between or around the reps, side, front and oblique
 * views, 24–60 fps, 240–1920 px. mattiolato98's Good clips are MPEG-4 Part 2 (not decodable), so its Bad one.
 */
export const CLIPS = [
  'TBY66_Intelligent-Deadlift-Diagnosis-System/0016c_1.mp4',
  'TBY66_Intelligent-Deadlift-Diagnosis-System/0016c_2.mp4',
  'julioccv13_entrenamiento_2/derived_rdl_LEFT_good_0-9.5s.mp4',
  'mattiolato98_deadlift-visual-analyzer/Bad/000002.mp4',
  'BichraiX_AI-Deadlift-Analysis/good/good001.mp4',
  'jeff-j-chen_MediaPipe-PoseReader/good.mp4',
  'Dr-who412_life-enherance/single_leg_deadlift.mp4',
  '03y_pose-estimation-for-powerlifting/deadlift4.mp4',
  'SiriwanIm_Deadlift-Posture-Correction/Deadlift_edited7.mp4',
] as const;

export const cachePath = (clip: string) => path.join(cacheDir, clip.replace(/\//g, '__').replace(/\.[^.]+$/, '') + '.json');

/** public/ (npm run models) first, dist/ (npm run build) otherwise; builds the models when neither has them. */
function assetRoot(): string {
  const has = (dir: string) => existsSync(path.join(dir, 'models/pose_landmarker_full.task')) && existsSync(path.join(dir, 'wasm/vision_wasm_internal.wasm'));
  for (const d of ['public', 'dist']) if (has(path.join(repoRoot, d))) return path.join(repoRoot, d);
  process.stderr.write('no built model: running npm run models…\n');
  const r = spawnSync('npm', ['run', 'models', '--silent'], { cwd: repoRoot, stdio: 'inherit' });
  if (r.status !== 0 || !has(path.join(repoRoot, 'public'))) throw new Error('npm run models failed');
  return path.join(repoRoot, 'public');
}

async function buildPage(): Promise<string> {
  const { build } = await import('vite');
  const outDir = path.join(os.tmpdir(), 'hinge-coach-smoothing-page');
  await build({
    configFile: false,
    root: path.join(repoRoot, 'bench/smoothing-page'),
    base: '/',
    logLevel: 'warn',
    publicDir: false,
    build: { outDir, emptyOutDir: true, target: 'es2022', minify: false },
  });
  return outDir;
}

const MIME: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
  '.task': 'application/octet-stream',
  '.mp4': 'video/mp4',
  '.mov': 'video/quicktime',
  '.json': 'application/json',
};

export interface RecordResult {
  runs: Record<string, ClipRun>;
  /** requests that tried to leave the page's origin (all blocked) */
  blocked: string[];
}

/** Records the clips that have no cached recording yet (all of them with `fresh`). */
export async function recordClips(clips: readonly string[], fresh: boolean): Promise<RecordResult> {
  mkdirSync(cacheDir, { recursive: true });
  const runs: Record<string, ClipRun> = {};
  const todo: string[] = [];
  for (const c of clips) {
    const p = cachePath(c);
    if (!fresh && existsSync(p)) runs[c] = JSON.parse(readFileSync(p, 'utf8')) as ClipRun;
    else todo.push(c);
  }
  // what earlier recording runs had to block is kept beside the recordings, so a cached run still reports it
  const blockedFile = path.join(cacheDir, 'blocked-requests.json');
  const blocked: string[] = existsSync(blockedFile) ? (JSON.parse(readFileSync(blockedFile, 'utf8')) as string[]) : [];
  if (!todo.length) return { runs, blocked };

  const assets = assetRoot();
  const pageDir = await buildPage();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  try {
    const context = await browser.newContext();
    await context.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      if (url.origin !== ORIGIN) {
        blocked.push(url.href);
        return route.abort('blockedbyclient');
      }
      const p = decodeURIComponent(url.pathname);
      let file: string;
      if (p === '/' || p === '/index.html') file = path.join(pageDir, 'index.html');
      else if (p.startsWith('/wasm/') || p.startsWith('/models/')) file = path.join(assets, p);
      else if (p.startsWith('/clip/')) file = path.join(footageDir, p.slice('/clip/'.length));
      else file = path.join(pageDir, p);
      const root = p.startsWith('/clip/') ? footageDir : p.startsWith('/wasm/') || p.startsWith('/models/') ? assets : pageDir;
      if (!path.resolve(file).startsWith(root) || !existsSync(file)) return route.fulfill({ status: 404, body: 'not found' });
      return route.fulfill({
        status: 200,
        body: readFileSync(file),
        headers: { 'content-type': MIME[path.extname(file)] ?? 'application/octet-stream' },
      });
    });
    const page = await context.newPage();
    page.on('console', (m) => {
      const s = m.text();
      if (s.startsWith('progress ')) process.stderr.write(`  ${s.slice(9)} frames\r`);
    });
    page.on('pageerror', (e) => process.stderr.write(`page error: ${e.message}\n`));
    await page.goto(`${ORIGIN}/`);
    await page.waitForFunction(() => document.title === 'smoothing ready', null, { timeout: 60_000 });
    for (const c of todo) {
      const t0 = Date.now();
      process.stderr.write(`recording ${c} (VIDEO + IMAGE mode)…\n`);
      const run = await page.evaluate(
        ([url, name]) => (window as unknown as { __smoothing: { run(u: string, n: string): Promise<ClipRun> } }).__smoothing.run(url, name),
        [`${ORIGIN}/clip/${c.split('/').map(encodeURIComponent).join('/')}`, path.basename(c)] as const,
      );
      writeFileSync(cachePath(c), JSON.stringify(run));
      runs[c] = run;
      process.stderr.write(`  ${run.video.t.length} frames (${run.decoder}, ${run.codec}) in ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
    }
  } finally {
    await browser.close();
    writeFileSync(blockedFile, JSON.stringify([...new Set(blocked)]));
  }
  return { runs, blocked };
}
