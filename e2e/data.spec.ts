/**
 * Data that survives and travels (issue 16, item 4): a live set and a saved
 * review go out in one file and into a fresh browser context with nothing
 * lost or doubled; a full quota keeps the set on the page; a set cut off by a
 * reload is offered back.
 *
 * The live set is a shared landmark recording pushed through the page's own
 * live coach (the `?debug` hook), frame by frame as the camera would: the
 * coach, the history and the stores are the shipped ones, without waiting a
 * minute for the model on the fake camera (live-coaching.spec covers that).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { footage, sharedDir } from './clips';
import { openWithCamera } from './browser';
import { REST_ENDS_SET_MS } from '../src/live/set-control';
import { guardOrigin } from './origin-guard';

const TBY = 'TBY66_Intelligent-Deadlift-Diagnosis-System';
const RECORDING = path.join(sharedDir, 'landmarks', `${TBY}__0016k_1.json`);
const recordingText = () => readFileSync(RECORDING, 'utf8');

function watch(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && !/favicon|^(INFO|[IW]\d{4}|WARNING)|Failed to load resource/.test(m.text()) && errors.push(m.text()));
  return errors;
}

/** Plays frames [from, to) of the recording through the live coach; `end` ends the set after. */
async function liveSet(page: Page, text: string, opts: { from?: number; to?: number; end?: boolean } = {}): Promise<number> {
  return page.evaluate(
    ([text, from, to, end]) => {
      const clip = JSON.parse(text as string);
      const c = (window as any).__hinge.coach;
      c.lift = 'deadlift';
      c.setFrameSize(clip.width, clip.height);
      if (c.setState !== 'active') c.start();
      const frames = clip.frames.slice(from as number, (to as number) < 0 ? undefined : (to as number));
      for (const f of frames) c.push({ t: f.t, landmarks: f.landmarks, world: f.world, people: f.people ?? 1, inferenceMs: 0, delegate: 'CPU' }, performance.now());
      if (!end) return c.totalReps as number;
      c.end();
      // the set's reps as the summary (and the saved record) has them: a partial last rep counts there
      return (c.carriedReps + c.summary.reps.length) as number;
    },
    [text, opts.from ?? 0, opts.to ?? -1, opts.end ?? true] as const,
  );
}

/** Everything the app keeps in IndexedDB, by store, sorted by id (videos as their byte count). */
async function dumpStores(page: Page): Promise<Record<string, unknown[]>> {
  // As one JSON string: Playwright's own serialisation of a few MB of nested arrays takes seconds.
  const json = await page.evaluate(async () => {
    const out: Record<string, unknown[]> = {};
    for (const name of ['sets', 'review-index', 'review-data']) {
      out[name] = await new Promise<unknown[]>((resolve, reject) => {
        const open = indexedDB.open(`hinge-coach:${name}`);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('items')) {
            db.close();
            resolve([]);
            return;
          }
          const q = db.transaction('items').objectStore('items').getAll();
          q.onsuccess = () => {
            db.close();
            resolve(q.result.map((v: any) => (v?.video instanceof Blob ? { ...v, video: v.video.size } : v)).sort((a: any, b: any) => String(a.id).localeCompare(String(b.id))));
          };
        };
      });
    }
    return JSON.stringify(out);
  });
  return JSON.parse(json) as Record<string, unknown[]>;
}

async function exportFile(page: Page, dir: string): Promise<{ path: string; text: string }> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId('data-export').click()]);
  expect(d.suggestedFilename()).toMatch(/^hinge-coach-data-\d{4}-\d\d-\d\d\.json$/);
  const p = path.join(dir, d.suggestedFilename());
  await d.saveAs(p);
  return { path: p, text: readFileSync(p, 'utf8') };
}

async function freshContext(browser: import('@playwright/test').Browser, baseURL: string): Promise<{ context: BrowserContext; page: Page; offending: string[]; errors: string[] }> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 900 } });
  const offending = await guardOrigin(context, new URL(baseURL).origin);
  const page = await context.newPage();
  return { context, page, offending, errors: watch(page) };
}

test('a live set and a saved review go to another browser in one file: nothing lost, nothing doubled', async ({ browser, baseURL }) => {
  test.setTimeout(90_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'hinge-data-'));
  const text = recordingText();
  const a = await freshContext(browser, baseURL!);
  const b = await freshContext(browser, baseURL!);
  const t0 = Date.now();
  const mark = (what: string) => test.info().annotations.push({ type: what, description: `${((Date.now() - t0) / 1000).toFixed(1)} s` });
  try {
    // Browser A: a live set, saved rep by rep …
    await a.page.goto('/?debug');
    const reps = await liveSet(a.page, text);
    expect(reps).toBeGreaterThan(5);
    await expect(a.page.getByTestId('history-item')).toHaveCount(1);
    await expect(a.page.getByTestId('history-item').first()).toContainText(`${reps} reps`);
    // … the first save asked to keep the data, and the answer is on screen.
    await expect(a.page.getByTestId('storage-status')).toContainText(/Using .* of the .* this browser allows\./);
    await expect(a.page.getByTestId('storage-status')).toContainText(/Kept on this device|Not protected|cannot promise/);
    // Opened from History: each rep with its result and tempo; a name and notes that are kept.
    const item = a.page.getByTestId('history-item').first();
    await item.getByTestId('history-open').click();
    await expect(item.locator('[data-testid=summary-rep], [data-testid=set-detail-rep]')).toHaveCount(reps);
    await item.getByTestId('set-name').fill('Week 3, heavy');
    await item.getByTestId('set-notes').fill('Left hamstring tight');
    await item.getByTestId('set-label-save').click();
    await expect(a.page.getByTestId('history-name').first()).toHaveText('Week 3, heavy');

    mark('live set saved');
    // … and a saved review of a landmark recording.
    await a.page.getByTestId('nav-review').click();
    await a.page.getByTestId('review-file').setInputFiles(RECORDING);
    await expect(a.page.getByTestId('review-status')).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    await a.page.getByTestId('save-review').click();
    await expect(a.page.getByTestId('saved-item')).toHaveCount(1);
    mark('review saved');
    await a.page.getByTestId('nav-live').click();

    const before = await dumpStores(a.page);
    expect([before.sets.length, before['review-index'].length, before['review-data'].length]).toEqual([1, 1, 1]);
    const file = await exportFile(a.page, dir);
    await expect(a.page.getByTestId('data-message')).toHaveText(/Exported 1 set and 1 saved review/);
    const parsed = JSON.parse(file.text);
    expect([parsed.format, parsed.version]).toEqual(['hinge-coach-data', 1]);
    expect(parsed.reviews[0].payload.clip.frames).toHaveLength(JSON.parse(text).frames.length);

    mark('exported');
    // Browser B, a fresh context: import, and it holds what A holds.
    await b.page.goto('/?debug');
    await expect(b.page.getByTestId('history-count')).toHaveText('0 sets');
    await b.page.getByTestId('data-import').setInputFiles(file.path);
    await expect(b.page.getByTestId('data-message')).toHaveText('Imported 1 set and 1 saved review.');
    await expect(b.page.getByTestId('history-item').first()).toContainText(`${reps} reps`);
    await expect(b.page.getByTestId('history-name').first()).toHaveText('Week 3, heavy');
    expect(await dumpStores(b.page)).toEqual(before);

    mark('imported');
    // Twice: nothing added.
    await b.page.getByTestId('data-import').setInputFiles(file.path);
    await expect(b.page.getByTestId('data-message')).toHaveText(/Imported 0 sets and 0 saved reviews\. 2 records already on this device were left as they were\./);
    expect(await dumpStores(b.page)).toEqual(before);
    await expect(b.page.getByTestId('history-item')).toHaveCount(1);

    mark('imported twice');
    // The review reopens in B with the same report as in A.
    await b.page.getByTestId('nav-review').click();
    await expect(b.page.getByTestId('saved-item')).toHaveCount(1);
    await b.page.getByTestId('saved-item').getByRole('button', { name: /^Open/ }).click();
    await expect(b.page.getByTestId('review-status')).toHaveAttribute('data-state', 'ready');
    await expect(b.page.getByTestId('rep-segment')).toHaveCount(11);

    mark('review reopened');
    // A newer version's file, and a file that is not ours: a plain message, nothing imported.
    await b.page.getByTestId('nav-live').click();
    const newer = path.join(dir, 'newer.json');
    writeFileSync(newer, JSON.stringify({ ...parsed, version: 2, sets: [{ ...parsed.sets[0], id: 'another' }] }));
    await b.page.getByTestId('data-import').setInputFiles(newer);
    await expect(b.page.getByTestId('data-message')).toHaveText(/newer version of Hinge Coach \(file version 2; this app reads up to 1\).*Nothing was imported/);
    await b.page.getByTestId('data-import').setInputFiles(RECORDING);
    await expect(b.page.getByTestId('data-message')).toHaveText(/landmark recording, not a data export/);
    expect(await dumpStores(b.page)).toEqual(before);

    mark('bad files');
    // History lists every set, 20 at a time, not just the latest 20.
    const many = path.join(dir, 'many.json');
    const sets = Array.from({ length: 44 }, (_, i) => ({ ...parsed.sets[0], id: `old-${i}`, startedAt: parsed.sets[0].startedAt - (i + 1) * 86_400_000 }));
    writeFileSync(many, JSON.stringify({ ...parsed, sets, reviews: [] }));
    await b.page.getByTestId('data-import').setInputFiles(many);
    await expect(b.page.getByTestId('data-message')).toHaveText('Imported 44 sets and 0 saved reviews.');
    await expect(b.page.getByTestId('history-count')).toHaveText('45 sets, newest 20 shown');
    await expect(b.page.getByTestId('history-item')).toHaveCount(20);
    await b.page.getByTestId('history-more').click();
    await b.page.getByTestId('history-more').click();
    await expect(b.page.getByTestId('history-item')).toHaveCount(45);
    await expect(b.page.getByTestId('history-more')).toHaveCount(0);

    mark('paged');
    // Progress over the 45 sets: clean reps, depth, tempo and each measured fault against its threshold.
    await b.page.getByTestId('progress-box').locator('summary').click();
    expect(await b.page.getByTestId('progress-chart').count()).toBeGreaterThanOrEqual(4);
    await expect(b.page.getByTestId('progress-chart').first().locator('circle')).toHaveCount(45);
    await b.page.getByTestId('progress-box').screenshot({ path: test.info().outputPath('progress-1280.png') });
    await b.page.setViewportSize({ width: 390, height: 844 });
    const chart = (await b.page.getByTestId('progress-chart').first().boundingBox())!;
    expect(chart.width).toBeLessThanOrEqual(390);
    await b.page.getByTestId('progress-box').screenshot({ path: test.info().outputPath('progress-390.png') });
    expect(a.offending).toEqual([]);
    expect(b.offending).toEqual([]);
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
  } finally {
    await a.context.close();
    await b.context.close();
  }
});

test('storage full: the set stays on the page, marked not saved, exports, and saves once there is room', async ({ browser, baseURL }) => {
  test.setTimeout(60_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'hinge-data-'));
  const { context, page, offending } = await freshContext(browser, baseURL!);
  try {
    await page.goto('/?debug');
    await expect(page.getByTestId('history-count')).toHaveText('0 sets');
    // The browser's own quota, made tiny: IndexedDB's writes fail with QuotaExceededError.
    const cdp = await context.newCDPSession(page);
    const origin = new URL(baseURL!).origin;
    await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 1 });
    const reps = await liveSet(page, recordingText());
    expect(reps).toBeGreaterThan(5);
    await expect(page.getByRole('alert').filter({ hasText: 'storage on this device is full' }).first()).toBeVisible();
    await expect(page.getByTestId('history-item')).toHaveCount(1);
    await expect(page.getByTestId('history-item').first()).toContainText(`${reps} reps`);
    await expect(page.getByTestId('history-not-saved')).toHaveCount(1);
    expect((await dumpStores(page)).sets).toEqual([]);

    // Exported from memory: nothing lost.
    const file = await exportFile(page, dir);
    expect(JSON.parse(file.text).sets.map((s: { reps: unknown[] }) => s.reps.length)).toEqual([reps]);

    // Room again: "Save now" stores it.
    await cdp.send('Storage.overrideQuotaForOrigin', { origin });
    await page.getByTestId('history-retry').click();
    await expect(page.getByTestId('data-message')).toHaveText('Saved on this device.');
    await expect(page.getByTestId('history-not-saved')).toHaveCount(0);
    const stored = (await dumpStores(page)).sets as { reps: unknown[] }[];
    expect(stored.map((s) => s.reps.length)).toEqual([reps]);
    expect(offending).toEqual([]);
  } finally {
    await context.close();
  }
});

test('a set cut off by a reload is offered back, resumes in the same record; Delete has Undo', async ({ browser, baseURL }) => {
  test.setTimeout(60_000);
  const { context, page, errors } = await freshContext(browser, baseURL!);
  const text = recordingText();
  const frames = JSON.parse(text).frames.length as number;
  try {
    await page.goto('/?debug');
    // Half the recording, then the page reloads mid-set.
    const firstHalf = await liveSet(page, text, { to: Math.floor(frames / 2), end: false });
    expect(firstHalf).toBeGreaterThan(2);
    // Saves are asynchronous: reload once the last rep's checkpoint is in IndexedDB (on a loaded
    // machine it lags the rep; a crash in that moment loses that one write, no more).
    await expect.poll(async () => ((await dumpStores(page)).sets as { reps: unknown[] }[])[0]?.reps.length, { timeout: 30_000 }).toBe(firstHalf);
    await page.reload();
    const prompt = page.getByTestId('resume-prompt');
    await expect(prompt).toContainText(new RegExp(`Resume the set from \\d\\d?:\\d\\d( [AP]M)? — ${firstHalf} reps\\?`));
    await page.getByTestId('resume-set').click();
    await expect(prompt).toHaveCount(0);
    await expect(page.getByTestId('resume-note')).toContainText(`${firstHalf} reps so far`);
    // The rest of the set: its reps add on to the same record.
    const total = await liveSet(page, text, { from: Math.floor(frames / 2) });
    expect(total).toBeGreaterThan(firstHalf);
    await expect(page.getByTestId('history-item')).toHaveCount(1);
    await expect(page.getByTestId('history-item').first()).toContainText(`${total} reps`);
    const stored = (await dumpStores(page)).sets as { reps: { index: number }[]; finished: boolean }[];
    expect(stored).toHaveLength(1);
    expect(stored[0].finished).toBe(true);
    expect(stored[0].reps.map((r) => r.index)).toEqual(Array.from({ length: total }, (_, i) => i + 1));

    // Reload again: a finished set is not offered back.
    await page.reload();
    await expect(page.getByTestId('history-item')).toHaveCount(1);
    await expect(page.getByTestId('resume-prompt')).toHaveCount(0);

    // Delete, then Undo: the same set comes back under the same id.
    const id = await page.getByTestId('history-item').first().getAttribute('data-id');
    await page.getByTestId('history-item').first().getByRole('button', { name: /^Delete/ }).click();
    await expect(page.getByTestId('history-item')).toHaveCount(0);
    await page.getByTestId('history-undo').click();
    await expect(page.getByTestId('history-item')).toHaveCount(1);
    expect(await page.getByTestId('history-item').first().getAttribute('data-id')).toBe(id);
    expect(((await dumpStores(page)).sets as unknown[]).length).toBe(1);
    expect(errors).toEqual([]);
  } finally {
    await context.close();
  }
});

/**
 * The fake camera plays the clip's first 5 reps (cut at 9.2 s, standing at
 * lockout between reps 5 and 6), then holds the last frame 12 s: the lifter
 * stands still after the set. The first frame is held 25 s, long enough for
 * the model to load here (~20 s with other agents on the CPU), so the first
 * pass is the set. Built in the system's temp dir, never in the repo.
 */
function restingClip(): string {
  const dir = path.join(tmpdir(), 'hinge-data-clips');
  const out = path.join(dir, '0016k_1_5reps_hold25_rest12.mjpeg');
  if (existsSync(out)) return out;
  mkdirSync(dir, { recursive: true });
  const graph = '[0:v]trim=duration=9.2,setpts=PTS-STARTPTS,fps=30,scale=-2:640,tpad=start_duration=25:start_mode=clone:stop_duration=12:stop_mode=clone[v]';
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-i', footage(`${TBY}/0016k_1.mp4`), '-filter_complex', graph, '-map', '[v]', '-q:v', '5', '-f', 'mjpeg', out], { stdio: 'inherit' });
  return out;
}

test('live: standing still after the last rep ends the set, and a new set starts', async ({ baseURL }) => {
  test.setTimeout(120_000);
  const cam = await openWithCamera(restingClip(), baseURL!);
  const { page } = cam;
  const coach = () =>
    page.evaluate(() => {
      const c = (window as any).__hinge.coach;
      return { state: c.setState as string, reps: c.repCount as number };
    });
  const t0 = Date.now();
  const mark = (what: string) => test.info().annotations.push({ type: what, description: `${((Date.now() - t0) / 1000).toFixed(1)} s` });
  try {
    await page.goto('/?debug');
    await page.getByTestId('lift-select').selectOption('deadlift');
    await page.getByTestId('delegate-select').selectOption('CPU');
    await page.getByTestId('start-camera').click();
    await expect(page.getByTestId('set-state')).toHaveText('Set: active', { timeout: 60_000 });
    mark('set active');
    await expect.poll(async () => (await coach()).reps, { timeout: 30_000, intervals: [250] }).toBe(5);
    const lastRepAt = Date.now();
    mark('5 reps');
    // Nobody presses End: the rest ends it.
    await expect(page.getByTestId('set-summary')).toBeVisible({ timeout: 30_000 });
    const endedAfterS = (Date.now() - lastRepAt) / 1000;
    mark('set ended');
    test.info().annotations.push({ type: 'ended after the last rep', description: `${endedAfterS.toFixed(1)} s` });
    expect(endedAfterS).toBeGreaterThan(REST_ENDS_SET_MS / 1000 - 2);
    await expect(page.getByTestId('history-item').first()).toContainText('5 reps');
    await expect(page.getByTestId('history-item').first()).not.toContainText('unfinished');
    // Still standing in position: a new set starts, empty, and the ended one stays as it was.
    await expect(page.getByTestId('set-state')).toHaveText('Set: active', { timeout: 10_000 });
    mark('next set active');
    expect((await coach()).reps).toBe(0);
    await expect(page.getByTestId('history-item')).toHaveCount(1);
    // … with the last set's summary still up for the lifter to read.
    await expect(page.getByTestId('set-summary')).toContainText('Set summary');
    expect(cam.offending).toEqual([]);
  } finally {
    await cam.close();
  }
});
