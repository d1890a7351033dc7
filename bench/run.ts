/**
 * `npm run bench`: every speed claim of the app, measured in one run against
 * a baseline measured in the same run (machines here are shared and noisy).
 *
 *   baseline  bare PoseLandmarker.detectForVideo loop, main thread, per model/delegate
 *   live      fake camera → worker → analyzer → cue on screen
 *   offline   a ≥30 s recorded clip through the review flow
 *   analyzer  µs per frame over the shared landmark recordings
 *
 * Prints a table and writes bench/results.json. Options:
 *   --live-seconds N   length of the live run (default 300: the memory check wants 5 minutes)
 *   --model M          model for the live and offline runs (default full)
 *   --skip live,offline,baseline,sweep   (sweep: the every-model-and-delegate table)
 *   --paired-rounds N  live segments alternated with the bare loop for the ratio (default 4)
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS, withFakeCamera } from '../e2e/browser';
import { footage, mjpegFor } from '../e2e/clips';
import { guardOrigin } from '../e2e/origin-guard';
import { percentile } from '../src/shared/stats';
import type { FrameStages, ModelVariant } from '../src/shared/pose-protocol';
import type { FrameSample } from '../src/live/live-session.svelte';
import { measureAnalyzer } from './analyzer-speed';
import { bareCheckpoint, CLIP, openBareLoop, type BaselineRow, type Checkpoint } from './bare-loop';
import { runOffline } from './offline';
import { repoRoot, startPreview } from './preview-server';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : dflt;
};
const liveSeconds = Number(opt('live-seconds', '300'));
const model = opt('model', 'full') as ModelVariant;
const skip = new Set(opt('skip', '').split(',').filter(Boolean));
/** how live frames reach the worker: the app's choice, or forced ('worker' | 'page') to compare */
const framePath = opt('frames', '');
/** live segments alternated with the bare loop for the like-for-like ratio */
const pairedRounds = Number(opt('paired-rounds', '4'));

const round = (x: number, d = 2) => (Number.isFinite(x) ? Math.round(x * 10 ** d) / 10 ** d : null);

interface Results {
  date: string;
  machine: Record<string, unknown>;
  baseline: Record<
    string,
    {
      msPerFrame: number | null;
      p95: number | null;
      frames: number;
      delegate: string;
      gpu?: { msPerFrame: number | null; frames: number };
      withMasks?: { msPerFrame: number | null; frames: number };
      workerWithMasks?: { msPerFrame: number | null; frames: number };
      /** the bare loop timed around the live and offline runs, in order */
      checkpoints?: { plain: number | null; masked: number | null }[];
    }
  >;
  live?: Record<string, unknown>;
  offline?: Record<string, unknown>;
  /** what masks cost the bare loop: mean masked ÷ mean plain ms over the checkpoints (every path now runs them) */
  maskCost?: { plainMs: number | null; maskedMs: number | null; ratio: number | null; checkpoints: number };
  analyzer: Record<string, unknown>;
}

async function main(): Promise<void> {
  const chromiumVersion = execFileSync(CHROMIUM, ['--version']).toString().trim();
  const results: Results = {
    date: new Date().toISOString(),
    machine: {
      cpu: os.cpus()[0]?.model,
      cores: os.cpus().length,
      memGiB: round(os.totalmem() / 2 ** 30, 1),
      os: `${os.type()} ${os.release()}`,
      node: process.version,
      chromium: chromiumVersion,
      gpu: 'none (headless, --disable-gpu: WebGL runs in software)',
      loadAvgAtStart: os.loadavg().map((x) => round(x, 2)),
    },
    baseline: {},
    analyzer: {},
  };

  console.log('analyzer: timing over the shared landmark recordings…');
  results.analyzer = measureAnalyzer();

  // Always the current sources: a stale build would time old code. The bench build: the app
  // plus src/bench/baseline.html, which the production build leaves out.
  const preview = await startPreview(4180, { fresh: true, bench: true });
  try {
    // Speed here drifts by tens of percent over minutes, and a loop run right
    // after the GPU sweep reads slow. So each ratio's floor is the chosen
    // model's bare loop timed in a fresh page just before and just after the
    // pipeline it judges (checkpoints), and the full sweep runs last.
    const withBaseline = !skip.has('baseline');
    const checkpoints: Checkpoint[] = [];
    const checkpoint = async () => {
      if (!withBaseline) return;
      console.log('baseline checkpoint: bare loop, plain and with masks…');
      checkpoints.push(await bareCheckpoint(preview.url, model));
    };
    const bracket = (a: Checkpoint | undefined, b: Checkpoint | undefined, key: 'plain' | 'masked') => {
      const before = a?.[key] ?? NaN;
      const after = b?.[key] ?? NaN;
      return { before: round(before), after: round(after), used: (before + after) / 2 };
    };

    await checkpoint();
    if (!skip.has('live')) {
      console.log(`live: ${liveSeconds} s through the fake camera (${model})…`);
      const live = await runLive(preview.url, model, liveSeconds, withBaseline ? pairedRounds : 0);
      await checkpoint();
      const [a, b] = checkpoints.slice(-2);
      const masked = bracket(a, b, 'masked');
      const plain = bracket(a, b, 'plain');
      const ms = live.msPerFrame as number;
      const paired = live.paired as { ratio: number | null } | null;
      results.live = {
        ...live,
        // Like for like: the live screen runs masks, so its floor is the masked bare loop,
        // timed between live segments (paired); the continuous run against checkpoints is kept too.
        ratioToBaseline: paired?.ratio ?? round(ms / masked.used, 3),
        ratioContinuousToCheckpoints: round(ms / masked.used, 3),
        ratioToPlainBaseline: round(ms / plain.used, 3),
        baselineMs: { ...masked, used: round(masked.used) },
        plainBaselineMs: { ...plain, used: round(plain.used) },
      };
    }
    if (!skip.has('offline')) {
      console.log('offline: a ≥30 s clip through the review flow…');
      const offline = await runOffline(preview.url, model);
      await checkpoint();
      // The review screen runs the live engine set-up (masks on, POSE_SETUP): its floor is the masked loop too.
      const [a, b] = checkpoints.slice(-2) as [Checkpoint, Checkpoint];
      const masked = bracket(a, b, 'masked');
      const plain = bracket(a, b, 'plain');
      results.offline = {
        ...offline,
        ratioToBaseline: round((offline.fps as number) / (1000 / masked.used), 3),
        ratioToPlainBaseline: round((offline.fps as number) / (1000 / plain.used), 3),
        baselineMs: { ...masked, used: round(masked.used) },
        plainBaselineMs: { ...plain, used: round(plain.used) },
      };
    }

    if (checkpoints.length) {
      const plainMs = mean(checkpoints.map((c) => c.plain));
      const maskedMs = mean(checkpoints.map((c) => c.masked));
      results.maskCost = { plainMs: round(plainMs), maskedMs: round(maskedMs), ratio: round(maskedMs / plainMs, 3), checkpoints: checkpoints.length };
    }

    if (withBaseline && !skip.has('sweep')) {
      console.log('baseline: every model and delegate, bare detectForVideo on the main thread…');
      const bare = await openBareLoop(preview.url);
      const rows = await bare.page
        .evaluate(async (m: string) => {
          const w = window as any;
          // The app's engine in a worker, first (before the GPU runs): what a worker costs by itself.
          const inWorker = { ...(await w.__bench.runInWorker(w.__frames, m, true)), inWorker: true };
          const plain = await w.__bench.runBaseline(w.__frames, ['lite', 'full', 'heavy'], ['CPU', 'GPU'], { GPU: 12 });
          return [inWorker, ...plain];
        }, model)
        .finally(() => bare.close());
      for (const r of rows as BaselineRow[]) {
        const entry = (results.baseline[r.model] ??= { msPerFrame: null, p95: null, frames: 0, delegate: 'CPU' });
        if (r.inWorker) entry.workerWithMasks = { msPerFrame: round(r.msPerFrame), frames: r.frames };
        else if (r.delegate === 'CPU') Object.assign(entry, { msPerFrame: round(r.msPerFrame), p95: round(r.p95), frames: r.frames });
        else entry.gpu = { msPerFrame: round(r.msPerFrame), frames: r.frames };
      }
      const chosen = results.baseline[model];
      if (chosen) {
        chosen.withMasks = { msPerFrame: round(mean(checkpoints.map((c) => c.masked))), frames: checkpoints[0]?.frames ?? 0 };
        chosen.checkpoints = checkpoints.map((c) => ({ plain: round(c.plain), masked: round(c.masked) }));
      }
    }
  } finally {
    preview.stop();
  }

  const outDir = path.join(repoRoot, 'bench');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  const table = toMarkdown(results);
  writeFileSync(path.join(outDir, 'results.md'), table);
  console.log('\n' + table);
}

async function runLive(url: string, model: ModelVariant, seconds: number, pairedRounds: number): Promise<Record<string, unknown>> {
  const launch = withFakeCamera(mjpegFor(CLIP, { holdStartS: 8, holdEndS: 2 }));
  launch.args.push('--enable-precise-memory-info');
  const browser = await chromium.launch(launch);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const offending = await guardOrigin(context, new URL(url).origin);
  const page = await context.newPage();
  await page.addInitScript(() => {
    const w = window as any;
    w.__longTasks = [];
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(`${url}/?debug&samples`);
  await page.getByTestId('lift-select').selectOption('deadlift');
  await page.getByTestId('model-select').selectOption(model);
  await page.getByTestId('delegate-select').selectOption('CPU');
  if (framePath) await page.evaluate((p) => ((window as any).__hinge.live.framePath = p), framePath);
  await page.getByTestId('start-camera').click();
  await page.getByTestId('set-state').filter({ hasText: 'active' }).waitFor({ timeout: 90_000 });
  const heap = () => page.evaluate(() => (performance as any).memory?.usedJSHeapSize as number | undefined);
  const start = await page.evaluate(() => {
    const h = (window as any).__hinge;
    return { t: performance.now(), frames: h.live.frames, dropped: h.live.dropped, heap: (performance as any).memory?.usedJSHeapSize };
  });
  await page.waitForTimeout(seconds * 1000);
  const end = await page.evaluate((t0: number) => {
    const h = (window as any).__hinge;
    return {
      t: performance.now(),
      frames: h.live.frames,
      dropped: h.live.dropped,
      samples: h.live.samples.slice() as FrameSample[],
      latencies: h.coach.latencies.slice(),
      reps: h.coach.repCount,
      longTasks: (window as any).__longTasks.filter((e: { start: number }) => e.start >= t0),
      engine: h.live.engine,
      framePath: h.live.framePath,
    };
  }, start.t);
  const heapEnd = await heap();
  const paired = pairedRounds > 0 ? await pairedSegments(url, model, page, pairedRounds) : null;
  await browser.close();
  const frames = end.frames - start.frames;
  const wall = (end.t - start.t) / 1000;
  const msPerFrame = mean(end.samples.map(workMs));
  const inference = end.samples.map((s) => s.inferenceMs);
  return {
    model,
    delegate: end.engine?.delegate,
    framePath: end.framePath,
    seconds: round(wall, 1),
    fps: round(frames / wall),
    /** the pipeline's cost per frame, read → landmarks on the main thread (see workMs) */
    msPerFrame: round(msPerFrame),
    /** the same plus the wait in the camera buffer: capture → landmarks on the main thread */
    captureToLandmarksMs: round(mean(end.samples.map((s) => s.totalMs))),
    /** of which inside detectForVideo in the worker (masks on); the rest is capture, transfer and the main thread */
    inferenceMsPerFrame: round(mean(inference)),
    /** the same by fifths of the run, in order: a drift would show here */
    inferenceMsByFifth: [0, 1, 2, 3, 4].map((i) => round(mean(inference.slice((i * inference.length) / 5, ((i + 1) * inference.length) / 5)))),
    /** where a frame's ms go, capture to result on the page (means; they add up to captureToLandmarksMs) */
    stagesMs: stageMeans(end.samples),
    latencyMs: { p50: round(percentile(end.latencies, 50)), p95: round(percentile(end.latencies, 95)) },
    droppedFrames: end.dropped - start.dropped,
    processedFrames: frames,
    longTasks: end.longTasks.length,
    longestTaskMs: round(Math.max(0, ...end.longTasks.map((e: { duration: number }) => e.duration))),
    reps: end.reps,
    heapMB: { start: round((start.heap ?? NaN) / 2 ** 20), end: round((heapEnd ?? NaN) / 2 ** 20) },
    offOriginRequests: offending.length,
    paired,
  };
}

const mean = (v: readonly number[]) => v.reduce((a, b) => a + b, 0) / Math.max(1, v.length);

/**
 * A live frame's cost to the pipeline: from being taken up (read from the
 * camera buffer) to its landmarks on the main thread. Like the bare loop's
 * ms per frame, it leaves out the time a frame waited for the pipeline to be
 * free, which depends on the camera's phase and is latency (measured apart).
 */
const workMs = (s: FrameSample) => s.totalMs - (s.stages?.ageMs ?? 0);

/** Mean ms per stage over frames the worker read itself: waiting, input, inference, the rest in the worker, back to the page. */
function stageMeans(samples: readonly FrameSample[]) {
  const read = samples.filter((s): s is FrameSample & { stages: FrameStages } => s.stages !== undefined);
  if (read.length === 0) return null;
  const m = (f: (s: (typeof read)[number]) => number) => round(mean(read.map(f)));
  return {
    waitedInBuffer: m((s) => s.stages.ageMs),
    input: m((s) => s.stages.inputMs),
    inference: m((s) => s.inferenceMs),
    restOfWorker: m((s) => s.stages.workMs - s.stages.inputMs - s.inferenceMs),
    toPage: m((s) => s.totalMs - s.stages.ageMs - s.stages.workMs),
  };
}

/**
 * The like-for-like ratio, robust to this machine's drift (tens of percent
 * over minutes): live segments alternate with the bare loop (masks on, the
 * camera stopped meanwhile), and each segment is compared with the loop
 * timed just before and just after it.
 */
async function pairedSegments(url: string, model: ModelVariant, page: import('@playwright/test').Page, rounds: number, segmentS = 30) {
  const bare = await openBareLoop(url);
  const frames = () => page.evaluate(() => (window as any).__hinge.live.frames as number);
  const toggle = async (want: 'idle' | 'running') => {
    await page.getByTestId('start-camera').click();
    await page.waitForFunction((w) => (window as any).__hinge.live.status === w, want, { timeout: 60_000 });
  };
  try {
    await toggle('idle');
    const bareMs = [(await bare.time(model, true)).msPerFrame];
    const liveMs: number[] = [];
    const liveInferenceMs: number[] = [];
    const liveCaptureMs: number[] = [];
    for (let i = 0; i < rounds; i++) {
      await toggle('running');
      const f0 = await frames();
      await page.waitForFunction((n) => (window as any).__hinge.live.frames > n + 30, f0, { timeout: 60_000 }); // warmed up
      const f1 = await frames();
      await page.waitForTimeout(segmentS * 1000);
      const f2 = await frames();
      // slice(-0) would be every sample: a segment that measured nothing is an error, not a number.
      if (f2 <= f1) throw new Error(`live segment ${i + 1} measured no frames`);
      const samples: FrameSample[] = await page.evaluate((n) => (window as any).__hinge.live.samples.slice(-n), f2 - f1);
      liveMs.push(mean(samples.map(workMs)));
      liveCaptureMs.push(mean(samples.map((s) => s.totalMs)));
      liveInferenceMs.push(mean(samples.map((s) => s.inferenceMs)));
      await toggle('idle');
      bareMs.push((await bare.time(model, true)).msPerFrame);
    }
    /** segment i against the bare loop timed just before and just after it */
    const toBare = (ms: number, i: number) => ms / ((bareMs[i] + bareMs[i + 1]) / 2);
    const ratios = liveMs.map(toBare);
    return {
      segmentSeconds: segmentS,
      liveMs: liveMs.map((x) => round(x)),
      /** the same from capture (adds the wait in the camera buffer) */
      liveCaptureMs: liveCaptureMs.map((x) => round(x)),
      /** of which inside detectForVideo */
      liveInferenceMs: liveInferenceMs.map((x) => round(x)),
      bareMs: bareMs.map((x) => round(x)),
      ratios: ratios.map((x) => round(x, 3)),
      ratio: round(mean(ratios), 3),
      captureRatio: round(mean(liveCaptureMs.map(toBare)), 3),
    };
  } finally {
    await bare.close();
  }
}

function toMarkdown(r: Results): string {
  const lines: string[] = [];
  const m = r.machine;
  lines.push(`Measured ${r.date.slice(0, 16).replace('T', ' ')} UTC on ${m.cores} × ${m.cpu}, ${m.memGiB} GiB, ${m.chromium}, no GPU; load average at start ${(m.loadAvgAtStart as number[]).join(', ')}.`, '');
  lines.push('| baseline: bare detectForVideo, main thread | CPU ms/frame | CPU p95 | CPU with masks (mean of checkpoints) | same, app engine in a worker | GPU (software GL) ms/frame |', '|---|---|---|---|---|---|');
  for (const [k, v] of Object.entries(r.baseline)) {
    lines.push(`| ${k} | ${v.msPerFrame} | ${v.p95} | ${v.withMasks?.msPerFrame ?? '–'} | ${v.workerWithMasks?.msPerFrame ?? '–'} | ${v.gpu?.msPerFrame ?? '–'} |`);
  }
  if (r.live) {
    const l = r.live as any;
    lines.push('', `| live pipeline (${l.model}, ${l.delegate}, ${l.seconds} s) | value |`, '|---|---|');
    lines.push(`| frames reach the worker | ${l.framePath === 'worker' ? 'read by the worker from the camera track' : 'copied by the page'} |`);
    lines.push(`| ms per frame, read from the camera buffer → landmarks on the main thread | ${l.msPerFrame} |`);
    lines.push(`| the same from capture (adds the wait in the camera buffer) | ${l.captureToLandmarksMs} |`);
    lines.push(`| of which inside detectForVideo in the worker | ${l.inferenceMsPerFrame} |`);
    if (l.stagesMs) {
      const s = l.stagesMs;
      lines.push(`| stages: waited in the camera buffer / input copy / inference / rest of the worker / to the page | ${s.waitedInBuffer} / ${s.input} / ${s.inference} / ${s.restOfWorker} / ${s.toPage} |`);
    }
    lines.push(`| the same by fifths of the run | ${l.inferenceMsByFifth.join(' / ')} |`);
    if (l.paired) {
      lines.push(`| paired: ${l.paired.liveMs.length} live segments of ${l.paired.segmentSeconds} s, ms per frame | ${l.paired.liveMs.join(' / ')} |`);
      lines.push(`| paired: the same from capture | ${l.paired.liveCaptureMs.join(' / ')} |`);
      lines.push(`| paired: of which inside detectForVideo | ${l.paired.liveInferenceMs.join(' / ')} |`);
      lines.push(`| paired: bare loop with masks between them, ms | ${l.paired.bareMs.join(' / ')} |`);
      lines.push(`| paired: ratio per segment | ${l.paired.ratios.join(' / ')} |`);
    }
    lines.push(`| **ratio to the bare loop with masks, like for like (paired mean)** | **${l.ratioToBaseline}** |`);
    if (l.paired) lines.push(`| the same from capture | ${l.paired.captureRatio} |`);
    if (l.baselineMs) lines.push(`| bare loop with masks / without, before → after the continuous run, ms | ${l.baselineMs.before} → ${l.baselineMs.after} / ${l.plainBaselineMs.before} → ${l.plainBaselineMs.after} |`);
    lines.push(`| continuous run against those, with masks / without | ${l.ratioContinuousToCheckpoints} / ${l.ratioToPlainBaseline} |`);
    lines.push(`| achieved fps | ${l.fps} |`);
    lines.push(`| latency capture → cue rendered, p50 / p95 ms | ${l.latencyMs.p50} / ${l.latencyMs.p95} |`);
    lines.push(`| frames dropped (camera faster than the model) / processed | ${l.droppedFrames} / ${l.processedFrames} |`);
    lines.push(`| main-thread long tasks (> 50 ms) | ${l.longTasks} |`);
    lines.push(`| JS heap start → end, MB | ${l.heapMB.start} → ${l.heapMB.end} |`);
  }
  if (r.offline) {
    const o = r.offline as any;
    lines.push('', `| offline review (${o.model}, ${o.clipSeconds} s clip, ${o.frames} frames) | value |`, '|---|---|');
    lines.push(`| wall time, s | ${o.wallSeconds} |`);
    lines.push(`| throughput, frames/s | ${o.fps} |`);
    lines.push(`| real-time factor (clip seconds per wall second) | ${o.realtimeFactor} |`);
    if (o.pipeline) lines.push(`| decode → worker loop alone: ms per frame / of which inside detectForVideo / worker busy | ${o.pipeline.msPerFrame} / ${o.pipeline.inferenceMsPerFrame} / ${o.pipeline.workerBusy} |`);
    if (o.baselineMs) lines.push(`| bare loop with masks before / after the review, ms per frame | ${o.baselineMs.before} / ${o.baselineMs.after} |`);
    if (o.plainBaselineMs) lines.push(`| bare loop without masks before / after, ms per frame | ${o.plainBaselineMs.before} / ${o.plainBaselineMs.after} |`);
    lines.push(`| **throughput ratio to the bare loop with masks, like for like (mean of before and after)** | **${o.ratioToBaseline}** |`);
    if (o.ratioToPlainBaseline !== undefined) lines.push(`| the same against the loop without masks | ${o.ratioToPlainBaseline} |`);
  }
  if (r.maskCost) {
    const c = r.maskCost;
    lines.push('', '| mask cost, bare loop (mean of checkpoints) | value |', '|---|---|');
    lines.push(`| ms per frame without / with masks (${c.checkpoints} checkpoints) | ${c.plainMs} / ${c.maskedMs} |`);
    lines.push(`| **with ÷ without** | **${c.ratio}** |`);
  }
  const a = r.analyzer as any;
  lines.push('', `| analyzer alone | value |`, '|---|---|', `| µs per frame (${a.frames} frames, ${a.clips} recordings) | ${a.usPerFrame} |`, '');
  return lines.join('\n');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
