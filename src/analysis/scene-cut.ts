/**
 * A jump of the trunk between two frames that no body makes: the video was
 * cut (an edited clip, a title card, a camera that loops its file) and the
 * frames on either side are not one movement. Measured on the trunk's four
 * points (shoulders, hips) in trunk lengths, so it holds at any distance.
 */
import { LM, type Landmark } from './types';

const TRUNK = [LM.leftShoulder, LM.rightShoulder, LM.leftHip, LM.rightHip] as const;

/** The trunk points of a frame, x scaled by the aspect ratio (x and y in frame heights): [x0, y0, x1, y1, …]. */
export function trunkPoints(lms: readonly Landmark[], aspect: number, out = new Float64Array(8)): Float64Array {
  TRUNK.forEach((k, i) => {
    out[2 * i] = lms[k][0] * aspect;
    out[2 * i + 1] = lms[k][1];
  });
  return out;
}

/** Mean displacement of the trunk points from `a` to `b`, in trunk lengths (hip mid to shoulder mid, the larger of the two frames). */
export function trunkJump(a: Float64Array, b: Float64Array): number {
  const len = (p: Float64Array) => Math.hypot((p[0] + p[2] - p[4] - p[6]) / 2, (p[1] + p[3] - p[5] - p[7]) / 2);
  const L = Math.max(len(a), len(b));
  if (!(L > 0)) return NaN;
  let d = 0;
  for (let i = 0; i < 4; i++) d += Math.hypot(b[2 * i] - a[2 * i], b[2 * i + 1] - a[2 * i + 1]);
  return d / 4 / L;
}
