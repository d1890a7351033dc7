/**
 * Free-foot height from the world landmarks (metres, hip-centred, camera
 * axes). Image heights of two feet at different distances from the camera
 * differ by perspective (front/back views: a foot behind the stance foot looks
 * up to a shin length higher or lower); world landmarks do not. Their axes
 * follow the camera, so "up" is learnt from standing frames (shoulders above
 * the ankles), which also removes the camera's pitch.
 */
import { LM, type Landmark } from './types';

export class WorldUp {
  private sx = 0;
  private sy = 0;
  private sz = 0;
  private n = 0;
  private shinSum = 0;
  private shinN = 0;

  reset(): void {
    this.sx = this.sy = this.sz = 0;
    this.n = 0;
    this.shinSum = 0;
    this.shinN = 0;
  }

  /** A standing frame: shoulders' mid-point above the lower ankle. */
  offer(w: Landmark[] | null): void {
    if (!w || w.length < 33) return;
    const lowL = w[LM.leftAnkle][1] >= w[LM.rightAnkle][1];
    const a = w[lowL ? LM.leftAnkle : LM.rightAnkle];
    const sx = (w[LM.leftShoulder][0] + w[LM.rightShoulder][0]) / 2 - a[0];
    const sy = (w[LM.leftShoulder][1] + w[LM.rightShoulder][1]) / 2 - a[1];
    const sz = (w[LM.leftShoulder][2] + w[LM.rightShoulder][2]) / 2 - a[2];
    const len = Math.hypot(sx, sy, sz);
    if (!(len > 0.3)) return;
    this.sx += sx / len;
    this.sy += sy / len;
    this.sz += sz / len;
    this.n++;
    const k = lowL ? LM.leftKnee : LM.rightKnee;
    const shin = Math.hypot(w[k][0] - a[0], w[k][1] - a[1], w[k][2] - a[2]);
    if (shin > 0.15 && shin < 0.8) {
      this.shinSum += shin;
      this.shinN++;
    }
  }

  get ready(): boolean {
    return this.n >= 5 && this.shinN >= 3;
  }

  /**
   * The free foot's lowest point (toe, heel or ankle) above the stance foot's,
   * along the learnt "up", in world shin lengths; NaN until ready.
   */
  freeFootHeight(w: Landmark[] | null, freeLeft: boolean): number {
    if (!w || w.length < 33 || !this.ready) return NaN;
    const len = Math.hypot(this.sx, this.sy, this.sz);
    const ux = this.sx / len;
    const uy = this.sy / len;
    const uz = this.sz / len;
    const h = (j: number) => w[j][0] * ux + w[j][1] * uy + w[j][2] * uz;
    const low = (left: boolean) =>
      left ? Math.min(h(LM.leftToe), h(LM.leftHeel), h(LM.leftAnkle)) : Math.min(h(LM.rightToe), h(LM.rightHeel), h(LM.rightAnkle));
    return (low(freeLeft) - low(!freeLeft)) / (this.shinSum / this.shinN);
  }
}

/**
 * A knee's sagittal angle (hip-knee-ankle projected on the plane normal to the
 * hip line) from the world landmarks, deg; NaN without them. Side-on the far
 * (stance) knee of a single-leg lift is hidden behind the free leg and its
 * image landmarks are held or guessed; the world estimate does not depend on
 * which side faces the camera. Projected like a side camera sees it, so a knee
 * that sits wider than the hip and ankle does not read as bent.
 */
export function worldKneeAngle(w: Landmark[] | null, left: boolean): number {
  if (!w || w.length < 33) return NaN;
  const L = w[LM.leftHip];
  const R = w[LM.rightHip];
  let nx = L[0] - R[0];
  let ny = L[1] - R[1];
  let nz = L[2] - R[2];
  const nn = Math.hypot(nx, ny, nz);
  if (!(nn > 0)) return NaN;
  nx /= nn;
  ny /= nn;
  nz /= nn;
  const H = w[left ? LM.leftHip : LM.rightHip];
  const K = w[left ? LM.leftKnee : LM.rightKnee];
  const A = w[left ? LM.leftAnkle : LM.rightAnkle];
  const proj = (x: number, y: number, z: number): [number, number, number] => {
    const d = x * nx + y * ny + z * nz;
    return [x - d * nx, y - d * ny, z - d * nz];
  };
  const u = proj(H[0] - K[0], H[1] - K[1], H[2] - K[2]);
  const v = proj(A[0] - K[0], A[1] - K[1], A[2] - K[2]);
  const n = Math.hypot(u[0], u[1], u[2]) * Math.hypot(v[0], v[1], v[2]);
  if (!(n > 0)) return NaN;
  return (Math.acos(Math.max(-1, Math.min(1, (u[0] * v[0] + u[1] * v[1] + u[2] * v[2]) / n))) * 180) / Math.PI;
}
