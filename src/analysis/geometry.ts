/**
 * Plain-number 2D geometry for the hot path (no vector objects, no allocation).
 * Image y grows downward; every function here takes that into account.
 */

const RAD = 180 / Math.PI;

export function dist(ax: number, ay: number, bx: number, by: number): number {
  return Math.hypot(ax - bx, ay - by);
}

/** Angle at b in the triangle a-b-c, degrees 0..180 (180 = straight line). */
export function jointAngle(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  const ux = ax - bx;
  const uy = ay - by;
  const vx = cx - bx;
  const vy = cy - by;
  const nu = Math.hypot(ux, uy);
  const nv = Math.hypot(vx, vy);
  if (nu === 0 || nv === 0) return NaN;
  let c = (ux * vx + uy * vy) / (nu * nv);
  if (c > 1) c = 1;
  else if (c < -1) c = -1;
  return Math.acos(c) * RAD;
}

/**
 * Inclination of the segment from `from` to `to` away from straight up, degrees.
 * `forward` is +1 when the lifter faces +x in the image, -1 when facing -x; the
 * result is + when `to` lies ahead of `from` (e.g. shoulders ahead of hips).
 */
export function inclinationFromUp(fromX: number, fromY: number, toX: number, toY: number, forward: number): number {
  return Math.atan2(forward * (toX - fromX), fromY - toY) * RAD;
}

/** Same as inclinationFromUp but measured from straight down (for shins and thighs: ankle→knee is "up"). */
export function inclinationFromDown(fromX: number, fromY: number, toX: number, toY: number, forward: number): number {
  return Math.atan2(forward * (toX - fromX), toY - fromY) * RAD;
}

/** Signed angle (degrees, -180..180) needed to rotate direction a onto direction b. */
export function signedAngleBetween(ax: number, ay: number, bx: number, by: number): number {
  return Math.atan2(ax * by - ay * bx, ax * bx + ay * by) * RAD;
}

export function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

/** Median of a numeric array (copies; not for the per-frame hot path). NaN when empty. */
export function median(values: readonly number[]): number {
  const a = values.filter((v) => Number.isFinite(v)).sort((x, y) => x - y);
  if (a.length === 0) return NaN;
  const m = a.length >> 1;
  return a.length % 2 ? a[m] : (a[m - 1] + a[m]) / 2;
}

/** p-th percentile (0..100) by linear interpolation. NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  const a = values.filter((v) => Number.isFinite(v)).sort((x, y) => x - y);
  if (a.length === 0) return NaN;
  const r = (clamp(p, 0, 100) / 100) * (a.length - 1);
  const lo = Math.floor(r);
  const hi = Math.ceil(r);
  return a[lo] + (a[hi] - a[lo]) * (r - lo);
}

/** Logistic squash used to turn a margin past a threshold into a 0..1 confidence. */
export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
