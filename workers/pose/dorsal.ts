/**
 * "Dorsal rise": how far the back's outline bulges above the hip→shoulder
 * chord, from the segmentation mask (FAULTS.md, "A verified lead"). The 33
 * landmarks have no spine; the mask's back edge does. Computed here so the
 * mask never leaves the worker: only one number per frame does.
 */
import type { Landmark } from '../../src/analysis/types';

const L_SHOULDER = 11, R_SHOULDER = 12, L_HIP = 23, R_HIP = 24;
const NOSE = 0, L_EAR = 7, R_EAR = 8, L_HEEL = 29, R_HEEL = 30, L_TOE = 31, R_TOE = 32;
const SAMPLES = 17;

/**
 * Which way the lifter faces in the image, voted over the whole clip:
 * deciding per frame sometimes measures the chest instead of the back.
 */
export class FacingVote {
  private score = 0;

  /** Adds one frame's vote; returns the running decision (-1 = faces left / -x, +1 = right). */
  add(lm: Landmark[]): -1 | 1 {
    const toes = (lm[L_TOE][0] - lm[L_HEEL][0]) + (lm[R_TOE][0] - lm[R_HEEL][0]);
    const nose = lm[NOSE][0] - (lm[L_EAR][0] + lm[R_EAR][0]) / 2;
    this.score += Math.sign(toes) + Math.sign(nose);
    return this.score < 0 ? -1 : 1;
  }
}

/**
 * @param mask     float mask, row-major, `mw`×`mh`, in the input frame's pixels
 * @param facing   -1 faces left, +1 faces right (the back is on the other side)
 * @returns F (positive = the back rises above the lower back), or null when
 *          under 70% of the samples found the mask edge.
 */
export function dorsalRise(
  mask: Float32Array,
  mw: number,
  mh: number,
  lm: Landmark[],
  facing: -1 | 1,
): number | null {
  // Landmarks are normalised to the frame, and the mask has the frame's size.
  const sx = mw, sy = mh;
  const hx = ((lm[L_HIP][0] + lm[R_HIP][0]) / 2) * sx;
  const hy = ((lm[L_HIP][1] + lm[R_HIP][1]) / 2) * sy;
  const shx = ((lm[L_SHOULDER][0] + lm[R_SHOULDER][0]) / 2) * sx;
  const shy = ((lm[L_SHOULDER][1] + lm[R_SHOULDER][1]) / 2) * sy;
  const dx = shx - hx, dy = shy - hy;
  const len = Math.hypot(dx, dy);
  if (len < 8) return null;
  const ux = dx / len, uy = dy / len;
  // Two perpendiculars; the back is the one pointing away from where the lifter faces.
  let nx = -uy, ny = ux;
  if (Math.sign(nx) === facing) {
    nx = -nx;
    ny = -ny;
  }
  const at = (x: number, y: number): number => {
    const xi = x | 0, yi = y | 0;
    if (xi < 0 || yi < 0 || xi >= mw || yi >= mh) return 0;
    return mask[yi * mw + xi];
  };
  const e = new Float64Array(SAMPLES).fill(NaN);
  let valid = 0;
  for (let k = 0; k < SAMPLES; k++) {
    const t = k / (SAMPLES - 1);
    const px = hx + t * dx, py = hy + t * dy;
    if (at(px, py) < 0.5) continue;
    let d = 0;
    while (d < len && at(px + d * nx, py + d * ny) >= 0.5) d += 0.5;
    e[k] = d;
    valid++;
  }
  if (valid < 0.7 * SAMPLES) return null;
  let peak = -Infinity;
  for (let k = 0; k < SAMPLES; k++) {
    const t = k / (SAMPLES - 1);
    // Stop at 0.8: a hood bunching at the neck makes a false bump beyond it.
    if (t >= 0.3 && t <= 0.8 && !Number.isNaN(e[k])) peak = Math.max(peak, e[k]);
  }
  const low = e[Math.round(0.1 * (SAMPLES - 1))];
  if (!Number.isFinite(peak) || Number.isNaN(low)) return null;
  return (peak - low) / len;
}
