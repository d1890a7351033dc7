/**
 * Per-frame body features from the smoothed landmarks: the keypoints in a
 * lifter-centred sagittal frame (X forward, Y up, frame-height units), the
 * joint angles and the raw signals the rep machine and fault checks need.
 *
 * Oblique views: a displacement in the lifter's sagittal plane shows in the
 * image x scaled by cos(offSide), so forward components are divided by it
 * (mid-points of left/right pairs cancel the lateral offsets). Past ~60° the
 * correction blows noise up and the sagittal checks say "unsupported".
 */
import type { LandmarkSmoother } from './filters/landmark-smoother';
import { inclinationFromUp, jointAngle } from './geometry';
import { LM, type Angles, type Side } from './types';

export interface Features {
  ok: boolean;
  /** +1 facing +x, -1 facing -x (0: unknown, treated as +1 for geometry) */
  forward: number;
  /** horizontal de-foreshortening factor (1 side-on) */
  xScale: number;
  /** the leg the sagittal angles use (stance leg in single-leg lifts, best-seen leg otherwise) */
  leg: Side;
  // image-space keypoints (x in frame-height units, y down, 0..1)
  shX: number; shY: number;
  hipX: number; hipY: number;
  kneeX: number; kneeY: number;
  ankleX: number; ankleY: number;
  heelX: number; heelY: number;
  toeX: number; toeY: number;
  earX: number; earY: number;
  wristX: number; wristY: number;
  /** mid-foot x (image, frame-height units) */
  midFootX: number;
  /** feet: per side ankle/heel/toe heights (image y) and x */
  ankleLY: number; ankleRY: number; ankleLX: number; ankleRX: number;
  heelLY: number; heelRY: number; toeLY: number; toeRY: number;
  heelLX: number; heelRX: number; toeLX: number; toeRX: number;
  hipLX: number; hipLY: number; hipRX: number; hipRY: number;
  kneeLX: number; kneeLY: number; kneeRX: number; kneeRY: number;
  /** min visibility of the trunk points (shoulders, hips) */
  visTrunk: number;
  /** min visibility of the chosen leg (hip, knee, ankle) */
  visLeg: number;
  /** min visibility of the feet (ankles) */
  visFeet: number;
  visHead: number;
  visWrist: number;
  /** standing height proxy: ankle mid-height minus shoulder height (frame-height units, + up) */
  height: number;
  /** hip mid-point above the ankles (same reference as `height`), frame-height units */
  hipHeight: number;
  /** hip-shoulder and hip-knee distances (de-foreshortened) */
  hs: number;
  hk: number;
  angles: Angles;
}

export function newFeatures(): Features {
  return {
    ok: false, forward: 1, xScale: 1, leg: 'left',
    shX: NaN, shY: NaN, hipX: NaN, hipY: NaN, kneeX: NaN, kneeY: NaN, ankleX: NaN, ankleY: NaN,
    heelX: NaN, heelY: NaN, toeX: NaN, toeY: NaN, earX: NaN, earY: NaN, wristX: NaN, wristY: NaN,
    midFootX: NaN,
    ankleLY: NaN, ankleRY: NaN, ankleLX: NaN, ankleRX: NaN,
    heelLY: NaN, heelRY: NaN, toeLY: NaN, toeRY: NaN, heelLX: NaN, heelRX: NaN, toeLX: NaN, toeRX: NaN,
    hipLX: NaN, hipLY: NaN, hipRX: NaN, hipRY: NaN, kneeLX: NaN, kneeLY: NaN, kneeRX: NaN, kneeRY: NaN,
    visTrunk: 0, visLeg: 0, visFeet: 0, visHead: 0, visWrist: 0, height: NaN, hipHeight: NaN, hs: NaN, hk: NaN,
    angles: { trunk: NaN, hipLeft: NaN, hipRight: NaN, kneeLeft: NaN, kneeRight: NaN, hip: NaN, knee: NaN, shin: NaN, neck: NaN },
  };
}

/**
 * Fill `f` from the smoother. `legChoice`: a fixed side (single-leg lifts), or
 * 'auto' = visibility-weighted mean of both legs (bilateral lifts: in a side
 * view the far leg is occluded and should count less).
 */
export function computeFeatures(
  s: LandmarkSmoother,
  forward: number,
  offSideDeg: number,
  legChoice: Side | 'auto',
  f: Features,
): Features {
  const x = s.x;
  const y = s.y;
  const v = s.v;
  const fwd = forward === 0 ? 1 : forward;
  f.forward = fwd;
  const off = Number.isFinite(offSideDeg) ? Math.min(offSideDeg, 70) : 0;
  f.xScale = 1 / Math.cos((off * Math.PI) / 180);

  const L = LM;
  f.visTrunk = Math.min(v[L.leftShoulder], v[L.rightShoulder], v[L.leftHip], v[L.rightHip]);
  f.visHead = Math.max(v[L.leftEar], v[L.rightEar]);
  f.visWrist = Math.max(v[L.leftWrist], v[L.rightWrist]);
  f.visFeet = Math.max(v[L.leftAnkle], v[L.rightAnkle]);

  f.shX = (x[L.leftShoulder] + x[L.rightShoulder]) / 2;
  f.shY = (y[L.leftShoulder] + y[L.rightShoulder]) / 2;
  f.hipX = (x[L.leftHip] + x[L.rightHip]) / 2;
  f.hipY = (y[L.leftHip] + y[L.rightHip]) / 2;
  f.hipLX = x[L.leftHip]; f.hipLY = y[L.leftHip]; f.hipRX = x[L.rightHip]; f.hipRY = y[L.rightHip];
  f.kneeLX = x[L.leftKnee]; f.kneeLY = y[L.leftKnee]; f.kneeRX = x[L.rightKnee]; f.kneeRY = y[L.rightKnee];
  f.ankleLX = x[L.leftAnkle]; f.ankleLY = y[L.leftAnkle]; f.ankleRX = x[L.rightAnkle]; f.ankleRY = y[L.rightAnkle];
  f.heelLX = x[L.leftHeel]; f.heelLY = y[L.leftHeel]; f.heelRX = x[L.rightHeel]; f.heelRY = y[L.rightHeel];
  f.toeLX = x[L.leftToe]; f.toeLY = y[L.leftToe]; f.toeRX = x[L.rightToe]; f.toeRY = y[L.rightToe];

  // ears: the better-seen one, else the mid-point
  const ve = v[L.leftEar] - v[L.rightEar];
  if (ve > 0.2) { f.earX = x[L.leftEar]; f.earY = y[L.leftEar]; }
  else if (ve < -0.2) { f.earX = x[L.rightEar]; f.earY = y[L.rightEar]; }
  else { f.earX = (x[L.leftEar] + x[L.rightEar]) / 2; f.earY = (y[L.leftEar] + y[L.rightEar]) / 2; }
  // bar = the wrists' mid-point, visibility-weighted (squared): side-on the far
  // hand is hidden behind the body or the plates and its position is a guess
  {
    const a = v[L.leftWrist] * v[L.leftWrist];
    const b = v[L.rightWrist] * v[L.rightWrist];
    const ww = a + b > 1e-6 ? a / (a + b) : 0.5;
    f.wristX = ww * x[L.leftWrist] + (1 - ww) * x[L.rightWrist];
    f.wristY = ww * y[L.leftWrist] + (1 - ww) * y[L.rightWrist];
  }

  // the leg used for sagittal angles
  let wl: number;
  if (legChoice === 'left') wl = 1;
  else if (legChoice === 'right') wl = 0;
  else {
    const a = v[L.leftHip] + v[L.leftKnee] + v[L.leftAnkle];
    const b = v[L.rightHip] + v[L.rightKnee] + v[L.rightAnkle];
    // squared weights: the occluded leg's guesses are often far off
    wl = a * a + b * b > 0 ? (a * a) / (a * a + b * b) : 0.5;
  }
  const wr = 1 - wl;
  f.leg = wl >= 0.5 ? 'left' : 'right';
  f.kneeX = wl * x[L.leftKnee] + wr * x[L.rightKnee];
  f.kneeY = wl * y[L.leftKnee] + wr * y[L.rightKnee];
  f.ankleX = wl * x[L.leftAnkle] + wr * x[L.rightAnkle];
  f.ankleY = wl * y[L.leftAnkle] + wr * y[L.rightAnkle];
  f.heelX = wl * x[L.leftHeel] + wr * x[L.rightHeel];
  f.heelY = wl * y[L.leftHeel] + wr * y[L.rightHeel];
  f.toeX = wl * x[L.leftToe] + wr * x[L.rightToe];
  f.toeY = wl * y[L.leftToe] + wr * y[L.rightToe];
  f.visLeg = Math.min(
    wl * v[L.leftHip] + wr * v[L.rightHip],
    wl * v[L.leftKnee] + wr * v[L.rightKnee],
    wl * v[L.leftAnkle] + wr * v[L.rightAnkle],
  );
  f.midFootX = (f.heelX + f.toeX) / 2;

  // standing height: shoulders above the ankles (stance ankle for single-leg lifts)
  const ankleRefY = legChoice === 'auto' ? Math.max(y[L.leftAnkle], y[L.rightAnkle]) : f.ankleY;
  f.height = ankleRefY - f.shY;
  f.hipHeight = ankleRefY - f.hipY;

  // sagittal geometry: horizontal offsets from the hip, de-foreshortened
  const k = f.xScale;
  const hx = f.hipX;
  const sx = hx + (f.shX - hx) * k;
  const kx = hx + (f.kneeX - hx) * k;
  const ax = hx + (f.ankleX - hx) * k;
  const ex = hx + (f.earX - hx) * k;
  const a = f.angles;
  a.trunk = inclinationFromUp(hx, f.hipY, sx, f.shY, fwd);
  a.hip = jointAngle(sx, f.shY, hx, f.hipY, kx, f.kneeY);
  a.knee = jointAngle(hx, f.hipY, kx, f.kneeY, ax, f.ankleY);
  a.shin = inclinationFromUp(ax, f.ankleY, kx, f.kneeY, fwd);
  a.neck = inclinationFromUp(sx, f.shY, ex, f.earY, fwd) - a.trunk;
  a.hipLeft = jointAngle(sx, f.shY, hx + (x[L.leftHip] - hx) * k, y[L.leftHip], hx + (x[L.leftKnee] - hx) * k, y[L.leftKnee]);
  a.hipRight = jointAngle(sx, f.shY, hx + (x[L.rightHip] - hx) * k, y[L.rightHip], hx + (x[L.rightKnee] - hx) * k, y[L.rightKnee]);
  a.kneeLeft = jointAngle(hx + (x[L.leftHip] - hx) * k, y[L.leftHip], hx + (x[L.leftKnee] - hx) * k, y[L.leftKnee], hx + (x[L.leftAnkle] - hx) * k, y[L.leftAnkle]);
  a.kneeRight = jointAngle(hx + (x[L.rightHip] - hx) * k, y[L.rightHip], hx + (x[L.rightKnee] - hx) * k, y[L.rightKnee], hx + (x[L.rightAnkle] - hx) * k, y[L.rightAnkle]);
  f.hs = Math.hypot(sx - hx, f.shY - f.hipY);
  f.hk = Math.hypot(kx - hx, f.kneeY - f.hipY);
  f.ok = Number.isFinite(a.trunk) && Number.isFinite(f.height);
  return f;
}

