/**
 * Batch review from the command line, for a folder of patient videos:
 *
 *   npm run analyze -- <video…> [--lift deadlift|rdl|sl-rdl|kickstand-rdl|auto]
 *                      [--side left|right] [--model lite|full|heavy] [--out dir] [--no-build]
 *
 * It runs the review screen itself: the production build served by `vite
 * preview`, Debian's Chromium headless, the real file input, decoder, pose
 * worker and analyzer; then saves the screen's own exports (the SetReport
 * JSON and the landmark recording) into the out folder. So a report written
 * here is the one the review screen shows for the same file and options.
 * Builds the app first when dist/ is missing or older than the sources
 * (`--no-build`: use dist/ as it is, if it exists).
 */
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../e2e/browser';
import { guardOrigin } from '../e2e/origin-guard';
import { startPreview } from '../bench/preview-server';

export const LIFT_CHOICES = ['deadlift', 'rdl', 'sl-rdl', 'kickstand-rdl', 'auto'] as const;
export const SIDE_CHOICES = ['left', 'right'] as const;
export const MODEL_CHOICES = ['lite', 'full', 'heavy'] as const;

export interface AnalyzeArgs {
  videos: string[];
  lift: (typeof LIFT_CHOICES)[number];
  side: (typeof SIDE_CHOICES)[number] | null;
  model: (typeof MODEL_CHOICES)[number];
  out: string;
  /** use dist/ as built even when older than the sources */
  noBuild: boolean;
}

export const USAGE =
  'usage: npm run analyze -- <video…> [--lift deadlift|rdl|sl-rdl|kickstand-rdl|auto] [--side left|right] [--model lite|full|heavy] [--out dir] [--no-build]';

export class UsageError extends Error {}

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
  if (a.videos.length === 0) throw new UsageError(`no video given\n${USAGE}`);
  return a;
}

interface ReportLike {
  lift: string | null;
  view: string;
  reps: { faults: string[] }[];
  summary: { cleanReps: number };
}

/** "0016k_1.mp4: 11 reps (1 clean), faults: hips-back ×10 [deadlift, side view]" */
export function summaryLine(file: string, r: ReportLike): string {
  const counts = new Map<string, number>();
  for (const rep of r.reps) for (const f of rep.faults) counts.set(f, (counts.get(f) ?? 0) + 1);
  const faults = counts.size ? [...counts].map(([id, n]) => `${id} ×${n}`).join(', ') : 'none';
  return `${file}: ${r.reps.length} rep${r.reps.length === 1 ? '' : 's'} (${r.summary.cleanReps} clean), faults: ${faults} [${r.lift ?? 'lift not recognised'}, ${r.view} view]`;
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
  /** Opens `video` with the real file input and waits until the screen is done with it. */
  review(video: string, onProgress?: (done: number, total: number) => void): Promise<ReviewOutcome>;
  /** Clicks one of the screen's export buttons and saves the download into `dir`. */
  saveExport(testId: 'export-report' | 'export-recording', dir: string, taken: Set<string>): Promise<string>;
  /** The screen's own landmark-recording export, as text. */
  recordingText(): Promise<string>;
  close(): Promise<void>;
}

export async function openReviewScreen(opts: ReviewScreenOptions): Promise<ReviewScreen> {
  const preview = await startPreview(await freePort(), { fresh: !opts.noBuild });
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ acceptDownloads: true });
    const offending = await guardOrigin(context, preview.url);
    const page = await context.newPage();
    await page.goto(`${preview.url}/?debug#/review`);
    await page.getByTestId('review-model').selectOption(opts.model);
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

/** Analyses each video through the review screen; returns the process exit code. */
export async function run(args: AnalyzeArgs, log: (line: string) => void = console.log): Promise<number> {
  // `npm run` starts scripts in the package folder; paths are the caller's.
  const cwd = process.env.INIT_CWD ?? process.cwd();
  args = { ...args, videos: args.videos.map((v) => path.resolve(cwd, v)), out: path.resolve(cwd, args.out) };
  const shown = (p: string) => {
    const r = path.relative(cwd, p);
    return r.startsWith('..') ? p : r;
  };
  const missing = args.videos.filter((v) => !existsSync(v) || !statSync(v).isFile());
  for (const m of missing) log(`${shown(m)}: error: no such file`);
  const videos = args.videos.filter((v) => !missing.includes(v));
  if (videos.length === 0) return 1;
  const screen = await openReviewScreen(args);
  const { page } = screen;
  let failed = missing.length;
  try {
    const out = args.out;
    mkdirSync(out, { recursive: true });
    const taken = new Set<string>();
    for (const video of videos) {
      const name = path.basename(video);
      let lastShown = '';
      const outcome = await screen.review(video, (done, total) => {
        if (!process.stderr.isTTY) return;
        lastShown = `${name}: ${done}/${total} frames`;
        process.stderr.write(`\r\x1b[K${lastShown}`);
      });
      if (process.stderr.isTTY && lastShown) process.stderr.write('\r\x1b[K');
      if (!outcome.ok) {
        failed++;
        log(`${shown(video)}: error: ${outcome.message}`);
        continue;
      }
      if ((await page.getByTestId('review-status').getAttribute('data-state')) !== 'ready') continue;
      const reportPath = await screen.saveExport('export-report', out, taken);
      await screen.saveExport('export-recording', out, taken);
      const report = (await page.evaluate(() => (window as any).__hinge.review.report)) as ReportLike;
      const warnings = (await page.evaluate(() => (window as any).__hinge.review.warnings)) as string[];
      log(summaryLine(shown(video), report) + (warnings.length ? ` (warning: ${warnings.join(' ')})` : '') + ` → ${shown(reportPath)}`);
    }
    if (screen.offending.length) {
      log(`error: the page tried to reach off its origin: ${screen.offending.join(', ')}`);
      failed++;
    }
  } finally {
    await screen.close();
  }
  return failed > 0 ? 1 : 0;
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
      console.error(`error: ${e instanceof Error ? e.message : String(e)}`);
      process.exit(1);
    },
  );
}
