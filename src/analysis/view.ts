/**
 * Camera view and facing. The world landmarks give the shoulder/hip line's
 * yaw (their z is noisy, so it is smoothed); the image gives a fallback from
 * the shoulder width against the trunk length, which is ~0 side-on. Facing is
 * a running vote (toe vs heel, nose vs ears), decided once for the clip rather
 * than per frame, which sometimes reads the chest as the back (FAULTS.md).
 */
import { LM, type Facing, type Landmark, type View } from './types';

export interface ViewParams {
  /** sagittal plane within this many degrees of the image plane = side view */
  sideMaxDeg: number;
  /** beyond this many degrees = front/back view; between = oblique */
  frontMinDeg: number;
}

export interface ViewState {
  view: View;
  facing: Facing;
  /** smoothed angle between the lifter's sagittal plane and the image plane, degrees (0 = side-on) */
  offSideDeg: number;
  /** +1 when the lifter faces +x in the image, -1 when -x, 0 unknown (side/oblique only) */
  forward: number;
}

const RAD = 180 / Math.PI;

/** Angle (0..90) of a left→right body line away from the camera axis; 0 = side-on, 90 = square to the camera. */
export function lineOffSideDeg(dx: number, dz: number): number {
  return 90 - Math.atan2(Math.abs(dz), Math.abs(dx)) * RAD;
}

export class ViewTracker {
  private offSide = NaN;
  private faceVote = 0;
  private towardVote = 0;
  private view: View = 'unknown';
  private frames = 0;

  constructor(private readonly p: ViewParams) {}

  reset(): void {
    this.offSide = NaN;
    this.faceVote = 0;
    this.towardVote = 0;
    this.view = 'unknown';
    this.frames = 0;
  }

  /**
   * `lm` raw image landmarks (x normalised to width), `world` or null,
   * `aspect` width/height. Returns the current state (same object each call).
   */
  update(lm: readonly Landmark[], world: readonly Landmark[] | null, aspect: number, out: ViewState): ViewState {
    const ls = lm[LM.leftShoulder];
    const rs = lm[LM.rightShoulder];
    const lh = lm[LM.leftHip];
    const rh = lm[LM.rightHip];
    let deg = NaN;
    if (world) {
      const wls = world[LM.leftShoulder];
      const wrs = world[LM.rightShoulder];
      const wlh = world[LM.leftHip];
      const wrh = world[LM.rightHip];
      const s = lineOffSideDeg(wls[0] - wrs[0], wls[2] - wrs[2]);
      const h = lineOffSideDeg(wlh[0] - wrh[0], wlh[2] - wrh[2]);
      deg = (s + h) / 2;
    } else {
      // image fallback: shoulder width / trunk length ≈ 0.75·sin(angle) for an adult
      const sw = Math.abs(ls[0] - rs[0]) * aspect;
      const tx = ((ls[0] + rs[0]) / 2 - (lh[0] + rh[0]) / 2) * aspect;
      const ty = (ls[1] + rs[1]) / 2 - (lh[1] + rh[1]) / 2;
      const tl = Math.hypot(tx, ty);
      if (tl > 0) deg = Math.asin(Math.min(1, sw / tl / 0.75)) * RAD;
    }
    if (Number.isFinite(deg)) {
      this.offSide = Number.isFinite(this.offSide) ? this.offSide * 0.95 + deg * 0.05 : deg;
    }
    this.frames++;

    // facing votes (image x): toes ahead of heels, nose ahead of ears
    const toeX = (lm[LM.leftToe][0] + lm[LM.rightToe][0]) / 2;
    const heelX = (lm[LM.leftHeel][0] + lm[LM.rightHeel][0]) / 2;
    const noseX = lm[LM.nose][0];
    const earX = (lm[LM.leftEar][0] + lm[LM.rightEar][0]) / 2;
    const v = Math.sign(toeX - heelX) + Math.sign(noseX - earX);
    this.faceVote = this.faceVote * 0.98 + v;
    // toward the camera: the anatomical left shoulder appears on the image's right
    const tv = Math.sign(ls[0] - rs[0]) + Math.sign(lh[0] - rh[0]);
    this.towardVote = this.towardVote * 0.98 + tv;

    const off = this.offSide;
    let view: View = 'unknown';
    if (Number.isFinite(off) && this.frames >= 3) {
      // hysteresis: keep the current class within 4° of its border
      const h = 4;
      const sideMax = this.view === 'side' ? this.p.sideMaxDeg + h : this.view === 'oblique' ? this.p.sideMaxDeg - h : this.p.sideMaxDeg;
      const frontMin = this.view === 'oblique' ? this.p.frontMinDeg + h : this.view === 'front' || this.view === 'back' ? this.p.frontMinDeg - h : this.p.frontMinDeg;
      if (off <= sideMax) view = 'side';
      else if (off < frontMin) view = 'oblique';
      else view = this.towardVote >= 0 ? 'front' : 'back';
    }
    this.view = view;
    out.view = view;
    out.offSideDeg = off;
    if (view === 'front') {
      out.facing = 'toward';
      out.forward = 0;
    } else if (view === 'back') {
      out.facing = 'away';
      out.forward = 0;
    } else if (view === 'unknown' || this.faceVote === 0) {
      out.facing = 'unknown';
      out.forward = 0;
    } else {
      out.forward = this.faceVote > 0 ? 1 : -1;
      out.facing = out.forward > 0 ? 'right' : 'left';
    }
    return out;
  }
}

export function newViewState(): ViewState {
  return { view: 'unknown', facing: 'unknown', offSideDeg: NaN, forward: 0 };
}
