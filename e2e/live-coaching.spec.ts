/**
 * Live coaching on real footage through the fake camera: the lifter stands
 * still (the clip's first frame held), the set starts hands-free, the reps
 * are counted and the cue for the clip's fault is shown. Screenshots are
 * saved under e2e/artifacts/results for a person to look at.
 */
import { writeFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { mjpegFor } from './clips';
import { openWithCamera } from './browser';

interface Case {
  clip: string;
  reps: number;
  /** the fault cue the clip must show, or null for a clean clip */
  fault: string | null;
  /**
   * the clip ends during the last rep's descent, this long: played back in reverse, the lifter
   * stands up again. Without it the clip plays to its real end, its last frame is held and the
   * camera loops back to the standing start (a cut the analyzer must not count a rep across).
   */
  lastDescentS?: number;
  /** the page size (default 1280×900); the set is followed on the set screen either way */
  viewport?: { width: number; height: number };
}

const TBY = 'TBY66_Intelligent-Deadlift-Diagnosis-System';
const CASES: Case[] = [
  { clip: `${TBY}/0016k_1.mp4`, reps: 11, fault: 'hips-back', lastDescentS: 0.75 },
  // followed on a phone held upright
  { clip: `${TBY}/0016r_1.mp4`, reps: 11, fault: 'rounded-back', lastDescentS: 0.55, viewport: { width: 390, height: 844 } },
  // Played to its real end: ten reps, then the last descent runs on into a squat (knee 87° → 42°)
  // to put the bar down and never comes back up. Putting the bar down is not a rep: it is neither
  // counted nor judged, nor is it once the camera loops back to the standing start (issue #14, 7).
  { clip: `${TBY}/0016c_1.mp4`, reps: 10, fault: null },
];

type CueLog = { t: number; rep: number; faultId: string | null; kind: string; text: string }[];
const coachState = (page: Page) =>
  page.evaluate(() => {
    const c = (window as any).__hinge.coach;
    const verdicts = (c.reps as { index: number; complete: boolean; verdict: string; faults: string[] }[]).map(
      (r) => `${r.index}:${r.verdict}${r.complete ? '' : ' (incomplete)'}${r.faults.length ? ` ${r.faults.join('+')}` : ''}`,
    );
    return { reps: c.repCount as number, state: c.setState as string, cues: c.cueLog as CueLog, verdicts };
  });
/** How far down the lifter is in the latest measured frame (0 standing, ~0.4 at these reps' bottom). */
const liveDepth = (page: Page) => page.evaluate(() => ((window as any).__hinge.coach.frame?.depth as number | undefined) ?? NaN);

for (const c of CASES) {
  test(`${c.clip}: counts ${c.reps} reps and cues ${c.fault ?? 'no fault'}`, async ({ baseURL }) => {
    const cam = await openWithCamera(mjpegFor(c.clip, { holdStartS: 8, holdEndS: 6, riseBackS: c.lastDescentS }), baseURL!, c.viewport);
    const { page } = cam;
    try {
      await page.goto('/?debug');
      await page.getByTestId('lift-select').selectOption('deadlift');
      // The app's default model, the one the analyzer was tuned on.
      await expect(page.getByTestId('model-select')).toHaveValue('full');
      // The delegate trial is covered elsewhere; here every frame should go to coaching.
      await page.getByTestId('delegate-select').selectOption('CPU');
      await page.getByTestId('start-camera').click();

      // Hands-free: nobody touches Start set. The clip's first frame is held for 8 s:
      // the lifter standing still while the model loads and calibrates.
      await expect(page.getByTestId('set-state')).toHaveText('Set: active', { timeout: 60_000 });
      // The set screen, by its shortcut while focus is still on the camera button.
      await page.keyboard.press('f');
      await expect(page.getByTestId('set-screen')).toBeVisible();
      await expect(page.getByTestId('start-camera')).toBeHidden();
      const view = page.viewportSize()!;
      for (const id of ['set-screen-cue', 'set-screen-count', 'live-stage']) {
        const box = (await page.getByTestId(id).boundingBox())!;
        expect(box, id).not.toBeNull();
        // on screen, without scrolling, in portrait and landscape alike
        expect(box.y + box.height, id).toBeLessThanOrEqual(view.height + 1);
        expect(box.x + box.width, id).toBeLessThanOrEqual(view.width + 1);
      }
      await page.screenshot({ path: test.info().outputPath('set-started.png') });

      await expect.poll(async () => (await coachState(page)).reps, { timeout: 90_000, intervals: [500] }).toBeGreaterThanOrEqual(c.reps);
      if (c.lastDescentS === undefined) {
        // The lifter squats to put the bar down (the held last frame), then the camera loops back
        // to the standing start: wait for both, so the put-down is checked across the loop too.
        await expect.poll(() => liveDepth(page), { timeout: 30_000, intervals: [250] }).toBeGreaterThan(0.3);
        await expect.poll(() => liveDepth(page), { timeout: 30_000, intervals: [250] }).toBeLessThan(0.15);
      }
      // The clip's last frame is held (or the looped start: the lifter standing): no further rep may be counted.
      await page.waitForTimeout(2500);
      const s = await coachState(page);
      const stats = await page.getByTestId('live-stats').textContent();
      test.info().annotations.push({ type: 'cues', description: JSON.stringify(s.cues.map((q) => `${q.rep}:${q.faultId ?? q.kind}`)) });
      test.info().annotations.push({ type: 'reps', description: JSON.stringify(s.verdicts) });
      test.info().annotations.push({ type: 'stats', description: stats ?? '' });
      expect(s.reps).toBe(c.reps);
      await expect(page.getByTestId('rep-count')).toHaveText(String(c.reps));
      await expect(page.getByTestId('set-screen-count')).toHaveText(String(c.reps));
      // every rep has its mark on the set screen: good, a fix, or couldn't see
      await expect(page.getByTestId('set-screen-rep')).toHaveCount(c.reps);
      await page.screenshot({ path: test.info().outputPath('set-screen.png') });
      // E ends the set: its result, big
      await page.keyboard.press('e');
      await expect(page.getByTestId('set-screen-done')).toContainText(`${c.reps} reps`);
      await page.screenshot({ path: test.info().outputPath('set-screen-done.png') });
      // Saved on the device as it happened, rep by rep.
      await expect(page.getByTestId('history-item').first()).toContainText(`${c.reps} reps`);

      const faultCues = s.cues.filter((q) => q.kind === 'fault').map((q) => q.faultId);
      if (c.fault) {
        expect(faultCues).toContain(c.fault);
      } else {
        expect(faultCues).toEqual([]);
        expect(s.cues.some((q) => q.kind === 'praise')).toBe(true);
      }
      // The cue also reached the screen reader's live region.
      const announced = await page.getByTestId('cue-announcer').textContent();
      expect(announced?.length).toBeGreaterThan(0);
      await page.screenshot({ path: test.info().outputPath('after-set.png') });
      expect(cam.offending).toEqual([]);
      expect(cam.consoleErrors).toEqual([]);
    } finally {
      // The live landmarks, for anyone who needs to see why a verdict differed from the review's.
      const rec = await page.evaluate(() => JSON.stringify((window as any).__hinge?.coach?.recording('full'))).catch(() => null);
      if (rec) writeFileSync(test.info().outputPath('live-recording.json'), rec);
      await page.screenshot({ path: test.info().outputPath('final.png') }).catch(() => {});
      await cam.close();
    }
  });
}
