/**
 * The review screen, end to end on the production build: real clips from
 * ../shared/footage through the real file input, decoder, pose worker and
 * analyzer; the exports through real downloads; bad files; the command-line
 * batch (`npm run analyze`) against the screen's own exports. Bad and
 * derived clips are made at test time in e2e/artifacts (gitignored).
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test, type Page } from '@playwright/test';
import { artifactsDir, footage, footageDir, repoRoot, sharedDir } from './clips';
import { guardOrigin } from './origin-guard';

// The labels are checked with the model the analyzer was tuned on (the shared recordings are
// `full`); the other tests use lite to keep the suite within a few minutes on two cores.
const LABEL_MODEL = 'full';
const MODEL = 'lite';
const TBY = 'TBY66_Intelligent-Deadlift-Diagnosis-System';
const work = path.join(artifactsDir, 'review');

interface Label {
  file: string;
  landmarks: string;
  lift: string;
  expected: string[] | 'good';
  reps: number;
}

function labels(): Map<string, Label> {
  const lines = readFileSync(path.join(footageDir, 'labels.csv'), 'utf8').trim().split(/\r?\n/).slice(1);
  const out = new Map<string, Label>();
  for (const line of lines) {
    const [file, landmarks, lift, , , expected, reps] = line.split(',');
    out.set(file, { file, landmarks, lift, expected: expected === 'good' ? 'good' : expected.split(';'), reps: Number(reps) });
  }
  return out;
}

interface Report {
  lift: string | null;
  reps: { index: number; complete: boolean; faults: string[]; verdict: 'fault' | 'clean' | 'unjudged'; unjudged: { id: string; reason: string; text: string }[] }[];
  summary: { repCount: number; cleanReps: number; unjudgedReps: number; mainFault: string | null };
}

/** The rep table and the timeline show each rep's verdict as the report has it; only a clean verdict reads "clean". */
async function expectVerdictsShown(page: Page, report: Report): Promise<void> {
  await expect(page.getByTestId('rep-table').getByRole('columnheader', { name: 'Verdict' })).toBeVisible();
  const cells = page.getByTestId('rep-verdict');
  await expect(cells).toHaveCount(report.reps.length);
  const shown = await cells.evaluateAll((els) => els.map((e) => ({ verdict: e.getAttribute('data-verdict'), text: e.textContent?.trim() ?? '' })));
  const segments = await page.getByTestId('rep-segment').evaluateAll((els) => els.map((e) => e.getAttribute('data-verdict')));
  expect(shown.map((x) => x.verdict)).toEqual(report.reps.map((r) => r.verdict));
  expect(segments).toEqual(report.reps.map((r) => r.verdict));
  for (const [i, x] of shown.entries()) {
    if (x.verdict === 'clean') expect(x.text).toMatch(/^clean/);
    else expect(x.text, `rep ${i + 1}`).not.toMatch(/^clean/);
    if (x.verdict === 'unjudged') expect(x.text).toMatch(/^couldn't judge/);
    if (x.verdict === 'fault') expect(x.text).toMatch(/^fault:/);
  }
  const counts = { clean: 0, fault: 0, unjudged: 0 };
  for (const r of report.reps) counts[r.verdict]++;
  await expect(page.getByTestId('summary-clean')).toHaveText(`${counts.clean} clean`);
  await expect(page.getByTestId('summary-fault')).toHaveText(`${counts.fault} with a fault`);
  await expect(page.getByTestId('summary-unjudged')).toHaveText(`${counts.unjudged} couldn't be judged`);
}

/** Reps and faults against the label: the rep count exactly; a good clip has no fault; a faulty one shows its faults in most judged reps and nothing else. */
function expectMatchesLabel(report: Report, label: Label): void {
  expect(report.reps.length, `${label.file}: reps`).toBe(label.reps);
  const flagged = new Set(report.reps.flatMap((r) => r.faults));
  if (label.expected === 'good') {
    expect([...flagged], `${label.file}: a good clip is flagged`).toEqual([]);
    return;
  }
  const judged = report.reps.filter((r) => r.complete);
  for (const id of label.expected) {
    const n = judged.filter((r) => r.faults.includes(id)).length;
    expect(n, `${label.file}: ${id} in ${n} of ${judged.length} complete reps`).toBeGreaterThan(judged.length / 2);
  }
  expect([...flagged].filter((id) => !label.expected.includes(id)), `${label.file}: unexpected faults`).toEqual([]);
  expect(label.expected).toContain(report.summary.mainFault);
}

function watchPage(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  // MediaPipe's wasm writes INFO/W lines to stderr, which lands in console.error; the favicon 404 is not ours.
  page.on('console', (m) => m.type() === 'error' && !/favicon|^(INFO|[IW]\d{4}|WARNING)|Failed to load resource/.test(m.text()) && errors.push(m.text()));
  return errors;
}

async function openReview(page: Page, opts: { lift?: string; model?: string } = {}): Promise<void> {
  await page.goto('/?debug#/review');
  await page.getByTestId('review-model').selectOption(opts.model ?? MODEL);
  await page.getByTestId('review-lift').selectOption(opts.lift ?? 'auto');
}

async function analyse(page: Page, file: string, timeout = 240_000): Promise<'ready' | 'error'> {
  await page.getByTestId('review-file').setInputFiles(file);
  const status = page.getByTestId('review-status');
  await expect(status).toHaveAttribute('data-state', /ready|error/, { timeout });
  return (await status.getAttribute('data-state')) as 'ready' | 'error';
}

async function download(page: Page, testId: string): Promise<{ name: string; text: string }> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const p = await d.path();
  return { name: d.suggestedFilename(), text: readFileSync(p!, 'utf8') };
}

test.describe('review a recorded video', () => {
  for (const clip of [`${TBY}/0016k_1.mp4`, `${TBY}/0016c_1.mp4`]) {
    test(`${path.basename(clip)} through the file input: report JSON download matches labels.csv`, async ({ page, context, baseURL }) => {
      test.setTimeout(300_000);
      const offending = await guardOrigin(context, new URL(baseURL!).origin);
      const errors = watchPage(page);
      const label = labels().get(clip)!;
      await openReview(page, { lift: label.lift, model: LABEL_MODEL });
      await page.getByTestId('review-file').setInputFiles(footage(clip));
      // Progress with an ETA while it runs, announced politely.
      await expect(page.getByTestId('review-progress')).toBeVisible({ timeout: 60_000 });
      await expect(page.getByTestId('review-status')).toHaveAttribute('aria-live', 'polite');
      await expect(page.getByTestId('review-status')).toContainText(/frames\/s/);
      await expect(page.getByTestId('review-status')).toHaveAttribute('data-state', 'ready', { timeout: 240_000 });

      const { name, text } = await download(page, 'export-report');
      expect(name).toBe(path.basename(clip).replace(/\.mp4$/, '.report.json'));
      const report = JSON.parse(text) as Report;
      await expectVerdictsShown(page, report);
      expectMatchesLabel(report, label);
      await expect(page.getByTestId('summary-reps')).toHaveText(`${label.reps} reps`);
      await expect(page.getByTestId('rep-row')).toHaveCount(label.reps);
      await expect(page.getByTestId('rep-segment')).toHaveCount(label.reps);

      // A clip this long is split between the device's pose workers (one per core, up to four) at
      // up to 30 frames a second; how fast that is lives in `npm run bench:review`, not here.
      const stats = await page.evaluate(() => ({ ...(window as any).__hinge.review.stats, cores: navigator.hardwareConcurrency, sourceFrames: (window as any).__hinge.review.videoInfo.frameCount }));
      expect(stats.workers).toBe(Math.min(4, Math.max(1, stats.cores)));
      expect(stats.frames).toBeLessThan(stats.sourceFrames * 0.6); // every other frame of the 60 fps clip
      test.info().annotations.push({
        type: 'throughput',
        description: `${LABEL_MODEL}: ${stats.frames} frames on ${stats.workers} workers, ${stats.fps.toFixed(1)} frames/s; inside detectForVideo ${(stats.inferenceMs / stats.frames).toFixed(1)} ms/frame (workers busy ${(stats.utilisation * 100).toFixed(1)}% of the wall time)`,
      });
      expect(offending, `requests left the origin: ${offending.join(', ')}`).toEqual([]);
      expect(errors).toEqual([]);
    });
  }

  test('checks that cannot be judged: a front view and a clip opening mid-pull say "couldn\'t judge" and why, never "clean"', async ({ page, context, baseURL }) => {
    test.setTimeout(300_000);
    const offending = await guardOrigin(context, new URL(baseURL!).origin);
    const errors = watchPage(page);
    await page.addInitScript(() => {
      (window as any).print = () => ((window as any).__printed = ((window as any).__printed ?? 0) + 1);
    });
    mkdirSync(artifactsDir, { recursive: true });

    // A front view of a pull: the side-on checks (back, bar, hips back…) cannot be judged from the front.
    await openReview(page, { lift: 'deadlift' });
    expect(await analyse(page, footage('03y_pose-estimation-for-powerlifting/deadlift2.mp4'))).toBe('ready');
    const front = JSON.parse((await download(page, 'export-report')).text) as Report;
    await expectVerdictsShown(page, front);
    expect(front.reps.length, 'front view: reps').toBeGreaterThan(0);
    expect(front.reps.filter((r) => r.verdict === 'clean'), 'a front view judged clean').toEqual([]);
    expect(front.summary.cleanReps).toBe(0);
    const unjudged = front.reps.filter((r) => r.verdict === 'unjudged');
    expect(unjudged.length).toBeGreaterThan(0);
    expect(front.summary.unjudgedReps).toBe(unjudged.length);
    // The table says which checks and why, in words.
    const row = page.getByTestId('rep-verdict').nth(unjudged[0].index - 1);
    await expect(row).toContainText("couldn't judge");
    const reasons = row.locator('li[data-reason]');
    expect(await reasons.count()).toBeGreaterThan(0);
    for (const t of await reasons.allTextContents()) expect(t).toMatch(/: \S.{5,}/);
    expect(await reasons.evaluateAll((els) => els.map((e) => e.getAttribute('data-reason')))).toContain('view');
    await expect(page.getByTestId('summary-unjudged-checks')).toContainText('not counted as clean');
    await expect(page.getByTestId('rep-segment').nth(unjudged[0].index - 1)).toHaveAttribute('aria-label', /couldn't judge: .+\(.+\)/);
    await page.getByTestId('rep-table').screenshot({ path: path.join(artifactsDir, 'review-unjudged-front-table.png') });
    await page.screenshot({ path: path.join(artifactsDir, 'review-unjudged-front.png'), fullPage: true });

    // The per-rep sheet carries the verdict and each unjudged check with its reason.
    const reps = await download(page, 'export-reps');
    expect(reps.name).toBe('deadlift2.reps.csv');
    const lines = reps.text.trimEnd().split('\r\n');
    expect(lines).toHaveLength(front.reps.length + 1);
    const header = lines[0].split(',');
    expect(header).toEqual(expect.arrayContaining(['rep', 'verdict', 'faults', 'unjudged', 'unjudged_reasons', 'low_confidence']));
    const first = unjudged[0];
    const line = lines[first.index];
    expect(line.split(',')[header.indexOf('verdict')]).toBe('unjudged');
    for (const u of first.unjudged) expect(line).toContain(u.id);
    // The per-frame angles carry the verdict of the rep each frame belongs to.
    const angles = (await download(page, 'export-angles')).text.trimEnd().split('\r\n');
    expect(angles[0].split(',').at(-1)).toBe('rep_verdict');
    expect(angles.slice(1).some((l) => l.endsWith(',unjudged'))).toBe(true);

    // The printed report never says "No fault found" for a rep it could not fully judge; it says what and why.
    await page.getByTestId('print-report').click();
    await expect.poll(() => page.evaluate(() => (window as any).__printed ?? 0)).toBe(1);
    const printed = page.locator('.print-report');
    await expect(printed).not.toContainText('No fault found');
    await expect(printed).toContainText("Couldn't judge this rep fully");
    await expect(printed).toContainText('Not judged, and why');
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: path.join(artifactsDir, 'review-unjudged-front-print.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });

    // A clip that opens mid-pull: whatever reps it finds cannot have had their lowering judged.
    expect(await analyse(page, footage('jeff-j-chen_MediaPipe-PoseReader/bad.mp4'))).toBe('ready');
    const mid = JSON.parse((await download(page, 'export-report')).text) as Report;
    await expectVerdictsShown(page, mid);
    test.info().annotations.push({ type: 'mid-rep clip', description: JSON.stringify(mid.reps.map((r) => ({ verdict: r.verdict, faults: r.faults, unjudged: r.unjudged.map((u) => `${u.id}:${u.reason}`) }))) });
    for (const r of mid.reps) {
      expect(r.verdict, `rep ${r.index} of a clip opening mid-pull`).not.toBe('clean');
      if (!r.complete) expect(r.unjudged.length, `rep ${r.index}: cut off, so some check was not judged`).toBeGreaterThan(0);
    }
    if (mid.reps.some((r) => r.verdict === 'unjudged')) await expect(page.getByTestId('rep-table')).toContainText("couldn't judge");
    await page.screenshot({ path: path.join(artifactsDir, 'review-unjudged-mid-rep.png'), fullPage: true });
    expect(offending, `requests left the origin: ${offending.join(', ')}`).toEqual([]);
    expect(errors).toEqual([]);
  });

  /** A landmark recording with these frame times and a still body in every frame. */
  const recordingText = (times: number[]) =>
    JSON.stringify({ fps: 30, width: 360, height: 640, frames: times.map((t) => ({ t, landmarks: Array.from({ length: 33 }, (_, i) => [0.5, 0.2 + i * 0.02, 0, 1]), world: null })) });

  test.describe(() => {
    // Without the service worker: it would fetch the ffmpeg.wasm core itself, out of reach of page.route.
    test.use({ serviceWorkers: 'block' });
    test('bad input: each file gets a clear message, nothing crashes, the app stays usable', async ({ page }) => {
      test.setTimeout(240_000);
      const errors = watchPage(page);
      rmSync(work, { recursive: true, force: true });
      mkdirSync(work, { recursive: true });
      const k1Path = footage(`${TBY}/0016k_1.mp4`);
      const k1 = readFileSync(k1Path);
      const files: [string, Buffer | string, RegExp][] = [
        ['empty.mp4', Buffer.alloc(0), /is empty/],
        ['random.mp4', Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 2654435761) >>> 24)), /not a video|damaged|could not be decoded/],
        ['notes.txt', 'rep 1 felt heavy\nrep 2 fine\n', /is not a video this app can read/],
        // A copy cut off in transfer: the index (moov, at the end of this file) never arrived.
        ['truncated.mp4', k1.subarray(0, Math.floor(k1.length * 0.4)), /incomplete.*cut off/],
        ['broken.landmarks.json', '{"fps": 30, "width": 360}', /not a landmark recording.*height/],
        // Recordings that parse but cannot hold a rep say why, not a silent "0 reps".
        ['still.landmarks.json', recordingText(Array.from({ length: 90 }, () => 0)), /Every frame of “still.landmarks.json” has the same time \(0 ms\)/],
        ['one-frame.landmarks.json', recordingText([0]), /single frame/],
      ];
      await openReview(page);
      for (const [name, data, message] of files) {
        const p = path.join(work, name);
        writeFileSync(p, data);
        expect(await analyse(page, p, 60_000), name).toBe('error');
        await expect(page.getByTestId('review-error')).toHaveText(message);
        await expect(page.getByTestId('review-error')).toHaveAttribute('role', 'alert');
        await expect(page.getByTestId('review-file')).toBeEnabled();
      }

      // Past the size limit: refused before it is read (a sparse file, no disk used).
      const huge = path.join(work, 'huge.landmarks.json');
      writeFileSync(huge, '{"fps": 30, ');
      truncateSync(huge, 401e6);
      expect(await analyse(page, huge, 60_000)).toBe('error');
      await expect(page.getByTestId('review-error')).toHaveText(/too large to open here \(401 MB/);

      // ffmpeg.wasm unavailable (blocked here; on a device: offline before it was cached, or no memory
      // for its 31 MB): a codec WebCodecs cannot take then gets the platform player, and failing that,
      // a message naming the codec and what to do.
      await page.route(/ffmpeg-core.*\.wasm$/, (r) => r.abort());
      expect(await analyse(page, footage('mattiolato98_deadlift-visual-analyzer/Good/000001.mp4'), 60_000)).toBe('error');
      await expect(page.getByTestId('review-error')).toContainText('MPEG-4 Part 2');
      await expect(page.getByTestId('review-error')).toContainText('H.264');
      await page.unroute(/ffmpeg-core.*\.wasm$/);

      // Cancel a long analysis half-way: it stops, says so, and the next file works.
      await page.getByTestId('review-file').setInputFiles(k1Path);
      await expect(page.getByTestId('review-progress')).toBeVisible({ timeout: 60_000 });
      await page.getByTestId('review-cancel').click();
      await expect(page.getByTestId('review-status')).toHaveAttribute('data-state', 'idle');
      await expect(page.getByTestId('review-status')).toHaveText('Analysis cancelled.');

      // No person: an empty room, as WebM (VP9).
      const empty = path.join(work, 'empty-room.webm');
      execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=0x707070:s=320x240:d=2:r=15', '-c:v', 'libvpx-vp9', '-b:v', '200k', empty]);
      expect(await analyse(page, empty, 120_000)).toBe('error');
      await expect(page.getByTestId('review-error')).toContainText('No person was found');
      expect(await page.evaluate(() => (window as any).__hinge.review.videoInfo?.decoder)).toBe('webcodecs');

      // Still usable: a good recording opens and is analysed.
      expect(await analyse(page, path.join(sharedDir, 'landmarks', `${TBY}__0016c_1.json`), 60_000)).toBe('ready');
      await expect(page.getByTestId('summary-reps')).toHaveText('11 reps');
      expect(errors).toEqual([]);
    });
  });

  test('two people in view, WebM, and a rotated phone video: a warning, WebCodecs at 30 fps, the body measured upright', async ({ page }) => {
    test.setTimeout(240_000);
    const errors = watchPage(page);
    mkdirSync(work, { recursive: true });
    const c1 = footage(`${TBY}/0016c_1.mp4`);
    const k1 = footage(`${TBY}/0016k_1.mp4`);
    // Two lifters side by side (4 s).
    const two = path.join(work, 'two-people.mp4');
    execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-t', '4', '-i', c1, '-t', '4', '-i', k1, '-filter_complex', 'hstack=inputs=2,fps=30', '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-an', two]);
    // A phone-style portrait clip: pixels stored landscape (turned a quarter counter-clockwise), and
    // the track matrix an iPhone writes (turn 90° clockwise to show). ffmpeg 5.1 writes that matrix
    // for the legacy tag rotate=270 when remuxing.
    const sideways = path.join(work, 'sideways.mp4');
    const rotated = path.join(work, 'rotated-90.mp4');
    execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-t', '3', '-i', c1, '-vf', 'transpose=2', '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-an', sideways]);
    execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-i', sideways, '-c', 'copy', '-metadata:s:v:0', 'rotate=270', rotated]);

    await openReview(page, { lift: 'deadlift' });
    expect(await analyse(page, two)).toBe('ready');
    await expect(page.getByTestId('review-warning')).toContainText('More than one person is in view');

    // WebM (VP9, 60 fps) with a lifter: demuxed by mediabunny, decoded by WebCodecs, analysed at 30 fps.
    const webm = path.join(work, 'lifter.webm');
    execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-t', '3', '-i', c1, '-c:v', 'libvpx-vp9', '-b:v', '800k', '-deadline', 'realtime', '-cpu-used', '8', '-an', webm]);
    expect(await analyse(page, webm)).toBe('ready');
    const w = await page.evaluate(() => {
      const s = (window as any).__hinge.review;
      return { decoder: s.videoInfo.decoder, frames: s.clip.frames.length, measured: s.clip.frames.filter((f: any) => f.landmarks).length };
    });
    expect(w.decoder).toBe('webcodecs');
    expect(w.frames).toBe(90); // 180 frames in the file, every other one kept
    expect(w.measured / w.frames).toBeGreaterThan(0.95);

    expect(await analyse(page, rotated)).toBe('ready');
    const r = await page.evaluate(() => {
      const s = (window as any).__hinge.review;
      const lms = s.clip.frames.map((f: any) => f.landmarks).filter(Boolean);
      // Upright: shoulders above hips above ankles (image y grows downwards).
      const upright = lms.filter((lm: number[][]) => lm[11][1] < lm[23][1] && lm[23][1] < lm[27][1]).length;
      return { rotation: s.videoInfo.rotation, w: s.clip.width, h: s.clip.height, frames: lms.length, upright };
    });
    expect(r.rotation).toBe(90);
    expect([r.w, r.h]).toEqual([360, 640]);
    expect(r.frames).toBeGreaterThan(85); // 3 s at 30 fps
    expect(r.upright / r.frames).toBeGreaterThan(0.95);
    expect(errors).toEqual([]);
  });

  test('timeline, frame stepping, thresholds recomputed from stored landmarks, exports, saved reviews', async ({ page }) => {
    test.setTimeout(120_000);
    const errors = watchPage(page);
    await page.addInitScript(() => {
      (window as any).print = () => ((window as any).__printed = ((window as any).__printed ?? 0) + 1);
    });
    await openReview(page, { lift: 'deadlift' });
    // A landmark recording re-opens without running pose; this one is dropped on the page.
    const recording = path.join(sharedDir, 'landmarks', `${TBY}__0016c_1.json`);
    const dataTransfer = await page.evaluateHandle(
      ([text, name]) => {
        const dt = new DataTransfer();
        dt.items.add(new File([text], name, { type: 'application/json' }));
        return dt;
      },
      [readFileSync(recording, 'utf8'), path.basename(recording)],
    );
    await page.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer });
    await expect(page.getByTestId('review-status')).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    await expect(page.getByTestId('review-done')).toContainText('pose not re-run');
    await expect(page.getByTestId('rep-segment')).toHaveCount(11);
    // Each rep's verdict, in the table, on the timeline and in the summary, as the report has it.
    await expectVerdictsShown(page, JSON.parse((await download(page, 'export-report')).text) as Report);
    await expect(page.getByTestId('fault-marker')).toHaveCount(0);

    // Keyboard: arrows step frames, space plays and pauses.
    const frame = page.getByTestId('frame-index');
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await expect(frame).toHaveText('1');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(frame).toHaveText('3');
    await page.keyboard.press('ArrowLeft');
    await expect(frame).toHaveText('2');
    await page.keyboard.press('Shift+ArrowRight');
    await expect(frame).toHaveText('12');
    // Click a rep: the playhead goes to its start.
    const rep3 = await page.evaluate(() => (window as any).__hinge.review.report.reps[2].startMs);
    await page.getByTestId('rep-segment').nth(2).click();
    await expect.poll(() => page.evaluate(() => (window as any).__hinge.player.currentMs)).toBeCloseTo(rep3, 0);
    await page.keyboard.press('Space');
    await expect.poll(() => page.evaluate(() => (window as any).__hinge.player.playing)).toBe(true);
    await page.keyboard.press('Space');
    await expect.poll(() => page.evaluate(() => (window as any).__hinge.player.playing)).toBe(false);
    await page.getByLabel('0.25×').check();
    expect(await page.evaluate(() => (window as any).__hinge.player.rate)).toBe(0.25);

    // The physio makes the hinge check stricter: the report recomputes from the stored landmarks.
    await page.getByText('Thresholds for this review').click();
    const ratio = page.getByTestId('threshold-hipsBackMinRatio');
    await ratio.fill('2');
    await ratio.press('Tab');
    await expect(page.getByTestId('fault-marker').first()).toBeVisible({ timeout: 5_000 });
    await expect(page.getByTestId('review-summary')).toContainText('main fault');
    const strict = JSON.parse((await download(page, 'export-report')).text) as Report;
    expect(strict.reps.filter((r) => r.faults.includes('hips-back')).length).toBeGreaterThan(5);

    // Per-frame angles for a spreadsheet.
    const csv = await download(page, 'export-angles');
    expect(csv.name).toBe(`${TBY}__0016c_1.angles.csv`);
    const rows = csv.text.trim().split('\r\n');
    expect(rows[0]).toMatch(/^frame,t_ms,person,rep,phase,depth,trunk_deg,hip_deg,knee_deg/);
    expect(rows).toHaveLength(1262 + 1);
    // The landmark recording round-trips.
    const rec = JSON.parse((await download(page, 'export-recording')).text);
    expect(rec.frames).toHaveLength(1262);

    // Two reps side by side, locked by phase.
    await page.getByText('Compare two reps').click();
    await page.getByTestId('compare-b').selectOption('5');
    await page.getByTestId('compare-phase').evaluate((el: HTMLInputElement) => {
      el.value = '1';
      el.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await expect(page.getByTestId('compare')).toContainText('bottom');
    const aligned = await page.evaluate(() => {
      const s = (window as any).__hinge.review;
      return [s.report.reps[0].bottomMs, s.report.reps[4].bottomMs];
    });
    expect(aligned[0]).toBeLessThan(aligned[1]);

    // Printable report: a key frame per rep, then the print dialog.
    await page.getByTestId('print-report').click();
    await expect.poll(() => page.evaluate(() => (window as any).__printed ?? 0)).toBe(1);
    await expect(page.locator('.print-report img')).toHaveCount(11);

    // Saved on the device: survives a reload, reopens with its thresholds, deletes.
    await page.getByTestId('save-review').click();
    await expect(page.getByTestId('saved-item')).toHaveCount(1);
    await page.reload();
    await expect(page.getByTestId('saved-item')).toHaveCount(1);
    await page.getByTestId('saved-item').getByRole('button', { name: /^Open/ }).click();
    await expect(page.getByTestId('review-status')).toHaveAttribute('data-state', 'ready');
    await page.getByText('Thresholds for this review').click();
    await expect(page.getByTestId('threshold-hipsBackMinRatio')).toHaveValue('2');
    const reopened = JSON.parse((await download(page, 'export-report')).text);
    expect(reopened).toEqual(strict);
    page.once('dialog', (d) => d.accept());
    await page.getByTestId('saved-item').getByRole('button', { name: /^Delete/ }).click();
    await expect(page.getByTestId('saved-item')).toHaveCount(0);
    expect(errors).toEqual([]);
  });

  test('phone formats: an iPhone HEVC .mov and MPEG-4 Part 2 clips, decoded in the browser, reviewed by the screen and by npm run analyze alike', async ({ page }) => {
    test.setTimeout(480_000);
    const errors = watchPage(page);
    const dir = path.join(work, 'phone');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    // An iPhone-style portrait HEVC .mov: pixels stored landscape, the display matrix turning them
    // upright (the legacy rotate tag, written on remux), hvc1 as the iPhone tags it.
    // The same 10 s as H.264 with the same rotation: the WebCodecs path's answer to compare with.
    const ff = (...args: string[]) => execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args]);
    const sideways = path.join(dir, 'sideways.mov');
    const iphone = path.join(dir, 'IMG_0001.MOV');
    const h264 = path.join(dir, 'same-as-h264.mov');
    ff('-t', '10', '-i', footage(`${TBY}/0016c_1.mp4`), '-vf', 'transpose=2', '-c:v', 'libx265', '-tag:v', 'hvc1', '-preset', 'medium', '-crf', '18', '-x265-params', 'log-level=error', '-an', sideways);
    ff('-i', sideways, '-c', 'copy', '-metadata:s:v:0', 'rotate=270', iphone);
    ff('-i', sideways, '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '12', '-an', path.join(dir, 'h264-sideways.mov'));
    ff('-i', path.join(dir, 'h264-sideways.mov'), '-c', 'copy', '-metadata:s:v:0', 'rotate=270', h264);
    rmSync(sideways);
    const part2 = ['mattiolato98_deadlift-visual-analyzer/Good/000001.mp4', 'mattiolato98_deadlift-visual-analyzer/Good/000002.mp4'];
    const label = labels();

    const screen = new Map<string, string>();
    await openReview(page, { lift: 'deadlift' });
    expect(await analyse(page, iphone)).toBe('ready');
    const hevc = await page.evaluate(() => {
      const s = (window as any).__hinge.review;
      const lms = s.clip.frames.map((f: any) => f.landmarks).filter(Boolean);
      const upright = lms.filter((lm: number[][]) => lm[11][1] < lm[23][1] && lm[23][1] < lm[27][1]).length;
      return { decoder: s.videoInfo.decoder, codec: s.videoInfo.codec, rotation: s.videoInfo.rotation, size: [s.clip.width, s.clip.height], frames: s.clip.frames.length, measured: lms.length, upright };
    });
    test.info().annotations.push({ type: 'hevc', description: JSON.stringify(hevc) });
    expect(hevc).toMatchObject({ decoder: 'ffmpeg', codec: 'hvc1', rotation: 90, size: [360, 640] });
    expect(hevc.frames).toBeGreaterThan(10 * 30 * 0.95); // 10 s of a 60 fps clip at 30 fps
    expect(hevc.upright / hevc.measured).toBeGreaterThan(0.95);
    const hevcText = (await download(page, 'export-report')).text;
    screen.set('IMG_0001.report.json', hevcText);
    const hevcReport = JSON.parse(hevcText) as Report;
    await expectVerdictsShown(page, hevcReport);
    // Whichever decoder: the H.264 copy through WebCodecs counts the same reps.
    expect(await analyse(page, h264)).toBe('ready');
    const viaWebCodecs = await page.evaluate(() => ({ decoder: (window as any).__hinge.review.videoInfo.decoder, reps: (window as any).__hinge.review.report.reps.map((r: any) => r.complete) }));
    test.info().annotations.push({ type: 'hevc vs h264', description: JSON.stringify({ hevc: hevcReport.reps.map((r) => `${r.verdict}:${r.faults.join('+')}`), viaWebCodecs }) });
    expect(viaWebCodecs.decoder).toBe('webcodecs');
    expect(hevcReport.reps.map((r) => r.complete)).toEqual(viaWebCodecs.reps);
    expect(hevcReport.reps.filter((r) => r.complete).length).toBeGreaterThanOrEqual(3);

    for (const clip of part2) {
      expect(await analyse(page, footage(clip))).toBe('ready');
      const info = await page.evaluate(() => (window as any).__hinge.review.videoInfo);
      expect(info).toMatchObject({ decoder: 'ffmpeg', width: 1920, height: 1080 });
      expect(info.codec).toMatch(/^mp4v$/i);
      const report = (await download(page, 'export-report')).text;
      screen.set(`${path.basename(clip, '.mp4')}.report.json`, report);
      expect((JSON.parse(report) as Report).reps.length, clip).toBe(label.get(clip)!.reps);
    }
    expect(errors).toEqual([]);

    // The same files as a clinic's folder through the command line: same decoders, same reports.
    const folder = path.join(dir, 'clinic');
    mkdirSync(path.join(folder, 'patient-a'), { recursive: true });
    mkdirSync(path.join(folder, 'patient-b'), { recursive: true });
    execFileSync('cp', [iphone, path.join(folder, 'patient-a', 'IMG_0001.MOV')]);
    for (const clip of part2) execFileSync('cp', [footage(clip), path.join(folder, 'patient-b', path.basename(clip))]);
    const out = path.join(dir, 'out');
    const { stdout } = await promisify(execFile)('npm', ['run', '--silent', 'analyze', '--', folder, '--lift', 'deadlift', '--model', MODEL, '--out', out, '--no-build'], { cwd: repoRoot, timeout: 300_000 });
    expect(stdout).toContain('3 videos: 3 reviewed, 0 failed');
    expect(readFileSync(path.join(out, 'patient-a', 'IMG_0001.report.json'), 'utf8')).toBe(screen.get('IMG_0001.report.json'));
    for (const clip of part2) {
      const name = `${path.basename(clip, '.mp4')}.report.json`;
      expect(readFileSync(path.join(out, 'patient-b', name), 'utf8')).toBe(screen.get(name));
    }
    const csv = readFileSync(path.join(out, 'summary.csv'), 'utf8').trimEnd().split(/\r?\n/);
    const head = csv[0].split(',');
    expect(head).toEqual(expect.arrayContaining(['file', 'status', 'lift', 'view', 'reps', 'rep', 'verdict', 'faults', 'unjudged']));
    const rows = csv.slice(1).map((l) => l.split(','));
    expect(rows.filter((r) => r[head.indexOf('file')] === 'patient-a/IMG_0001.MOV')).toHaveLength(hevcReport.reps.length);
    expect(rows.every((r) => r[head.indexOf('status')] === 'ok')).toBe(true);
  });

  test('npm run analyze on two clips writes the same reports the screen exports', async ({ page }) => {
    test.setTimeout(300_000);
    const clips = ['julioccv13_entrenamiento_2/derived_rdl_LEFT_good_0-9.5s.mp4', 'julioccv13_entrenamiento_2/derived_rdl_RIGHT_faulty_0-9.5s.mp4'];
    const screen: Record<string, { report: string; recording: string }> = {};
    for (const clip of clips) {
      await openReview(page, { lift: 'rdl' });
      expect(await analyse(page, footage(clip))).toBe('ready');
      screen[path.basename(clip)] = { report: (await download(page, 'export-report')).text, recording: (await download(page, 'export-recording')).text };
    }
    const out = path.join(work, 'cli');
    rmSync(out, { recursive: true, force: true });
    // --no-build: the very build this suite's server serves, even if someone edited a source since.
    const { stdout } = await promisify(execFile)('npm', ['run', '--silent', 'analyze', '--', ...clips.map(footage), '--lift', 'rdl', '--model', MODEL, '--out', out, '--no-build'], {
      cwd: repoRoot,
      timeout: 240_000,
    });
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(3); // a line per video, then the tally
    expect(lines[2]).toMatch(/^2 videos: 2 reviewed, 0 failed; summary: /);
    for (const clip of clips) {
      const base = path.basename(clip).replace(/\.mp4$/, '');
      expect(lines.find((l) => l.includes(path.basename(clip)))).toMatch(/: \d+ reps? \(\d+ clean\), faults: /);
      expect(readFileSync(path.join(out, `${base}.report.json`), 'utf8')).toBe(screen[path.basename(clip)].report);
      expect(readFileSync(path.join(out, `${base}.landmarks.json`), 'utf8')).toBe(screen[path.basename(clip)].recording);
    }
  });
});
