/**
 * The frame rate the analyzer needs: every shared clip filmed at 50 fps or
 * more, recorded at its full rate (`npm run recordings`), analysed again on
 * the frames a 30 fps cap keeps (the review screen's default). The lift and
 * the rep count must not change. A rep's faults may differ only where the
 * measurement sat within 10% of its threshold in the run that flagged it:
 * such a rep is a coin toss at any frame rate (taking every other frame
 * moves a median of a noisy bottom window by a few %), not a cost of the cap.
 */
import { describe, expect, it } from 'vitest';
import { readLabels, recordingOf } from '../../scripts/shared-clips';
import { intervalFor, keepFrame } from '../video/decimate';
import { analyzeClip } from './index';
import type { PoseClip, RepReport } from './types';

const BORDERLINE = 0.1;

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

/** Faults one rep has and the other lacks that were not borderline where flagged. */
function firmDifferences(a: RepReport, b: RepReport): string[] {
  const firm = (from: RepReport, other: RepReport) =>
    from.faults
      .filter((id) => !other.faults.includes(id))
      .filter((id) => {
        const e = from.evidence.find((x) => x.id === id);
        return !e || Math.abs(e.value / e.threshold - 1) > BORDERLINE;
      });
  return [...firm(a, b), ...firm(b, a)];
}

const fast = readLabels()
  .map((row) => ({ row, clip: recordingOf(row, 'app') }))
  .filter(({ clip }) => clip.fps >= 50);

describe('analysis at 30 fps', () => {
  it('the shared set has clips filmed at 50 fps or more', () => {
    expect(fast.length).toBeGreaterThanOrEqual(10);
  });

  for (const { row, clip } of fast) {
    it(`${row.file} (${Math.round(clip.fps)} fps): same lift and reps; faults the same but for borderline ones`, () => {
      const full = analyzeClip(clip, { lift: row.lift });
      const at30 = capped(clip, 30);
      expect(at30.frames.length).toBeLessThan(clip.frames.length * 0.6);
      const low = analyzeClip(at30, { lift: row.lift });
      expect(low.lift).toBe(full.lift);
      expect(low.reps.length).toBe(full.reps.length);
      full.reps.forEach((r, i) => expect(firmDifferences(r, low.reps[i]), `rep ${i + 1}`).toEqual([]));
    });
  }
});
