/**
 * Batch review from the command line, for a clinic's folder of patient videos:
 *
 *   npm run analyze -- <video or folder…> [--lift deadlift|rdl|sl-rdl|kickstand-rdl|auto]
 *                      [--side left|right] [--model lite|full|heavy] [--out dir] [--no-build]
 *
 * It runs the review screen itself: the production build served by `vite
 * preview`, Debian's Chromium headless, the real file input, decoder, pose
 * worker and analyzer; then saves the screen's own exports (the SetReport
 * JSON and the landmark recording) into the out folder. So a report written
 * here is the one the review screen shows for the same file and options.
 * Builds the app first when dist/ is missing or older than the sources
 * (`--no-build`: use dist/ as it is, if it exists).
 *
 * A folder is walked recursively (analyze-folder.ts: .mp4 .m4v .mov .webm
 * .mkv .3gp .3g2 .avi, any case, hidden files skipped, name order); its
 * videos' exports keep their sub-folders under --out. A file named on the
 * command line is taken whatever its extension. One progress line per video
 * as it finishes, and `<out>/summary.csv` (analyze-summary.ts: one row per
 * rep, one for a video with no reps or that failed) rewritten after every
 * video, so a batch stopped halfway keeps what it did. Exit status: 0 when
 * every video was reviewed, 1 when any failed (the others are still done),
 * 2 for a usage error (a bad option, a missing path, a folder with no video).
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../e2e/browser';
import { guardOrigin } from '../e2e/origin-guard';
import { startPreview } from '../bench/preview-server';
import { collectJobs, UsageError, type VideoJob } from './analyze-folder';
import { exitStatus, finalLine, firstLine, progressLine, summaryCsv, type ReportLike, type VideoResult } from './analyze-summary';

export { UsageError } from './analyze-folder';
export { summaryLine } from './analyze-summary';

export const LIFT_CHOICES = ['deadlift', 'rdl', 'sl-rdl', 'kickstand-rdl', 'auto'] as const;
export const SIDE_CHOICES = ['left', 'right'] as const;
export const MODEL_CHOICES = ['lite', 'full', 'heavy'] as const;

export interface AnalyzeArgs {
  /** videos and folders of videos, as given */
  videos: string[];
  lift: (typeof LIFT_CHOICES)[number];
  side: (typeof SIDE_CHOICES)[number] | null;
  model: (typeof MODEL_CHOICES)[number];
  out: string;
  /** use dist/ as built even when older than the sources */
  noBuild: boolean;
}

export const USAGE =
  'usage: npm run analyze -- <video or folder…> [--lift deadlift|rdl|sl-rdl|kickstand-rdl|auto] [--side left|right] [--model lite|full|heavy] [--out dir] [--no-build]';

/** Parses the command line; throws UsageError with a message for the user. */
export function parseArgs(argv: readonly string[]): AnalyzeArgs {
  const a: AnalyzeArgs = { videos: [], lift: 'auto', side: null, model: 'full', out: 'reports', noBuild: false };
  const choice = <T extends string>(name: string, v: string | undefined, allowed: readonly T[]): T => {
    if (v === undefined) throw new UsageError(`--${name} needs a value (${allowed.join('|')})`);
    if (!(allowed as readonly string[]).includes(v)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')} (got “${v}”)`);
    return v as T;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--lift':
        a.lift = choice('lift', value(), LIFT_CHOICES);
        break;
      case '--side':
        a.side = choice('side', value(), SIDE_CHOICES);
        break;
      case '--model':
        a.model = choice('model', value(), MODEL_CHOICES);
        break;
      case '--out': {
        const v = value();
        if (!v) throw new UsageError('--out needs a folder');
        a.out = v;
        break;
      }
      case '--no-build':
        a.noBuild = true;
        break;
      case '--help':
      case '-h':
        throw new UsageError(USAGE);
      default:
        if (flag.startsWith('--')) throw new UsageError(`unknown option ${flag}\n${USAGE}`);
        a.videos.push(arg);
    }
  }
  if (a.videos.length === 0) throw new UsageError(`no video or folder given\n${USAGE}`);
  return a;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function uniquePath(dir: string, name: string, taken: Set<string>): string {
  const ext = name.endsWith('.landmarks.json') ? '.landmarks.json' : name.endsWith('.report.json') ? '.report.json' : path.extname(name);
  const stem = name.slice(0, name.length - ext.length);
  let p = path.join(dir, name);
  for (let k = 2; taken.has(p); k++) p = path.join(dir, `${stem}-${k}${ext}`);
  taken.add(p);
  return p;
}

/** How one video ended on the review screen. */
export type ReviewOutcome =
  | { ok: true; frames: number }
  | {
      ok: false;
      message: string;
      /** the VideoError kind when the failure was the video's (e.g. 'unsupported-codec', 'hevc') */
      errorKind: string | null;
    };

export interface ReviewScreenOptions {
  model: AnalyzeArgs['model'];
  lift?: AnalyzeArgs['lift'];
  side?: AnalyzeArgs['side'];
  /** '30': the screen's default cap; 'all': every frame */
  rate?: '30' | 'all';
  /** pose workers (default: the screen's choice for this machine) */
  workers?: number;
  /** use dist/ as built even when older than the sources */
  noBuild?: boolean;
}

/**
 * The built app's review screen in headless Chromium, one browser for any
 * number of videos: `npm run analyze` and `npm run recordings` both drive it,
 * so what they write is what the screen shows for the same file.
 */
export interface ReviewScreen {
  page: Page;
  /** requests that tried to leave the app's origin (blocked) */
  offending: string[];
  /**
   * Opens `video` with the real file input and waits until the screen is done
   * with it. Throws when the page fails (crashed, closed) or the review stalls
   * for STALL_MS; the screen may then be unusable.
   */
  review(video: string, onProgress?: (done: number, total: number) => void): Promise<ReviewOutcome>;
  /** Clicks one of the screen's export buttons and saves the download into `dir`. */
  saveExport(testId: 'export-report' | 'export-recording', dir: string, taken: Set<string>): Promise<string>;
  /** The screen's own landmark-recording export, as text. */
  recordingText(): Promise<string>;
  close(): Promise<void>;
}

/** A review whose state has not moved for this long is given up (a decoder or worker that hung). */
export const STALL_MS = 300_000;

export async function openReviewScreen(opts: ReviewScreenOptions): Promise<ReviewScreen> {
  const preview = await startPreview(await freePort(), { fresh: !opts.noBuild });
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ acceptDownloads: true });
    const offending = await guardOrigin(context, preview.url);
    const page = await context.newPage();
    await page.goto(`${preview.url}/?debug${opts.workers ? `&workers=${opts.workers}` : ''}#/review`);
    await page.getByTestId('review-model').selectOption(opts.model);
    await page.getByTestId('review-rate').selectOption(opts.rate ?? '30');
    await page.getByTestId('review-lift').selectOption(opts.lift ?? 'auto');
    await page.getByTestId('review-side').selectOption(opts.side ?? { index: 0 });
    const b = browser;
    const download = async (testId: string) => {
      const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
      return d;
    };
    return {
      page,
      offending,
      async review(video, onProgress) {
        const before = (await page.evaluate(() => (window as any).__hinge.review.opened)) as number;
        await page.getByTestId('review-file').setInputFiles(video);
        await page.waitForFunction((n) => (window as any).__hinge.review.opened > n, before);
        let lastState = '';
        let lastChange = Date.now();
        for (;;) {
          const s = await page.evaluate(() => {
            const r = (window as any).__hinge.review;
            return {
              status: r.status as string,
              message: r.message as string,
              errorKind: (r.errorKind ?? null) as string | null,
              frames: (r.clip?.frames.length ?? 0) as number,
              p: r.progress as { done: number; total: number } | null,
            };
          });
          if (s.status === 'ready') return { ok: true, frames: s.frames };
          if (s.status === 'error' || s.status === 'idle') return { ok: false, message: s.message, errorKind: s.errorKind };
          if (s.p) onProgress?.(s.p.done, s.p.total);
          const state = `${s.status} ${s.p?.done ?? ''}`;
          if (state !== lastState) [lastState, lastChange] = [state, Date.now()];
          else if (Date.now() - lastChange > STALL_MS) throw new Error(`the review stalled (${s.status}, no progress for ${STALL_MS / 1000} s)`);
          await page.waitForTimeout(500);
        }
      },
      async saveExport(testId, dir, taken) {
        const d = await download(testId);
        const dest = uniquePath(dir, d.suggestedFilename(), taken);
        await d.saveAs(dest);
        return dest;
      },
      async recordingText() {
        const d = await download('export-recording');
        const file = await d.path();
        try {
          return readFileSync(file, 'utf8');
        } finally {
          await d.delete();
        }
      },
      async close() {
        try {
          await b.close();
        } finally {
          preview.stop();
        }
      },
    };
  } catch (e) {
    await browser?.close();
    preview.stop();
    throw e;
  }
}

/** Writes through a temporary file, so a batch stopped mid-write leaves the previous summary whole. */
function writeAtomic(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

/** Reviews one video on the screen and saves its exports under `<out>/<job.outDir>`. */
async function reviewVideo(screen: ReviewScreen, job: VideoJob, tag: string, out: string, taken: Set<string>): Promise<VideoResult> {
  const t0 = performance.now();
  const seconds = () => (performance.now() - t0) / 1000;
  let lastShown = '';
  let outcome: ReviewOutcome;
  try {
    outcome = await screen.review(job.video, (done, total) => {
      // In-video progress only on a terminal, over one line; a log gets the line per video.
      if (!process.stderr.isTTY) return;
      const line = `${tag} ${job.file}: ${done}/${total} frames`;
      if (line === lastShown) return;
      lastShown = line;
      process.stderr.write(`\r\x1b[K${line}`);
    });
  } finally {
    if (process.stderr.isTTY && lastShown) process.stderr.write('\r\x1b[K');
  }
  if (!outcome.ok) return { ok: false, file: job.file, error: firstLine(outcome.message || 'the review screen gave no reason'), seconds: seconds() };
  const state = await screen.page.getByTestId('review-status').getAttribute('data-state');
  if (state !== 'ready') return { ok: false, file: job.file, error: `the review screen did not finish (${state ?? 'no state'})`, seconds: seconds() };
  const dir = path.join(out, ...job.outDir.split('/').filter(Boolean));
  mkdirSync(dir, { recursive: true });
  const reportPath = await screen.saveExport('export-report', dir, taken);
  await screen.saveExport('export-recording', dir, taken);
  const report = JSON.parse(readFileSync(reportPath, 'utf8')) as ReportLike;
  const warnings = (await screen.page.evaluate(() => (window as any).__hinge.review.warnings)) as string[];
  return { ok: true, file: job.file, report, reportPath: path.relative(out, reportPath).split(path.sep).join('/'), warnings, seconds: seconds() };
}

/**
 * Reviews every video the arguments name through the review screen, in
 * order, and returns the exit status. Throws UsageError (before any browser
 * starts) for a path that does not exist or a folder with no video.
 */
export async function run(args: AnalyzeArgs, log: (line: string) => void = console.log): Promise<number> {
  // `npm run` starts scripts in the package folder; paths are the caller's.
  const cwd = process.env.INIT_CWD ?? process.cwd();
  const jobs = collectJobs(args.videos, cwd);
  const out = path.resolve(cwd, args.out);
  const shown = (p: string) => {
    const r = path.relative(cwd, p);
    return r.startsWith('..') || path.isAbsolute(r) ? p : r;
  };
  mkdirSync(out, { recursive: true });
  const summaryPath = path.join(out, 'summary.csv');
  const results: VideoResult[] = [];
  const offending: string[] = [];
  const taken = new Set<string>();
  let screen: ReviewScreen | null = await openReviewScreen(args);
  let screenLost = '';
  try {
    for (const [i, job] of jobs.entries()) {
      const tag = `[${i + 1}/${jobs.length}]`;
      let result: VideoResult;
      if (!screen) result = { ok: false, file: job.file, error: `not reviewed: ${screenLost}`, seconds: 0 };
      else {
        try {
          result = await reviewVideo(screen, job, tag, out, taken);
        } catch (e) {
          result = { ok: false, file: job.file, error: firstLine(e), seconds: 0 };
          // The page may have crashed or hung: a fresh screen for the rest (dist/ is built by now).
          offending.push(...screen.offending);
          await screen.close().catch(() => undefined);
          screen = null;
          if (i + 1 < jobs.length) {
            try {
              screen = await openReviewScreen({ ...args, noBuild: true });
            } catch (e2) {
              screenLost = `the review screen could not be restarted (${firstLine(e2)})`;
            }
          }
        }
      }
      results.push(result);
      writeAtomic(summaryPath, summaryCsv(results));
      log(progressLine(i + 1, jobs.length, result));
    }
  } finally {
    if (screen) {
      offending.push(...screen.offending);
      await screen.close();
    }
  }
  writeAtomic(summaryPath, summaryCsv(results));
  if (offending.length) log(`error: the page tried to reach off its origin: ${offending.join(', ')}`);
  log(finalLine(results, shown(summaryPath)));
  return exitStatus(results, offending.length);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  let args: AnalyzeArgs;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(2);
  }
  run(args).then(
    (code) => process.exit(code),
    (e: unknown) => {
      if (e instanceof UsageError) {
        console.error(`${e.message}\n${USAGE}`);
        process.exit(2);
      }
      console.error(`error: ${e instanceof Error ? e.message : String(e)}`);
      process.exit(1);
    },
  );
}
