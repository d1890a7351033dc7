import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { analyzeClip } from './index';
import { boneLength, BONES, legsUnderBody, relativeSpread } from './plausible-body';
import { synthesizeClip } from './synthetic/index';
import type { Landmark } from './types';

const body = (shin: number): Landmark[] => {
  const lms: Landmark[] = Array.from({ length: 33 }, () => [0.5, 0.5, 0, 1]);
  lms[25] = [0.5, 0.6, 0, 1];
  lms[27] = [0.5, 0.6 + shin, 0, 1];
  lms[26] = [0.52, 0.6, 0, 1];
  lms[28] = [0.52, 0.6 + shin, 0, 1];
  return lms;
};

describe('bone spread', () => {
  it('measures a bone in frame-height units, x scaled by the aspect', () => {
    const lms = body(0.2);
    expect(boneLength(lms, 16 / 9, BONES[0])).toBeCloseTo(0.2, 6);
    lms[27] = [0.5 + 0.1, 0.6, 0, 1];
    expect(boneLength(lms, 2, BONES[0])).toBeCloseTo(0.2, 6);
  });

  it('is small for a rigid bone with landmark jitter and large for random lengths', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const steady = Array.from({ length: 60 }, () => 0.2 * (1 + (rand() - 0.5) * 0.1));
    const random = Array.from({ length: 60 }, () => Math.hypot(rand() - rand(), rand() - rand()));
    expect(relativeSpread(steady)).toBeLessThan(0.06);
    expect(relativeSpread(random)).toBeGreaterThan(0.5);
  });

  it('needs a few frames', () => {
    expect(relativeSpread([1, 1, 1])).toBeNaN();
    expect(relativeSpread([0, 0, 0, 0])).toBe(Infinity);
  });
});

describe('a rep of landmarks that are not one body names no fault', () => {
  // A faulty lifter (rounded back, hips back): judged as such when the body is whole.
  const { clip } = synthesizeClip({ lift: 'deadlift', reps: 3, fps: 30, width: 640, height: 480, seed: 3, camera: { yawDeg: 0 }, magnitudes: { 'rounded-back': 35, 'hips-back': 0.6 } });
  const named = (c: typeof clip) => analyzeClip(c, { lift: 'deadlift' }).reps.flatMap((r) => r.faults);
  const runs = Number(process.env.FUZZ_RUNS ?? 20);

  it('the whole body is judged (the control)', () => {
    expect(named(clip).length).toBeGreaterThan(0);
    expect(clip.frames.filter((f) => f.landmarks).every((f) => legsUnderBody(f.landmarks!))).toBe(true);
  });

  it('upside down (a camera or a file that flips the picture)', () => {
    const flipped = { ...clip, frames: clip.frames.map((f) => ({ ...f, landmarks: f.landmarks?.map(([x, y, z, v]) => [x, 1 - y, z, v] as Landmark) ?? null, world: null })) };
    expect(named(flipped)).toEqual([]);
  });

  // Scattered across half the frame or more. Lighter scatter (±15% of the frame) can still leave a
  // few-frame "rep" whose bones happen to hold: this gate catches bodies torn apart, not every fake.
  it('points scattered frame to frame (landmarks from more than one thing)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 30 }), fc.double({ min: 0.5, max: 1, noNaN: true }), (seed, amp) => {
        let s = seed;
        const rand = () => ((s = (s * 16807) % 2147483647) / 2147483647) - 0.5;
        const torn = { ...clip, frames: clip.frames.map((f) => ({ ...f, world: null, landmarks: f.landmarks?.map(([x, y, z, v]) => [x + rand() * amp, y + rand() * amp, z, v] as Landmark) ?? null })) };
        expect(named(torn)).toEqual([]);
      }),
      { numRuns: runs },
    );
  });
});
