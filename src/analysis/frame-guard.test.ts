/**
 * Hostile input: whatever a recording file or a worker hands the analyzer,
 * it neither throws nor lets a non-finite number into the report, and a bad
 * frame in a real recording is a gap, not a lost set (fast-check properties
 * over mutations of a shared recording, and over pure junk; FUZZ_RUNS=N for
 * a longer search: 1500 found nothing).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readLabels, recordingOf } from '../../scripts/shared-clips';
import { guardFrame, orderedFrames } from './frame-guard';
import { analyzeClip } from './index';
import { createHingeAnalyzer } from './analyzer';
import type { PoseClip, PoseFrame } from './types';

/** Paths of every non-finite number in a value (`allowNaN`: only infinities). */
function nonFinite(v: unknown, at = 'report', allowNaN = false): string[] {
  if (typeof v === 'number') return Number.isFinite(v) || (allowNaN && Number.isNaN(v)) ? [] : [at];
  if (v === null || typeof v !== 'object') return [];
  return Object.entries(v).flatMap(([k, x]) => nonFinite(x, `${at}.${k}`, allowNaN));
}

const junkNumber = fc.oneof(fc.double(), fc.constantFrom(NaN, Infinity, -Infinity, 1e300, -0));
const junkPoint = fc.oneof(fc.array(junkNumber, { maxLength: 5 }), fc.constant(null), fc.constant(undefined), fc.string());
const junkLandmarks = fc.oneof(
  fc.array(junkPoint, { maxLength: 40 }),
  fc.constant(null),
  fc.constant('landmarks'),
  fc.array(fc.tuple(fc.double({ min: 0, max: 1 }), fc.double({ min: 0, max: 1 }), fc.double({ min: -1, max: 1 }), fc.double({ min: 0, max: 1 })), { minLength: 33, maxLength: 33 }),
);
const junkFrame = fc.record({ t: junkNumber, landmarks: junkLandmarks, world: junkLandmarks, people: fc.oneof(junkNumber, fc.constant(undefined)), dorsal: fc.oneof(junkNumber, fc.constant(null), fc.constant(undefined)) });

const real = recordingOf(readLabels().find((r) => r.file.includes('0016c_1'))!, 'reference');
const realReps = analyzeClip(real, { lift: 'deadlift' }).reps.length;

describe('orderedFrames', () => {
  it('drops frames out of order, without a time, or alone far in the future', () => {
    const ts = (xs: number[]) => orderedFrames(xs.map((t) => ({ t }))).map((f) => f.t);
    expect(ts([0, 33, 1e300, 66, 100, 133])).toEqual([0, 33, 66, 100, 133]);
    expect(ts([1e300, 0, 33, 66])).toEqual([0, 33, 66]);
    expect(ts([0, 33, NaN, 20, 66, Infinity, 100])).toEqual([0, 33, 66, 100]);
    // a real pause (the camera off for ten minutes) is kept
    expect(ts([0, 33, 600_000, 600_033, 600_066])).toEqual([0, 33, 600_000, 600_033, 600_066]);
  });
});

describe('guardFrame', () => {
  it('passes a good frame through untouched', () => {
    const f = real.frames.find((x) => x.landmarks)!;
    expect(guardFrame(f)).toBe(f);
  });
  it('skips a frame without a usable time and makes bad landmarks "no person"', () => {
    const f = real.frames.find((x) => x.landmarks)!;
    expect(guardFrame({ ...f, t: Infinity })).toBeNull();
    expect(guardFrame({ ...f, t: NaN })).toBeNull();
    const holed = f.landmarks!.slice();
    delete holed[11];
    expect(guardFrame({ ...f, landmarks: holed })?.landmarks).toBeNull();
    expect(guardFrame({ ...f, landmarks: f.landmarks!.map((p) => [p[0] * 1e9, p[1], p[2], p[3]]) as PoseFrame['landmarks'] })?.landmarks).toBeNull();
    expect(guardFrame({ ...f, world: [[NaN, 0, 0, 1]] as PoseFrame['world'] })?.world).toBeNull();
  });
});

describe('the analyzer on hostile input', () => {
  it('never throws and never reports a non-finite number, whatever the frames', () => {
    fc.assert(
      fc.property(fc.array(junkFrame, { maxLength: 300 }), (frames) => {
        const clip = { fps: 30, width: 640, height: 360, frames } as unknown as PoseClip;
        const report = analyzeClip(clip, {});
        expect(nonFinite(report)).toEqual([]);
        const live = createHingeAnalyzer({ width: 640, height: 360 });
        // a frame result may say NaN for "not measured"; never an infinity
        for (const f of frames) expect(nonFinite(live.push(f as unknown as PoseFrame), 'frame', true)).toEqual([]);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 150) },
    );
  });

  it('a real set with junk frames mixed in keeps its reps (a bad frame is a gap, not the end of the set)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat({ max: real.frames.length - 1 }), junkFrame), { minLength: 1, maxLength: 12 }), (inserts) => {
        const frames: unknown[] = real.frames.slice();
        for (const [at, junk] of [...inserts].sort((a, b) => b[0] - a[0])) frames.splice(at, 0, junk);
        const report = analyzeClip({ ...real, frames } as PoseClip, { lift: 'deadlift' });
        expect(nonFinite(report)).toEqual([]);
        expect(Math.abs(report.reps.length - realReps)).toBeLessThanOrEqual(1);
      }),
      { numRuns: Math.ceil(Number(process.env.FUZZ_RUNS ?? 150) / 6) },
    );
  });
});
