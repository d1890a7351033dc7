/**
 * Kinematic stick model of a lifter: segment dimensions, joint-angle pose,
 * forward kinematics to the 33 MediaPipe landmarks plus the back outline.
 *
 * Body frame: [forward, up, left] in metres. Floor at up = 0, origin under the
 * stance ankle(s) (mid-point between the ankles for bilateral lifts). Angles in degrees.
 */
import type { Lift } from '../types';

export type V3 = [number, number, number];
export type V2 = [number, number];

export const D2R = Math.PI / 180;
export const sind = (a: number) => Math.sin(a * D2R);
export const cosd = (a: number) => Math.cos(a * D2R);
export const lerp = (a: number, b: number, t: number) => a + (b - a) * t;
export const clamp = (x: number, a: number, b: number) => Math.min(b, Math.max(a, x));

/** Unit vector in the sagittal plane at angle a from vertical (positive = tilted forward). */
export const dir = (a: number): V2 => [sind(a), cosd(a)];
/** Posterior normal of dir(a). */
export const post = (a: number): V2 => [-cosd(a), sind(a)];

export const add3 = (a: V3, b: V3): V3 => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
export const sub3 = (a: V3, b: V3): V3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
export const mul3 = (a: V3, k: number): V3 => [a[0] * k, a[1] * k, a[2] * k];
export const dot3 = (a: V3, b: V3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
export const cross3 = (a: V3, b: V3): V3 => [
  a[1] * b[2] - a[2] * b[1],
  a[2] * b[0] - a[0] * b[2],
  a[0] * b[1] - a[1] * b[0],
];
export const norm3 = (a: V3) => Math.sqrt(dot3(a, a));
export const unit3 = (a: V3): V3 => {
  const n = norm3(a) || 1;
  return [a[0] / n, a[1] / n, a[2] / n];
};

/** Rodrigues rotation of p about the axis (unit) through c by angle deg. */
export function rotAbout(p: V3, c: V3, axis: V3, deg: number): V3 {
  if (deg === 0) return p;
  const v = sub3(p, c);
  const ct = cosd(deg);
  const st = sind(deg);
  const kxv = cross3(axis, v);
  const kdv = dot3(axis, v);
  return [
    c[0] + v[0] * ct + kxv[0] * st + axis[0] * kdv * (1 - ct),
    c[1] + v[1] * ct + kxv[1] * st + axis[1] * kdv * (1 - ct),
    c[2] + v[2] * ct + kxv[2] * st + axis[2] * kdv * (1 - ct),
  ];
}

export interface BodyOptions {
  heightM?: number;
  torso?: number;
  femur?: number;
  shin?: number;
  arm?: number;
}

export interface Body {
  H: number;
  ankleH: number;
  shin: number;
  femur: number;
  /** back-surface chain lengths: lumbar, lower thoracic, upper thoracic */
  backL: number;
  backT1: number;
  backT2: number;
  /** sacrum back-surface point relative to the hip-joint centre (along trunk, posterior) */
  sacrumUp: number;
  sacrumBack: number;
  /** shoulder joint relative to C7 back-surface point (down along trunk, anterior) */
  c7Down: number;
  shFwd: number;
  neck: number;
  upperArm: number;
  foreArm: number;
  hipHalf: number;
  shoulderHalf: number;
  thighThick: number;
  shinThick: number;
  /** foot vectors from the ankle, flat foot, toe-out 0: [fwd, up, lat] */
  heelV: V3;
  toeV: V3;
}

export function makeBody(o: BodyOptions = {}): Body {
  const H = o.heightM ?? 1.75;
  const tR = o.torso ?? 1;
  const fR = o.femur ?? 1;
  const sR = o.shin ?? 1;
  const aR = o.arm ?? 1;
  return {
    H,
    ankleH: 0.039 * H,
    shin: 0.246 * H * sR,
    femur: 0.245 * H * fR,
    backL: 0.1 * H * tR,
    backT1: 0.09 * H * tR,
    backT2: 0.09 * H * tR,
    sacrumUp: 0.045 * H * tR,
    sacrumBack: 0.066 * H,
    c7Down: 0.028 * H * tR,
    shFwd: 0.056 * H,
    neck: 0.09 * H,
    upperArm: 0.186 * H * aR,
    foreArm: 0.146 * H * aR,
    hipHalf: 0.054 * H,
    shoulderHalf: 0.094 * H,
    thighThick: 0.045 * H,
    shinThick: 0.028 * H,
    heelV: [-0.034 * H, -0.027 * H, 0],
    toeV: [0.108 * H, -0.03 * H, 0],
  };
}

export type Implement = 'barbell' | 'kettlebell' | 'dumbbells';

export interface Layout {
  lift: Lift;
  single: boolean;
  kick: boolean;
  /** stance side sign (left = +1); for bilateral lifts unused (1) */
  g: 1 | -1;
  /** |lateral| of the ankle(s): bilateral both ankles; single-leg the stance ankle */
  ankleLat: number;
  kneeLat: number;
  /** |lateral| of the free / kickstand leg's knee and ankle */
  freeLat: number;
  /** lateral wrist offset from its shoulder (outward positive) */
  wristDLat: number;
  toeOut: number;
  /** kickstand: forward coordinate of the planted rear toe (negative = behind) */
  kickX: number;
  implement: Implement;
}

export interface Pose {
  alphaS: number; // shin tilt from vertical, + = knee forward
  kappa: number; // knee flexion (0 = straight)
  thetaP: number; // pelvis / trunk base inclination from vertical, + = forward
  rho: number; // spine flexion beyond neutral (rounding), deg: the sum over the three back joints
  protract: number; // shoulder protraction (m), anterior from the upper back
  neck: number; // neck flexion relative to neutral (+ = head drops, - = cranked up)
  headNod: number;
  beta: number; // arm angle from vertical, + = wrist in front of the shoulder
  elbow: number; // elbow flexion
  // single-leg extras
  freeThigh: number; // free thigh angle from straight down, + = behind
  freeKnee: number;
  freePitch: number; // free foot pitch, toes-down (absolute)
  freeOut: number; // free foot extra turn-out
  kickGamma: number; // kickstand heel-up pitch
  psi: number; // pelvis rotation (free side up / open), deg
  sway: number; // roll about the stance ankle (+ = toward the free side)
  swayPitch: number; // forward/back sway about the stance ankle
  shiftF: number; // stance foot shift (m)
  shiftL: number;
  footPitch: number; // planted foot(s) pitch from flat, deg: + heel up (on the toes), - toes up (on the heels)
}

export function zeroPose(): Pose {
  return {
    alphaS: 0,
    kappa: 0,
    thetaP: 0,
    rho: 0,
    protract: 0,
    neck: 0,
    headNod: 0,
    beta: 0,
    elbow: 8,
    freeThigh: 0,
    freeKnee: 0,
    freePitch: 0,
    freeOut: 0,
    kickGamma: 40,
    psi: 0,
    sway: 0,
    swayPitch: 0,
    shiftF: 0,
    shiftL: 0,
    footPitch: 0,
  };
}

// ---------------------------------------------------------------- sagittal helpers

/** Sagittal lengths of a leg whose knee and ankle sit at fixed lateral offsets. */
export function legSag(b: Body, L: Layout): { shinSag: number; femSag: number } {
  const dKA = L.kneeLat - L.ankleLat;
  const dHK = b.hipHalf - L.kneeLat;
  return {
    shinSag: Math.sqrt(b.shin * b.shin - dKA * dKA),
    femSag: Math.sqrt(b.femur * b.femur - dHK * dHK),
  };
}

export interface LegSag2 {
  A: V2;
  K: V2;
  H: V2;
}

export function stanceLeg2(b: Body, L: Layout, alphaS: number, kappa: number): LegSag2 {
  const { shinSag, femSag } = legSag(b, L);
  const A: V2 = [0, b.ankleH];
  const K: V2 = [A[0] + shinSag * sind(alphaS), A[1] + shinSag * cosd(alphaS)];
  const af = kappa - alphaS;
  const H: V2 = [K[0] - femSag * sind(af), K[1] + femSag * cosd(af)];
  return { A, K, H };
}

export interface Trunk2 {
  /** back outline, bottom (buttock) to neck */
  outline: V2[];
  C7: V2;
  S: V2;
  ear: V2;
  /** head "up" axis angle from vertical */
  headAng: number;
}

/** Trunk in the sagittal plane from the hip-joint mid-point. */
export function trunk2(b: Body, Hm: V2, p: Pose): Trunk2 {
  const th = p.thetaP;
  const rho = p.rho;
  const u = dir(th);
  const bk = post(th);
  const P0: V2 = [Hm[0] + u[0] * b.sacrumUp + bk[0] * b.sacrumBack, Hm[1] + u[1] * b.sacrumUp + bk[1] * b.sacrumBack];
  // buttock / sacral curve below P0
  const Pb: V2 = [P0[0] - u[0] * 0.06 * b.H + bk[0] * 0.008 * b.H, P0[1] - u[1] * 0.06 * b.H + bk[1] * 0.008 * b.H];
  const Pg: V2 = [P0[0] - u[0] * 0.11 * b.H + bk[0] * 0.004 * b.H, P0[1] - u[1] * 0.11 * b.H + bk[1] * 0.004 * b.H];
  // neutral curvature: lumbar lordosis, thoracic kyphosis; flexion rho (deg) spread over the
  // lumbosacral (0.15), thoracolumbar (0.45) and mid-thoracic (0.4) joints, so the joints sum to rho
  const a1 = th + 4 + 0.15 * rho;
  const a2 = th - 12 + 0.6 * rho;
  const a3 = th + 12 + 1.0 * rho;
  const d1 = dir(a1);
  const d2 = dir(a2);
  const d3 = dir(a3);
  const P1: V2 = [P0[0] + d1[0] * b.backL, P0[1] + d1[1] * b.backL];
  const P2: V2 = [P1[0] + d2[0] * b.backT1, P1[1] + d2[1] * b.backT1];
  const C7: V2 = [P2[0] + d3[0] * b.backT2, P2[1] + d3[1] * b.backT2];
  const ant3: V2 = [-post(a3)[0], -post(a3)[1]];
  const sf = b.shFwd + p.protract;
  const S: V2 = [C7[0] - d3[0] * b.c7Down + ant3[0] * sf, C7[1] - d3[1] * b.c7Down + ant3[1] * sf];
  const nAng = a3 + 29 + p.neck + 0.1 * rho;
  const dn = dir(nAng);
  const ear: V2 = [C7[0] + dn[0] * b.neck, C7[1] + dn[1] * b.neck];
  const pn = post(nAng);
  const neckMid: V2 = [C7[0] + dn[0] * 0.5 * b.neck + pn[0] * 0.004 * b.H, C7[1] + dn[1] * 0.5 * b.neck + pn[1] * 0.004 * b.H];
  return { outline: [Pg, Pb, P0, P1, P2, C7, neckMid], C7, S, ear, headAng: nAng - 36 + p.headNod };
}

/** Straight-line shoulder-to-wrist distance and its sagittal component. */
export function armReach(b: Body, L: Layout, elbow: number): { d: number; ds: number } {
  const u = b.upperArm;
  const f = b.foreArm;
  const d = Math.sqrt(u * u + f * f + 2 * u * f * cosd(elbow));
  const ds = Math.sqrt(Math.max(1e-6, d * d - L.wristDLat * L.wristDLat));
  return { d, ds };
}

/** Hip mid-point of the stance chain (bilateral: both hips share it). */
export function hipMid2(b: Body, L: Layout, p: Pose): V2 {
  return stanceLeg2(b, L, p.alphaS, p.kappa).H;
}

/** Sagittal wrist (mid-point) before any rotation. */
export function wrist2(b: Body, L: Layout, p: Pose): { W: V2; S: V2; H: V2 } {
  const leg = stanceLeg2(b, L, p.alphaS, p.kappa);
  const tr = trunk2(b, leg.H, p);
  const { ds } = armReach(b, L, p.elbow);
  return { W: [tr.S[0] + ds * sind(p.beta), tr.S[1] - ds * cosd(p.beta)], S: tr.S, H: leg.H };
}

/** Forward coordinate of the front surface of the stance leg(s) at height h. */
export function legFront(b: Body, leg: LegSag2, h: number): number {
  const seg = (P: V2, Q: V2, th: number) => {
    const t = clamp((h - P[1]) / (Q[1] - P[1] || 1e-9), 0, 1);
    return P[0] + (Q[0] - P[0]) * t + th;
  };
  if (h >= leg.K[1]) return seg(leg.K, leg.H, b.thighThick);
  return seg(leg.A, leg.K, b.shinThick);
}

// ---------------------------------------------------------------- landmarks

const IDX = {
  shoulder: 11,
  elbow: 13,
  wrist: 15,
  pinky: 17,
  index: 19,
  thumb: 21,
  hip: 23,
  knee: 25,
  ankle: 27,
  heel: 29,
  toe: 31,
} as const;
type Part = keyof typeof IDX;
/** side +1 = left (odd MediaPipe index), -1 = right */
export const lmIndex = (side: number, part: Part) => IDX[part] + (side > 0 ? 0 : 1);

/** Foot vector after pitch (toes down +) and outward yaw; side +1 left. */
export function footVec(v: V3, pitchDown: number, yawOut: number, side: number): V3 {
  const cp = cosd(pitchDown);
  const sp = sind(pitchDown);
  const f1 = v[0] * cp + v[1] * sp;
  const u1 = -v[0] * sp + v[1] * cp;
  const l1 = v[2] * side;
  const cy = cosd(yawOut);
  const sy = sind(yawOut);
  const f2 = f1 * cy - l1 * sy;
  const l2 = f1 * sy + l1 * cy;
  return [f2, u1, l2 * side];
}

export interface Fk {
  pts: V3[];
  /** back outline (mid-sagittal back surface), bottom to neck */
  back: V3[];
}

/** Two-link IK: knee position from hip H to ankle A, bending toward `bend`. */
function ik2(H: V3, A: V3, l1: number, l2: number, bend: V3): V3 {
  const w = sub3(A, H);
  let d = norm3(w);
  const wu = unit3(w);
  d = Math.min(d, (l1 + l2) * 0.99999);
  const a = (l1 * l1 - l2 * l2 + d * d) / (2 * d);
  const h = Math.sqrt(Math.max(0, l1 * l1 - a * a));
  const n = unit3(sub3(bend, mul3(wu, dot3(bend, wu))));
  return add3(add3(H, mul3(wu, a)), mul3(n, h));
}

export function fk(b: Body, L: Layout, p: Pose): Fk {
  const pts: V3[] = new Array<V3>(33);
  const { shinSag, femSag } = legSag(b, L);
  const legSides = L.single ? [L.g] : [1, -1];
  const stanceFoot = new Set<number>();
  let Hm: V2 = [0, 0];
  let Hs: V3 = [0, 0, 0];
  for (const side of legSides) {
    const A: V3 = [0, b.ankleH, side * L.ankleLat];
    const K: V3 = [shinSag * sind(p.alphaS), b.ankleH + shinSag * cosd(p.alphaS), side * L.kneeLat];
    const af = p.kappa - p.alphaS;
    const Hj: V3 = [K[0] - femSag * sind(af), K[1] + femSag * cosd(af), side * b.hipHalf];
    pts[lmIndex(side, 'ankle')] = A;
    pts[lmIndex(side, 'knee')] = K;
    pts[lmIndex(side, 'hip')] = Hj;
    pts[lmIndex(side, 'heel')] = add3(A, footVec(b.heelV, 0, L.toeOut, side));
    pts[lmIndex(side, 'toe')] = add3(A, footVec(b.toeV, 0, L.toeOut, side));
    for (const part of ['ankle', 'heel', 'toe'] as const) stanceFoot.add(lmIndex(side, part));
    Hm = [Hj[0], Hj[1]];
    Hs = Hj;
  }
  const g = L.g;
  const sA: V3 = L.single ? pts[lmIndex(g, 'ankle')] : [0, b.ankleH, 0];

  // trunk, shoulders, head (body frame, unrotated)
  const tr = trunk2(b, Hm, p);
  const trunkIdx: number[] = [];
  const put = (i: number, v: V3) => {
    pts[i] = v;
    trunkIdx.push(i);
  };
  put(11, [tr.S[0], tr.S[1], b.shoulderHalf]);
  put(12, [tr.S[0], tr.S[1], -b.shoulderHalf]);
  const E: V3 = [tr.ear[0], tr.ear[1], 0];
  const hu: V3 = [sind(tr.headAng), cosd(tr.headAng), 0];
  const hf: V3 = [cosd(tr.headAng), -sind(tr.headAng), 0];
  const H = b.H;
  const hp = (f: number, u: number, l: number): V3 => [E[0] + hf[0] * f + hu[0] * u, E[1] + hf[1] * f + hu[1] * u, l];
  put(0, hp(0.057 * H, -0.006 * H, 0));
  put(1, hp(0.049 * H, 0.014 * H, 0.011 * H));
  put(2, hp(0.047 * H, 0.015 * H, 0.018 * H));
  put(3, hp(0.043 * H, 0.015 * H, 0.025 * H));
  put(4, hp(0.049 * H, 0.014 * H, -0.011 * H));
  put(5, hp(0.047 * H, 0.015 * H, -0.018 * H));
  put(6, hp(0.043 * H, 0.015 * H, -0.025 * H));
  put(7, hp(0, 0.004 * H, 0.041 * H));
  put(8, hp(0, 0.004 * H, -0.041 * H));
  put(9, hp(0.05 * H, -0.022 * H, 0.013 * H));
  put(10, hp(0.05 * H, -0.022 * H, -0.013 * H));
  let back: V3[] = tr.outline.map((q): V3 => [q[0], q[1], 0]);

  // free leg (sl-rdl), pelvis-local then rotated with the pelvis
  const freeIdx: number[] = [];
  const fside = -g;
  const HfLocal: V3 = [Hm[0], Hm[1], fside * b.hipHalf];
  if (L.single) {
    pts[lmIndex(fside, 'hip')] = HfLocal;
    freeIdx.push(lmIndex(fside, 'hip'));
    if (!L.kick) {
      const fl = fside * L.freeLat;
      const dl = fl - HfLocal[2];
      const fSag = Math.sqrt(b.femur * b.femur - dl * dl);
      const K: V3 = [HfLocal[0] - fSag * sind(p.freeThigh), HfLocal[1] - fSag * cosd(p.freeThigh), fl];
      const phs = p.freeThigh + p.freeKnee;
      const A: V3 = [K[0] - b.shin * sind(phs), K[1] - b.shin * cosd(phs), fl];
      pts[lmIndex(fside, 'knee')] = K;
      pts[lmIndex(fside, 'ankle')] = A;
      pts[lmIndex(fside, 'heel')] = add3(A, footVec(b.heelV, p.freePitch, L.toeOut + p.freeOut, fside));
      pts[lmIndex(fside, 'toe')] = add3(A, footVec(b.toeV, p.freePitch, L.toeOut + p.freeOut, fside));
      for (const part of ['knee', 'ankle', 'heel', 'toe'] as const) freeIdx.push(lmIndex(fside, part));
    }
  }

  // pelvis rotation (hip opening) about the trunk axis through the stance hip
  if (L.single && p.psi !== 0) {
    const axis: V3 = [sind(p.thetaP), cosd(p.thetaP), 0];
    const test = rotAbout(HfLocal, Hs, axis, 10);
    const sgn = test[1] - HfLocal[1] - (test[0] - HfLocal[0]) >= 0 ? 1 : -1;
    for (const i of freeIdx) pts[i] = rotAbout(pts[i], Hs, axis, sgn * p.psi);
    for (const i of trunkIdx) pts[i] = rotAbout(pts[i], Hs, axis, sgn * 0.6 * p.psi);
    // the back silhouette of a rolled (roughly elliptical) trunk barely changes shape:
    // move the outline with the trunk's centre line instead of rolling it
    const an = post(p.thetaP);
    const dC = 0.06 * b.H;
    back = back.map((q) => {
      const c: V3 = [q[0] - an[0] * dC, q[1] - an[1] * dC, q[2]];
      return add3(q, sub3(rotAbout(c, Hs, axis, sgn * 0.6 * p.psi), c));
    });
  }

  // sway about the stance ankle (everything but the planted stance foot)
  if (p.sway !== 0 || p.swayPitch !== 0) {
    const rollAxis: V3 = [1, 0, 0];
    const pitchAxis: V3 = [0, 0, 1];
    const sgnRoll = -g; // + sway leans toward the free side
    for (let i = 0; i < 33; i++) {
      if (!pts[i] || stanceFoot.has(i)) continue;
      pts[i] = rotAbout(rotAbout(pts[i], sA, rollAxis, sgnRoll * p.sway), sA, pitchAxis, -p.swayPitch);
    }
    back = back.map((q) => rotAbout(rotAbout(q, sA, rollAxis, sgnRoll * p.sway), sA, pitchAxis, -p.swayPitch));
  }

  // arms hang from the shoulders
  const { d, ds } = armReach(b, L, p.elbow);
  for (const side of [1, -1]) {
    const S = pts[lmIndex(side, 'shoulder')];
    const W: V3 = [S[0] + ds * sind(p.beta), S[1] - ds * cosd(p.beta), S[2] + side * L.wristDLat];
    const wu = unit3(sub3(W, S));
    const ua = b.upperArm;
    const fa = b.foreArm;
    const a = (ua * ua - fa * fa + d * d) / (2 * d);
    const hh = Math.sqrt(Math.max(0, ua * ua - a * a));
    const bend: V3 = [-1, 0.2, 0.5 * side];
    const n = unit3(sub3(bend, mul3(wu, dot3(bend, wu))));
    const El = add3(add3(S, mul3(wu, a)), mul3(n, hh));
    const hd = unit3(sub3(W, El));
    const lat: V3 = [0, 0, side];
    const fwd: V3 = [1, 0, 0];
    const hp2 = (along: number, l: number, f: number): V3 => add3(add3(add3(W, mul3(hd, along * H)), mul3(lat, l * H)), mul3(fwd, f * H));
    pts[lmIndex(side, 'elbow')] = El;
    pts[lmIndex(side, 'wrist')] = W;
    pts[lmIndex(side, 'pinky')] = hp2(0.045, 0.011, -0.004);
    pts[lmIndex(side, 'index')] = hp2(0.05, -0.009, 0.006);
    pts[lmIndex(side, 'thumb')] = hp2(0.03, -0.016, 0.012);
  }

  // weight shift: the planted foot(s) pivot on the toe (heel up) or the heel (toes up); the body
  // rides on the lifted ankle(s)
  if (p.footPitch !== 0) {
    const zAxis: V3 = [0, 0, 1];
    let lift: V3 = [0, 0, 0];
    for (const side of legSides) {
      const ia = lmIndex(side, 'ankle');
      const ih = lmIndex(side, 'heel');
      const it = lmIndex(side, 'toe');
      const pivot = p.footPitch > 0 ? pts[it] : pts[ih];
      const A2 = rotAbout(pts[ia], pivot, zAxis, -p.footPitch);
      lift = add3(lift, mul3(sub3(A2, pts[ia]), 1 / legSides.length));
      pts[ia] = A2;
      pts[ih] = rotAbout(pts[ih], pivot, zAxis, -p.footPitch);
      pts[it] = rotAbout(pts[it], pivot, zAxis, -p.footPitch);
    }
    for (let i = 0; i < 33; i++) if (pts[i] && !stanceFoot.has(i)) pts[i] = add3(pts[i], lift);
    back = back.map((q) => add3(q, lift));
  }

  // kickstand rear leg: toe planted, heel up, IK from the (rotated, swayed) free hip
  if (L.single && L.kick) {
    const fl = fside * L.freeLat;
    const T: V3 = [L.kickX, b.ankleH + b.toeV[1], fl];
    const Hf = pts[lmIndex(fside, 'hip')];
    let gam = p.kickGamma;
    let A: V3 = T;
    for (let it = 0; it < 20; it++) {
      A = sub3(T, footVec(b.toeV, gam, L.toeOut + p.freeOut, fside));
      if (norm3(sub3(A, Hf)) < 0.985 * (b.femur + b.shin) || gam >= 85) break;
      gam += 3;
    }
    const bend: V3 = [1, 0, fside * 0.6 * sind(p.psi)];
    const K = ik2(Hf, A, b.femur, b.shin, bend);
    pts[lmIndex(fside, 'knee')] = K;
    pts[lmIndex(fside, 'ankle')] = A;
    pts[lmIndex(fside, 'toe')] = T;
    pts[lmIndex(fside, 'heel')] = add3(A, footVec(b.heelV, gam, L.toeOut + p.freeOut, fside));
  }

  if (p.shiftF !== 0 || p.shiftL !== 0) {
    const sh: V3 = [p.shiftF, 0, p.shiftL];
    for (let i = 0; i < 33; i++) pts[i] = add3(pts[i], sh);
    back = back.map((q) => add3(q, sh));
  }
  return { pts, back };
}
