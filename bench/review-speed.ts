/**
 * `npm run bench:review`: how fast a recorded clip is reviewed, against the
 * bare detectForVideo loop timed in the same run (machines here are shared
 * and noisy, so only ratios within one run mean anything).
 *
 *   decode   frames per second of each decoder alone, to bitmaps at the
 *            inference size: H.264 (WebCodecs), HEVC and MPEG-4 Part 2
 *            (ffmpeg.wasm), all made from the same 1080p60 source
 *   review   a 30 s 1080p60 H.264 clip through the review screen (real file
 *            input, decoder, pose workers, analyzer) three ways: every frame
 *            on one worker (what the app did before), every frame on the
 *            device's workers, and the default (≤30 fps on the device's workers)
 *
 *   --model M           (default full)   --skip decode,review,baseline
 *   --compare-dist DIR  also time H.264 decoding in another build (e.g. the
 *                       commit before mediabunny) with the same page hook
 *
 * The clips are made with the system ffmpeg into bench/out (never committed).
 * Writes bench/review-speed.json and prints a table.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from '../e2e/browser';
import { footage } from '../e2e/clips';
import { guardOrigin } from '../e2e/origin-guard';
import type { ModelVariant } from '../src/shared/pose-protocol';
import { bareCheckpoint } from './bare-loop';
import { repoRoot, startPreview } from './preview-server';

const { values: opt } = parseArgs({
  options: { model: { type: 'string', default: 'full' }, skip: { type: 'string', default: '' }, 'compare-dist': { type: 'string' } },
});
const model = opt.model as ModelVariant;
const skip = new Set(opt.skip!.split(',').filter(Boolean));
const round = (x: number, d = 2) => (Number.isFinite(x) ? Math.round(x * 10 ** d) / 10 ** d : null);
const out = path.join(repoRoot, 'bench', 'out');

function ffmpeg(args: string[], file: string): string {
  const p = path.join(out, file);
  if (!existsSync(p)) {
    mkdirSync(out, { recursive: true });
    execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args, p]);
  }
  return p;
}

/** 30 s of 1080p at 60 fps: a shared 1080p60 pull looped, re-encoded as a phone would (H.264 high). */
const SOURCE = '03y_pose-estimation-for-powerlifting/deadlift2.mp4';
const h264 = () =>
  ffmpeg(['-stream_loop', '6', '-i', footage(SOURCE), '-t', '30', '-vf', 'fps=60,scale=1920:1080', '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '20', '-pix_fmt', 'yuv420p', '-an'], 'review-1080p60-h264.mp4');
const hevc = () => ffmpeg(['-t', '10', '-i', h264(), '-c:v', 'libx265', '-tag:v', 'hvc1', '-preset', 'ultrafast', '-x265-params', 'log-level=error', '-an'], 'review-1080p60-hevc.mov');
const part2 = () => ffmpeg(['-t', '10', '-i', h264(), '-c:v', 'mpeg4', '-q:v', '4', '-an'], 'review-1080p60-mpeg4.mp4');

async function reviewPage(url: string, query = '') {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const offending = await guardOrigin(context, new URL(url).origin);
  const page = await context.newPage();
  await page.goto(`${url}/?debug${query}#/review`);
  return { page, offending, close: () => browser.close() };
}

/** A file as a File in the page, through an input of its own (not the screen's, which would start a review). */
async function fileIn(page: Page, file: string): Promise<void> {
  await page.evaluate(() => {
    const i = document.createElement('input');
    i.type = 'file';
    i.id = 'bench-file';
    i.hidden = true;
    document.body.append(i);
  });
  await page.setInputFiles('#bench-file', file);
  await page.evaluate(() => ((window as any).__clip = (document.getElementById('bench-file') as HTMLInputElement).files![0]));
}

async function decodeFps(url: string, file: string, maxFrames: number, hook: 'benchDecode' | 'benchPredecoded') {
  const p = await reviewPage(url);
  try {
    await fileIn(p.page, file);
    const r = await p.page.evaluate(
      async ([h, n]) => {
        const s = (window as any).__hinge.review;
        if (h === 'benchPredecoded') s.model = 'lite';
        const x = await s[h]((window as any).__clip, n);
        return { frames: x.frames as number, decodeMs: x.decodeMs as number, decoder: (x.decoder ?? 'webcodecs') as string };
      },
      [hook, maxFrames] as const,
    );
    return { ...r, fps: round((r.frames * 1000) / r.decodeMs, 1), file: path.basename(file), sizeMB: round(statSync(file).size / 2 ** 20, 1) };
  } finally {
    await p.close();
  }
}

async function review(url: string, file: string, rate: '30' | 'all', workers: number | null) {
  const p = await reviewPage(url, workers ? `&workers=${workers}` : '');
  try {
    await p.page.getByTestId('review-model').selectOption(model);
    await p.page.getByTestId('review-rate').selectOption(rate);
    await p.page.getByTestId('review-lift').selectOption('deadlift');
    const t0 = Date.now();
    await p.page.getByTestId('review-file').setInputFiles(file);
    await p.page.waitForFunction(() => ['ready', 'error'].includes((window as any).__hinge?.review?.status) && (window as any).__hinge.review.opened > 0, undefined, { timeout: 30 * 60_000, polling: 200 });
    const wallS = (Date.now() - t0) / 1000;
    const r = await p.page.evaluate(() => {
      const s = (window as any).__hinge.review;
      return { status: s.status, message: s.message, frames: s.clip?.frames.length ?? 0, sourceFrames: s.videoInfo?.frameCount ?? 0, fps: s.videoInfo?.fps ?? 0, stats: s.stats, reps: s.report?.reps.length ?? 0, verdicts: s.report?.reps.map((x: any) => x.verdict) ?? [] };
    });
    if (r.status !== 'ready') throw new Error(`review failed: ${r.message}`);
    const clipS = r.sourceFrames / r.fps;
    return {
      rate,
      workers: r.stats?.workers ?? null,
      analysedFrames: r.frames,
      sourceFrames: r.sourceFrames,
      wallS: round(wallS, 1),
      realtimeFactor: round(clipS / wallS, 3),
      /** source frames reviewed per second of wall time, from choosing the file to the report */
      sourceFps: round(r.sourceFrames / wallS, 1),
      loopMsPerFrame: round(r.stats ? r.stats.wallMs / r.stats.frames : NaN),
      inferenceMsPerFrame: round(r.stats ? r.stats.inferenceMs / r.stats.frames : NaN),
      reps: r.reps,
      verdicts: r.verdicts.join(' '),
      offOrigin: p.offending.length,
    };
  } finally {
    await p.close();
  }
}

function serveDir(dir: string): Promise<{ url: string; stop: () => void }> {
  const types: Record<string, string> = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html', '.css': 'text/css', '.json': 'application/json' };
  const server = createServer((req, res) => {
    let p = path.join(dir, decodeURIComponent(new URL(req.url!, 'http://x').pathname));
    if (!existsSync(p) || statSync(p).isDirectory()) p = path.join(dir, 'index.html');
    res.setHeader('content-type', types[path.extname(p)] ?? 'application/octet-stream');
    res.end(readFileSync(p));
  }).listen(0, '127.0.0.1');
  return new Promise((resolve) => server.once('listening', () => resolve({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, stop: () => server.close() })));
}

async function main(): Promise<void> {
  const results: Record<string, unknown> = {
    date: new Date().toISOString(),
    machine: { cpu: os.cpus()[0]?.model, cores: os.cpus().length, loadAvgAtStart: os.loadavg().map((x) => round(x)) },
    model,
  };
  const preview = await startPreview(4181, { fresh: true, bench: true });
  try {
    if (!skip.has('decode')) {
      console.log('decode: each decoder alone…');
      const decode: Record<string, unknown> = {
        h264: await decodeFps(preview.url, h264(), 600, 'benchDecode'),
        hevc: await decodeFps(preview.url, hevc(), 600, 'benchDecode'),
        mpeg4Part2: await decodeFps(preview.url, part2(), 600, 'benchDecode'),
      };
      if (opt['compare-dist']) {
        const other = await serveDir(path.resolve(opt['compare-dist']));
        try {
          // the hook both builds have: decode first (timed), then the worker on the frames
          decode.h264SameHook = await decodeFps(preview.url, h264(), 300, 'benchPredecoded');
          decode.h264OtherBuild = await decodeFps(other.url, h264(), 300, 'benchPredecoded');
        } finally {
          other.stop();
        }
      }
      results.decode = decode;
    }
    if (!skip.has('review')) {
      const bare = skip.has('baseline') ? null : await bareCheckpoint(preview.url, model);
      const runs = [];
      for (const [rate, workers] of [['all', 1], ['all', null], ['30', null]] as const) {
        console.log(`review: rate ${rate}, workers ${workers ?? 'device'}…`);
        runs.push(await review(preview.url, h264(), rate, workers));
      }
      const after = skip.has('baseline') ? null : await bareCheckpoint(preview.url, model);
      // The screen runs masks: its floor is the masked bare loop, before and after.
      const bareMs = bare && after ? (bare.masked + after.masked) / 2 : NaN;
      results.bare = { maskedMsBefore: round(bare?.masked ?? NaN), maskedMsAfter: round(after?.masked ?? NaN), fps: round(1000 / bareMs, 1) };
      results.review = runs.map((r) => ({ ...r, throughputToBare: round((r.sourceFps ?? NaN) / (1000 / bareMs), 3) }));
    }
  } finally {
    preview.stop();
  }
  writeFileSync(path.join(repoRoot, 'bench', 'review-speed.json'), JSON.stringify(results, null, 2) + '\n');
  console.log(JSON.stringify(results, null, 2));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
