/**
 * The frame rate the analyzer needs: every shared clip filmed at 50 fps or
 * more, recorded at its full rate (`npm run recordings`), analysed again on
 * the frames a 30 fps cap keeps (the review screen's default). Reps,
 * verdicts and faults must not change, or the cap would cost accuracy.
 */
import { describe, expect, it } from 'vitest';
import { readLabels, recordingOf } from '../../scripts/shared-clips';
import { intervalFor, keepFrame } from '../video/decimate';
import { analyzeClip } from './index';
import type { PoseClip, SetReport } from './types';

function capped(clip: PoseClip, maxFps: number): PoseClip {
  const every = intervalFor(maxFps);
  let last: number | null = null;
  const frames = clip.frames.filter((f) => {
    if (!keepFrame(f.t, last, every)) return false;
    last = f.t;
    return true;
  });
  return { ...clip, fps: Math.min(clip.fps, maxFps), frames };
}

const verdicts = (r: SetReport) => r.reps.map((rep) => `${rep.verdict}:${[...rep.faults].sort().join('+')}`);

const fast = readLabels()
  .map((row) => ({ row, clip: recordingOf(row, 'app') }))
  .filter(({ clip }) => clip.fps >= 50);

describe('analysis at 30 fps', () => {
  it('the shared set has clips filmed at 50 fps or more', () => {
    expect(fast.length).toBeGreaterThanOrEqual(10);
  });

  for (const { row, clip } of fast) {
    it(`${row.file} (${Math.round(clip.fps)} fps): same reps, verdicts and faults at 30 fps`, () => {
      const full = analyzeClip(clip, { lift: row.lift });
      const at30 = capped(clip, 30);
      expect(at30.frames.length).toBeLessThan(clip.frames.length * 0.6);
      const low = analyzeClip(at30, { lift: row.lift });
      expect(low.lift).toBe(full.lift);
      expect(verdicts(low)).toEqual(verdicts(full));
    });
  }
});
