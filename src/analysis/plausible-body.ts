/**
 * Is a rep's body one body? Two tests a real lifter passes from any view.
 *
 * Its bones hold together: a bone's length in the picture changes
 * only as it turns toward or away from the camera. In a hinge the shins and
 * upper arms stay near vertical (tilting well under 40° out of the image
 * plane, cos 40° = 0.77), so each keeps its projected length within about a
 * quarter through a rep from any view. Landmarks that are not one body
 * (random points, a detector jumping between people or objects) change
 * them freely from frame to frame.
 *
 * It stands on a leg: through a hinge the standing ankle stays below its
 * knee and the knee below the shoulder (image y grows downward). Points that
 * wander at random keep that order only by chance.
 */
import type { Landmark } from './types';

export type Bone = readonly [number, number];
/**
 * MediaPipe Pose indices: the shins (knee–ankle) and upper arms
 * (shoulder–elbow), each side on its own. A rep is judged by its steadiest
 * one: the far side's guessed landmarks and plates hiding a shin may wander,
 * but in a real body at least one of the four holds still.
 */
export const BONES: readonly Bone[] = [
  [25, 27],
  [26, 28],
  [11, 13],
  [12, 14],
];

/** A bone's length in frame-height units (x scaled by the width / height aspect). */
export function boneLength(lms: readonly Landmark[], aspect: number, [a, b]: Bone): number {
  return Math.hypot((lms[a][0] - lms[b][0]) * aspect, lms[a][1] - lms[b][1]);
}

/** Interquartile range over the median: how much a length that should stay put wanders. NaN under 4 values. */
export function relativeSpread(values: number[]): number {
  if (values.length < 4) return NaN;
  const s = [...values].sort((x, y) => x - y);
  const q = (p: number) => {
    const r = p * (s.length - 1);
    const lo = Math.floor(r);
    return s[lo] + (s[Math.ceil(r)] - s[lo]) * (r - lo);
  };
  const median = q(0.5);
  return median > 0 ? (q(0.75) - q(0.25)) / median : Infinity;
}

/** MediaPipe Pose: shoulder, knee, ankle of the left, then the right side. */
const LEGS = [
  [11, 25, 27],
  [12, 26, 28],
] as const;

/** Whether on one side at least (a single-leg RDL lifts the other foot) the ankle is below the knee and the knee below the shoulder. */
export function legsUnderBody(lms: readonly Landmark[]): boolean {
  return LEGS.some(([sh, kn, an]) => lms[an][1] > lms[kn][1] && lms[kn][1] > lms[sh][1]);
}
