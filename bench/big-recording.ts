/**
 * `npm run bench:big-recording`: a long session's landmark recording on the
 * review screen. Repeats a shared recording's frames (times shifted) to N
 * frames (default 100 000, about 55 min at 30 fps), writes it to the temp
 * folder, opens it in the built app and measures the time until the report
 * is shown and the longest task the page's main thread ran (a task over
 * ~50 ms is a frozen page to the user), then the same for a settings change
 * that judges every rep again. Writes bench/big-recording.json.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from '../e2e/browser';
import { repoRoot, startPreview } from './preview-server';

const N = Number(process.argv[2] ?? 100_000);
const SOURCE = path.resolve(repoRoot, '../shared/landmarks/TBY66_Intelligent-Deadlift-Diagnosis-System__0016c_1.json');

function bigRecording(file: string): number {
  const src = JSON.parse(readFileSync(SOURCE, 'utf8')) as { frames: { t: number }[] };
  const span = src.frames[src.frames.length - 1].t + 1000 / 30;
  const frames: { t: number }[] = [];
  for (let k = 0; frames.length < N; k++) for (const f of src.frames) if (frames.length < N) frames.push({ ...f, t: Math.round((f.t + k * span) * 10) / 10 });
  const text = JSON.stringify({ ...src, frames });
  writeFileSync(file, text);
  return text.length;
}

const state = (page: Page) => page.getByTestId('review-status').getAttribute('data-state');

async function longTasksDuring(page: Page, act: () => Promise<void>): Promise<{ ms: number; longestTaskMs: number; over200: number }> {
  await page.evaluate(() => {
    const w = window as unknown as { __long: number[] };
    w.__long = [];
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) w.__long.push(Math.round(e.duration));
    }).observe({ type: 'longtask' });
  });
  const t0 = Date.now();
  await act();
  const ms = Date.now() - t0;
  const long = await page.evaluate(() => (window as unknown as { __long: number[] }).__long);
  return { ms, longestTaskMs: long.length ? Math.max(...long) : 0, over200: long.filter((x) => x > 200).length };
}

const file = path.join(os.tmpdir(), `hinge-big-${process.pid}.landmarks.json`);
const chars = bigRecording(file);
const preview = await startPreview(4181, { fresh: true, bench: true });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage();
  await page.goto(`${preview.url}/#/review`);
  const open = await longTasksDuring(page, async () => {
    await page.getByTestId('review-file').setInputFiles(file);
    await page.waitForFunction(() => ['ready', 'error'].includes(document.querySelector('[data-testid=review-status]')?.getAttribute('data-state') ?? ''), undefined, { timeout: 600_000 });
  });
  if ((await state(page)) !== 'ready') throw new Error(`the recording did not open: ${await page.getByTestId('review-error').textContent()}`);
  const shown = (await page.getByTestId('review-done').count()) > 0;
  const rejudge = await longTasksDuring(page, async () => {
    await page.getByTestId('review-lift').selectOption('rdl');
    await page.getByTestId('review-rejudging').waitFor({ state: 'attached', timeout: 10_000 }).catch(() => undefined);
    await page.getByTestId('review-rejudging').waitFor({ state: 'detached', timeout: 600_000 });
  });
  const result = { date: new Date().toISOString(), frames: N, megabytes: Math.round(chars / 1e6), open, rejudge, reportShown: shown };
  writeFileSync(path.join(repoRoot, 'bench', 'big-recording.json'), JSON.stringify(result, null, 2) + '\n');
  console.log(`${N} frames (${result.megabytes} MB of JSON)`);
  console.log(`| step | time | longest main-thread task | tasks over 200 ms |\n|---|---|---|---|`);
  for (const [name, r] of [['open to report', open], ['judge again (lift changed)', rejudge]] as const) console.log(`| ${name} | ${(r.ms / 1000).toFixed(1)} s | ${r.longestTaskMs} ms | ${r.over200} |`);
} finally {
  await browser.close();
  preview.stop();
  rmSync(file, { force: true });
}
