import type { Landmark } from '../../src/analysis/types';

interface XYZV {
  x: number;
  y: number;
  z: number;
  visibility?: number;
}

/** MediaPipe landmark objects → the interchange format's [x, y, z, visibility]. */
export function toTuples(points: readonly XYZV[]): Landmark[] {
  const out: Landmark[] = new Array(points.length);
  for (let i = 0; i < points.length; i++) {
    const p = points[i];
    out[i] = [p.x, p.y, p.z, p.visibility ?? 0];
  }
  return out;
}

/** The input width the masked CPU landmarker accepts: the next multiple of 4 (its wasm aborts otherwise). */
export function maskSafeWidth(width: number): number {
  return Math.ceil(width / 4) * 4;
}

/**
 * Landmarks measured on an input padded on the right to `ratio` × the
 * frame's width, normalised to the frame itself again (z shares x's scale).
 */
export function stretchX(points: readonly Landmark[], ratio: number): Landmark[] {
  return points.map(([x, y, z, v]) => [x * ratio, y, z * ratio, v]);
}

/**
 * With several people in view, coach the one nearest the camera: the pose
 * with the largest shoulder-to-ankle extent in the image.
 */
export function pickMainPose(poses: readonly (readonly XYZV[])[]): number {
  let best = -1;
  let bestSize = -1;
  for (let i = 0; i < poses.length; i++) {
    const p = poses[i];
    let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
    for (const q of p) {
      if (q.x < minX) minX = q.x;
      if (q.x > maxX) maxX = q.x;
      if (q.y < minY) minY = q.y;
      if (q.y > maxY) maxY = q.y;
    }
    const size = (maxX - minX) * (maxY - minY);
    if (size > bestSize) {
      bestSize = size;
      best = i;
    }
  }
  return best;
}

/** Median of a small sample (the trial timings). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
