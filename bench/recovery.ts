/**
 * `npm run bench:recovery`: how long a live lifter waits for tracking to come
 * back after the pose worker dies. The built app, Debian's Chromium with a
 * shared clip as the fake camera; the worker is killed two ways, three times
 * each: terminated (no error event, as when a browser reclaims it) and hung
 * (a busy loop inside it, as a stuck wasm call would be). Each time: the
 * moment the page notices, and the moment measured frames flow again.
 * Writes bench/recovery.json and prints a table.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { withFakeCamera } from '../e2e/browser';
import { mjpegFor } from '../e2e/clips';
import { guardOrigin } from '../e2e/origin-guard';
import { repoRoot, startPreview } from './preview-server';

const CLIP = 'TBY66_Intelligent-Deadlift-Diagnosis-System/0016c_1.mp4';
const REPEATS = Number(process.env.RECOVERY_REPEATS ?? 3);
const MODEL = (process.env.RECOVERY_MODEL ?? 'full') as 'lite' | 'full' | 'heavy';

type Kill = 'terminate' | 'hang';
interface Trial {
  kill: Kill;
  noticedMs: number;
  resumedMs: number;
  /** the new worker's own start-up (wasm, model, graphs), from its EngineInfo */
  workerInitMs: number;
  /** what the screen said, and when (ms from the kill) */
  said: [number, string][];
}

const live = <T>(page: Page, fn: string): Promise<T> => page.evaluate(`(() => { const s = window.__hinge.live; return ${fn}; })()`) as Promise<T>;

async function kill(page: Page, how: Kill): Promise<void> {
  if (how === 'terminate') {
    await live(page, 's.client.worker.terminate()');
    return;
  }
  const worker = page.workers().find((w) => /pose\.worker/.test(w.url()));
  if (!worker) throw new Error('no pose worker found');
  // Returns at once; the loop then holds the worker's thread for a minute.
  await worker.evaluate(() => void setTimeout(() => {
    const end = Date.now() + 60_000;
    while (Date.now() < end);
  }, 0));
}

async function trial(page: Page, how: Kill): Promise<Trial> {
  // The last trial's "restarted" must not count for this one.
  await live(page, "(s.message = '')");
  const t0 = Date.now();
  await kill(page, how);
  let noticedMs = NaN;
  const said: [number, string][] = [];
  for (;;) {
    const [msg, frames] = await Promise.all([live<string>(page, 's.message'), live<number>(page, 's.frames')]);
    const now = Date.now() - t0;
    if (msg !== said.at(-1)?.[1]) said.push([now, msg]);
    if (Number.isNaN(noticedMs) && /Restarting the pose engine/.test(msg)) noticedMs = now;
    if (/restarted after a crash/.test(msg)) {
      // Resumed: a measured frame again after the restart.
      const base = frames;
      for (;;) {
        if ((await live<number>(page, 's.frames')) >= base + 1) {
          const resumedMs = Date.now() - t0;
          return { kill: how, noticedMs, resumedMs, workerInitMs: Math.round(await live<number>(page, 's.engine.loadMs')), said };
        }
        if (Date.now() - t0 > 120_000) throw new Error('tracking did not resume');
        await new Promise((r) => setTimeout(r, 20));
      }
    }
    if (now > 120_000) throw new Error(`no restart after ${how}: "${msg}"`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main(): Promise<void> {
  // The bench build (bench/out/dist): never rebuilds dist/ under another command's feet.
  const preview = await startPreview(4176, { fresh: true, bench: true });
  const browser = await chromium.launch(withFakeCamera(mjpegFor(CLIP)));
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const offending = await guardOrigin(context, new URL(preview.url).origin);
    const page = await context.newPage();
    await page.goto(`${preview.url}/?debug`);
    await page.getByTestId('model-select').selectOption(MODEL);
    await page.getByTestId('delegate-select').selectOption('CPU');
    await page.getByTestId('start-camera').click();
    await page.waitForFunction(() => (window as any).__hinge?.live?.frames > 10, undefined, { timeout: 120_000 });
    await page.waitForTimeout(3000);
    const trials: Trial[] = [];
    for (const how of ['terminate', 'hang'] as Kill[]) {
      for (let i = 0; i < REPEATS; i++) {
        trials.push(await trial(page, how));
        await page.waitForTimeout(3000);
      }
    }
    const rows = (['terminate', 'hang'] as Kill[]).map((how) => {
      const ts = trials.filter((t) => t.kill === how);
      return { kill: how, runs: ts.length, noticedMs: median(ts.map((t) => t.noticedMs)), resumedMs: median(ts.map((t) => t.resumedMs)), workerInitMs: median(ts.map((t) => t.workerInitMs)), worstResumedMs: Math.max(...ts.map((t) => t.resumedMs)) };
    });
    const out = { date: new Date().toISOString(), model: MODEL, delegate: 'CPU', clip: CLIP, offOrigin: offending.length, rows, trials };
    writeFileSync(path.join(repoRoot, 'bench', 'recovery.json'), `${JSON.stringify(out, null, 2)}\n`);
    console.log(`Pose worker recovery, ${MODEL} model, CPU delegate (median of ${REPEATS}; ms from the kill)`);
    console.log('| kill | noticed | tracking again | worst | of which the worker\'s start-up |\n|---|---|---|---|---|');
    for (const r of rows) console.log(`| ${r.kill} | ${r.noticedMs} | ${r.resumedMs} | ${r.worstResumedMs} | ${r.workerInitMs} |`);
    console.log(`requests off the origin: ${offending.length}`);
  } finally {
    await browser.close();
    preview.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
