/**
 * Scripted motion: per-clip lifter "style" (clean technique with natural
 * variation), the rep timeline, fault injection by degree, and the per-time
 * joint-angle pose (with the small solvers that keep the bar over mid-foot).
 */
import type { FaultId, Lift } from '../types';
import { FAULT_IDS } from '../types';
import {
  type Body,
  type Implement,
  type Layout,
  type Pose,
  type V2,
  armReach,
  clamp,
  cosd,
  fk,
  legFront,
  lerp,
  lmIndex,
  stanceLeg2,
  wrist2,
  zeroPose,
} from './body';
import type { Rng } from './rng';

export const FAULT_LIFTS: Record<FaultId, readonly Lift[]> = {
  'hips-back': ['deadlift', 'rdl', 'sl-rdl', 'kickstand-rdl'],
  'rounded-back': ['deadlift', 'rdl', 'sl-rdl', 'kickstand-rdl'],
  'bar-drift': ['deadlift', 'rdl'],
  'hip-rotation': ['sl-rdl', 'kickstand-rdl'],
  'hips-rise-first': ['deadlift'],
  'lockout-lean': ['deadlift', 'rdl'],
  'neck-extension': ['deadlift', 'rdl', 'sl-rdl', 'kickstand-rdl'],
  'locked-knees': ['rdl', 'sl-rdl'],
  'fast-lowering': ['deadlift', 'rdl', 'sl-rdl', 'kickstand-rdl'],
  'lost-balance': ['sl-rdl'],
};

export interface Tempo {
  lowerS: number;
  bottomS: number;
  riseS: number;
  topS: number;
}

export const DEFAULT_TEMPO: Record<Lift, Tempo> = {
  deadlift: { lowerS: 1.8, bottomS: 0.6, riseS: 1.2, topS: 1.0 },
  rdl: { lowerS: 2.5, bottomS: 0.4, riseS: 1.3, topS: 0.9 },
  'sl-rdl': { lowerS: 2.5, bottomS: 0.4, riseS: 1.4, topS: 1.0 },
  'kickstand-rdl': { lowerS: 2.5, bottomS: 0.4, riseS: 1.4, topS: 1.0 },
};

/** Minimum-jerk ease 0..1. */
export const ease = (x: number) => {
  const t = clamp(x, 0, 1);
  return t * t * t * (10 - 15 * t + 6 * t * t);
};

export type Degrees = Record<FaultId, number>;
export const zeroDegrees = (): Degrees => Object.fromEntries(FAULT_IDS.map((f) => [f, 0])) as Degrees;

export interface Style {
  implement: Implement;
  k0: number;
  as0: number;
  th0: number;
  k1: number;
  as1: number;
  th1: number;
  neck0: number;
  neck1: number;
  rho1: number;
  elbow: number;
  beta1: number;
  barOff: number;
  wristH1: number;
  ft0: number;
  fk0: number;
  fk1: number;
  fext: number;
  pl0: number;
  pl1: number;
  psiNat: number;
  swayAmp: number;
  swayF: [number, number, number];
  swayPh: [number, number, number];
  gam0: number;
  gam1: number;
}

export function makeStyle(lift: Lift, rng: Rng, implement?: Implement): Style {
  const u = (a: number, b: number) => rng.uniform(a, b);
  const single = lift === 'sl-rdl' || lift === 'kickstand-rdl';
  const impl: Implement =
    implement ??
    (lift === 'deadlift'
      ? rng.pick(['barbell', 'barbell', 'kettlebell'] as const)
      : lift === 'rdl'
        ? rng.pick(['barbell', 'dumbbells', 'kettlebell'] as const)
        : rng.pick(['dumbbells', 'kettlebell'] as const));
  const s: Style = {
    implement: impl,
    k0: u(3, 7),
    as0: u(0.5, 2.5),
    th0: u(1.5, 5),
    k1: 0,
    as1: 0,
    th1: 0,
    neck0: u(8, 22),
    neck1: u(-8, 6),
    rho1: u(0, 7),
    elbow: u(4, 10),
    beta1: u(-6, -1),
    barOff: u(-0.01, 0.02),
    wristH1: impl === 'kettlebell' ? u(0.29, 0.33) : u(0.27, 0.3),
    ft0: u(4, 12),
    fk0: u(70, 90),
    fk1: u(5, 20),
    fext: u(-4, 8),
    pl0: u(-10, 0),
    pl1: u(0, 15),
    psiNat: single ? u(0, 5) : 0,
    swayAmp: single ? u(0.3, 1.0) : 0,
    swayF: [u(0.25, 0.5), u(0.6, 1.1), u(0.2, 0.45)],
    swayPh: [u(0, 6.28), u(0, 6.28), u(0, 6.28)],
    gam0: u(38, 55),
    gam1: 0,
  };
  s.gam1 = s.gam0 - u(0, 12);
  if (lift === 'deadlift') {
    s.k1 = impl === 'kettlebell' ? u(82, 95) : u(66, 82);
  } else if (lift === 'rdl') {
    s.k0 = u(4, 9);
    s.k1 = u(15, 30);
    s.as1 = u(-3, 5);
    s.th1 = u(58, 80);
  } else {
    s.k0 = u(4, 9);
    s.k1 = u(15, 30);
    s.as1 = u(0, 6);
    s.th1 = lift === 'kickstand-rdl' ? u(55, 80) : u(60, 85);
  }
  return s;
}

export function makeLayout(lift: Lift, b: Body, style: Style, stanceLeft: boolean, rng: Rng): Layout {
  const H = b.H;
  const single = lift === 'sl-rdl' || lift === 'kickstand-rdl';
  const ankleLat = single ? 0.02 * H : rng.uniform(0.06, 0.085) * H;
  const kneeLat = single ? 0.035 * H : 0.5 * ankleLat + 0.5 * b.hipHalf + 0.004 * H;
  const handLat =
    style.implement === 'barbell'
      ? Math.max(ankleLat + 0.05 * H, rng.uniform(0.13, 0.155) * H)
      : style.implement === 'kettlebell'
        ? 0.022 * H
        : rng.uniform(0.085, 0.1) * H;
  return {
    lift,
    single,
    kick: lift === 'kickstand-rdl',
    g: stanceLeft ? 1 : -1,
    ankleLat,
    kneeLat,
    freeLat: lift === 'kickstand-rdl' ? 0.06 * H : 0.055 * H,
    wristDLat: handLat - b.shoulderHalf,
    toeOut: single ? rng.uniform(0, 10) : rng.uniform(5, 15),
    kickX: -rng.uniform(0.1, 0.16) * H,
    implement: style.implement,
  };
}

export interface RepPlan {
  index: number;
  /** lowering start, lowering end, bottom end, rise end (lockout), top-hold end (s) */
  t0: number;
  t1: number;
  t2: number;
  t3: number;
  t4: number;
  deg: Degrees;
  depth: number;
  neckJ: number;
}

export function planReps(
  reps: number,
  standS: number,
  tempo: Tempo,
  degs: Degrees[],
  rng: Rng,
): { plans: RepPlan[]; duration: number } {
  const plans: RepPlan[] = [];
  let t = standS;
  for (let i = 0; i < reps; i++) {
    const deg = degs[i];
    const j = () => 1 + 0.06 * (2 * rng.next() - 1);
    let lower = tempo.lowerS * j();
    let bottom = tempo.bottomS * j();
    const rise = tempo.riseS * j();
    const top = tempo.topS * j();
    const fl = deg['fast-lowering'];
    if (fl > 0) {
      const fast = Math.min(lower, 1.0);
      lower = fl <= 0.5 ? lerp(lower, fast, fl / 0.5) : lerp(fast, 0.4, (fl - 0.5) / 0.5);
      bottom *= 1 - 0.5 * fl;
    }
    const p: RepPlan = {
      index: i,
      t0: t,
      t1: t + lower,
      t2: t + lower + bottom,
      t3: t + lower + bottom + rise,
      t4: t + lower + bottom + rise + top,
      deg,
      depth: 1 + 0.04 * (2 * rng.next() - 1),
      neckJ: 3 * (2 * rng.next() - 1),
    };
    plans.push(p);
    t = p.t4;
  }
  return { plans, duration: t + 0.6 };
}

/** Pose plus per-frame extras for the frame assembler. */
export interface Frame {
  pose: Pose;
  s: number;
}

export class Script {
  private bottomCache = new Map<number, Pose>();
  readonly midfoot: number;
  private readonly ds: number;

  constructor(
    readonly lift: Lift,
    readonly b: Body,
    readonly L: Layout,
    readonly st: Style,
    readonly plans: RepPlan[],
    readonly standS: number,
  ) {
    const heelF = b.heelV[0] * cosd(L.toeOut);
    const toeF = b.toeV[0] * cosd(L.toeOut);
    this.midfoot = (heelF + toeF) / 2;
    this.ds = armReach(b, L, st.elbow).ds;
  }

  /** Which rep governs time t and the phase within it. */
  private locate(t: number): { rep: RepPlan | null; s: number; phase: 'pre' | 'lower' | 'bottom' | 'rise' | 'top'; tau: number } {
    const P = this.plans;
    if (P.length === 0 || t < P[0].t0) return { rep: P[0] ?? null, s: 0, phase: 'pre', tau: 0 };
    for (const r of P) {
      if (t < r.t1) return { rep: r, s: ease((t - r.t0) / (r.t1 - r.t0)), phase: 'lower', tau: (t - r.t0) / (r.t1 - r.t0) };
      if (t < r.t2) return { rep: r, s: 1, phase: 'bottom', tau: (t - r.t1) / Math.max(1e-6, r.t2 - r.t1) };
      if (t < r.t3) return { rep: r, s: 1 - ease((t - r.t2) / (r.t3 - r.t2)), phase: 'rise', tau: (t - r.t2) / (r.t3 - r.t2) };
      if (t < r.t4) return { rep: r, s: 0, phase: 'top', tau: (t - r.t3) / (r.t4 - r.t3) };
    }
    const last = P[P.length - 1];
    return { rep: last, s: 0, phase: 'top', tau: 1 };
  }

  /** Standing (top) pose for a rep; leanW 0..1 applies its lockout-lean. */
  private topPose(rep: RepPlan | null, leanW: number): Pose {
    const st = this.st;
    const p = zeroPose();
    const d = rep?.deg;
    p.kappa = st.k0;
    p.alphaS = st.as0;
    p.thetaP = st.th0;
    p.neck = st.neck0;
    p.headNod = -0.6 * st.neck0;
    p.elbow = st.elbow;
    p.kickGamma = st.gam0;
    p.freeThigh = st.ft0;
    p.freeKnee = st.fk0;
    p.freePitch = st.ft0 + st.fk0 + st.pl0;
    if (d) {
      const lk = d['locked-knees'];
      if (lk > 0) {
        const w = 1 - (1 - lk) * (1 - lk);
        p.kappa = lerp(p.kappa, 1, w);
        p.alphaS = lerp(p.alphaS, 0.5, w);
      }
      const ne = d['neck-extension'];
      p.neck -= 20 * ne;
      const ll = d['lockout-lean'] * leanW;
      if (ll > 0) {
        p.thetaP -= 16 * ll + st.th0 * Math.min(1, ll * 2);
        p.kappa = lerp(p.kappa, 0, Math.min(1, ll * 1.5));
        p.alphaS += 4 * ll;
      }
    }
    return p;
  }

  /** Clean-or-faulted bottom pose of a rep (deadlift: solved against the bar). */
  private bottomPose(rep: RepPlan): Pose {
    const hit = this.bottomCache.get(rep.index);
    if (hit) return hit;
    const st = this.st;
    const d = rep.deg;
    const p = zeroPose();
    p.elbow = st.elbow;
    p.rho = st.rho1 + 45 * d['rounded-back'];
    p.protract = 0.018 * this.b.H * d['rounded-back'];
    p.neck = st.neck1 + rep.neckJ + 20 * d['rounded-back'] - 50 * d['neck-extension'];
    p.headNod = -10 * d['neck-extension'];
    p.kickGamma = st.gam1;
    if (this.lift === 'deadlift') {
      p.kappa = (st.k1 + 40 * d['hips-back']) * rep.depth;
      p.beta = st.beta1 + 12 * d['bar-drift'];
      const target: V2 = [this.midfoot + st.barOff + 0.13 * d['bar-drift'], st.wristH1];
      const sol = this.solveDL(p, target, [14, 50]);
      p.alphaS = sol[0];
      p.thetaP = sol[1];
    } else {
      const hb = d['hips-back'];
      p.kappa = lerp(st.k1 * rep.depth, 68, hb);
      p.alphaS = lerp(st.as1, 28, hb);
      p.thetaP = lerp(st.th1 * rep.depth, 38, hb) - 15 * d['rounded-back'];
      const lk = d['locked-knees'];
      if (lk > 0) {
        const w = 1 - (1 - lk) * (1 - lk);
        p.kappa = lerp(p.kappa, 2, w);
        p.alphaS = lerp(p.alphaS, -1, w);
        p.thetaP -= 4 * lk;
      }
      p.freeKnee = st.fk1;
      p.freePitch = 0;
    }
    this.bottomCache.set(rep.index, p);
    return p;
  }

  /** Damped Gauss-Newton for (alphaS, thetaP) so the wrist hits target. */
  private solveDL(base: Pose, target: V2, guess: [number, number]): [number, number] {
    const b = this.b;
    const L = this.L;
    const x: [number, number] = [guess[0], guess[1]];
    const mu = 1e-7;
    const res = (a: number, th: number): V2 => {
      const w = wrist2(b, L, { ...base, alphaS: a, thetaP: th }).W;
      return [w[0] - target[0], w[1] - target[1]];
    };
    for (let it = 0; it < 12; it++) {
      const r = res(x[0], x[1]);
      const h = 0.01;
      const ra = res(x[0] + h, x[1]);
      const rt = res(x[0], x[1] + h);
      const J = [
        [(ra[0] - r[0]) / h, (rt[0] - r[0]) / h],
        [(ra[1] - r[1]) / h, (rt[1] - r[1]) / h],
      ];
      const a11 = J[0][0] * J[0][0] + J[1][0] * J[1][0] + mu;
      const a12 = J[0][0] * J[0][1] + J[1][0] * J[1][1];
      const a22 = J[0][1] * J[0][1] + J[1][1] * J[1][1] + mu;
      const g1 = J[0][0] * r[0] + J[1][0] * r[1] + mu * (x[0] - guess[0]);
      const g2 = J[0][1] * r[0] + J[1][1] * r[1] + mu * (x[1] - guess[1]);
      const det = a11 * a22 - a12 * a12;
      let d1 = -(a22 * g1 - a12 * g2) / det;
      let d2 = -(a11 * g2 - a12 * g1) / det;
      const m = Math.max(Math.abs(d1), Math.abs(d2));
      if (m > 12) {
        d1 *= 12 / m;
        d2 *= 12 / m;
      }
      x[0] = clamp(x[0] + d1, -10, 45);
      x[1] = clamp(x[1] + d2, -35, 110);
      if (Math.abs(d1) + Math.abs(d2) < 1e-4) break;
    }
    return x;
  }

  /** Arm angle so the wrist mid-point sits at the desired forward position. */
  private solveBeta(p: Pose, s: number, drift: number): number {
    const b = this.b;
    const L = this.L;
    const leg = stanceLeg2(b, L, p.alphaS, p.kappa);
    let beta = 0;
    for (let it = 0; it < 3; it++) {
      const { W, S } = wrist2(b, L, { ...p, beta });
      const w = ease(Math.min(1, s / 0.5));
      const aim = this.L.single ? this.midfoot + 0.03 : this.midfoot + this.st.barOff + drift;
      let tf = lerp(S[0], aim, w);
      if (this.st.implement === 'barbell') tf = Math.max(tf, legFront(b, leg, W[1]) + 0.012 * b.H);
      beta = Math.asin(clamp((tf - S[0]) / this.ds, -0.65, 0.65)) / (Math.PI / 180);
    }
    return beta;
  }

  /** Lockout-lean weight at a phase. */
  private leanWeight(phase: string, tau: number): number {
    if (phase === 'rise') return ease((tau - 0.65) / 0.35);
    if (phase === 'top') return tau < 0.6 ? 1 : 1 - ease((tau - 0.6) / 0.4);
    return 0;
  }

  poseAt(t: number): Frame {
    const { rep, s, phase, tau } = this.locate(t);
    const st = this.st;
    const b = this.b;
    const lift = this.lift;
    const d = rep && phase !== 'pre' ? rep.deg : null;
    const leanW = d ? this.leanWeight(phase, tau) : 0;
    const top = this.topPose(phase === 'pre' ? null : rep, leanW);
    const bot = rep ? this.bottomPose(rep) : top;
    const p = zeroPose();
    p.elbow = st.elbow;
    // knee progress (hips-rise-first: the knees extend ahead of the bar)
    let sk = s;
    let sb = s;
    const hrf = d && lift === 'deadlift' ? d['hips-rise-first'] : 0;
    if (phase === 'rise' && hrf > 0) {
      const r = ease(tau);
      sk = Math.pow(1 - r, 1 + 4 * hrf);
      sb = 1 - Math.pow(r, 1 + 0.8 * hrf);
    }
    p.rho = lerp(top.rho, bot.rho, s);
    p.protract = lerp(0, bot.protract, s);
    p.neck = lerp(top.neck, bot.neck, Math.sqrt(s));
    p.headNod = lerp(top.headNod, bot.headNod, s);
    p.kappa = lerp(top.kappa, bot.kappa, sk);
    const drift = d ? 0.13 * d['bar-drift'] * s : 0;
    if (lift === 'deadlift') {
      const beta0 = this.solveBeta(top, 0, 0);
      p.beta = lerp(beta0, bot.beta, sb);
      if (s <= 0 && sk <= 0) {
        p.alphaS = top.alphaS;
        p.thetaP = top.thetaP;
      } else {
        const W0 = wrist2(b, this.L, { ...top, beta: beta0 }).W;
        const W1 = wrist2(b, this.L, bot).W;
        const target: V2 = [lerp(W0[0], W1[0], sb), lerp(W0[1], W1[1], sb)];
        const guess: [number, number] = [lerp(top.alphaS, bot.alphaS, sb), lerp(top.thetaP, bot.thetaP, sb)];
        const sol = this.solveDL(p, target, guess);
        p.alphaS = sol[0];
        p.thetaP = sol[1];
      }
    } else {
      p.alphaS = lerp(top.alphaS, bot.alphaS, s);
      p.thetaP = lerp(top.thetaP, bot.thetaP, s);
      p.beta = this.solveBeta(p, s, drift);
    }
    if (this.L.single) this.singleLeg(p, t, s, top, bot, d, phase, rep);
    return { pose: p, s };
  }

  private singleLeg(p: Pose, t: number, s: number, top: Pose, bot: Pose, d: Degrees | null, phase: string, rep: RepPlan | null) {
    const st = this.st;
    const b = this.b;
    const L = this.L;
    p.kickGamma = lerp(top.kickGamma, bot.kickGamma, s);
    // free leg long behind, in line with the trunk at depth
    p.freeThigh = lerp(st.ft0, p.thetaP + st.fext, s);
    p.freeKnee = lerp(st.fk0, st.fk1, s);
    const phs = p.freeThigh + p.freeKnee;
    p.freePitch = phs + lerp(st.pl0, st.pl1, s);
    const hr = d ? d['hip-rotation'] : 0;
    p.psi = (st.psiNat + 38 * hr) * Math.pow(s, 0.8);
    p.freeOut = 35 * hr * s;
    const w = 2 * Math.PI;
    p.sway = st.swayAmp * (Math.sin(w * st.swayF[0] * t + st.swayPh[0]) + 0.5 * Math.sin(w * st.swayF[1] * t + st.swayPh[1]));
    p.swayPitch = 0.6 * st.swayAmp * Math.sin(w * st.swayF[2] * t + st.swayPh[2]);
    if (L.kick) return;
    // sl-rdl: the free foot starts on the floor and lifts just before the first rep
    if (phase === 'pre') {
      const a = Math.max(0, this.standS - 0.75);
      const down = this.standS < 0.8 ? 0 : 1 - ease((t - a) / 0.5);
      if (down > 0) {
        const Hm = stanceLeg2(b, L, p.alphaS, p.kappa).H;
        const dl = L.freeLat - b.hipHalf;
        const l1 = Math.sqrt(b.femur * b.femur - dl * dl);
        const l2 = b.shin;
        const A: V2 = [0.01 * b.H, b.ankleH];
        const vx = A[0] - Hm[0];
        const vy = A[1] - Hm[1];
        const dd = Math.min(Math.hypot(vx, vy), (l1 + l2) * 0.9999);
        const phb = Math.atan2(-vx, -vy) / (Math.PI / 180);
        const g1 = Math.acos(clamp((l1 * l1 + dd * dd - l2 * l2) / (2 * l1 * dd), -1, 1)) / (Math.PI / 180);
        const inner = Math.acos(clamp((l1 * l1 + l2 * l2 - dd * dd) / (2 * l1 * l2), -1, 1)) / (Math.PI / 180);
        const thighD = phb - g1;
        const kneeD = 180 - inner;
        p.freeThigh = lerp(p.freeThigh, thighD, down);
        p.freeKnee = lerp(p.freeKnee, kneeD, down);
        p.freePitch = lerp(p.freePitch, 0, down);
      }
      return;
    }
    // keep the free foot clear of the floor (e.g. a squatty, upright rep lowers the hips)
    {
      const clear = b.ankleH + b.toeV[1] + 0.04 * b.H;
      const toeIdx = lmIndex(-L.g, 'toe');
      const toeAt = (delta: number) => fk(b, L, { ...p, freeThigh: p.freeThigh + delta }).pts[toeIdx][1];
      if (toeAt(0) < clear) {
        let lo = 0;
        let hi = 60;
        for (let it = 0; it < 14; it++) {
          const mid = (lo + hi) / 2;
          if (toeAt(mid) < clear) lo = mid;
          else hi = mid;
        }
        p.freeThigh += hi;
        p.freePitch += hi;
      }
    }
    if (!d || !rep) return;
    const lb = d['lost-balance'];
    if (lb <= 0) return;
    // large sway
    const env = Math.sin(Math.PI * clamp((t - rep.t0) / (rep.t4 - rep.t0), 0, 1));
    p.sway += 7 * lb * env * Math.sin(w * 1.3 * (t - rep.t0));
    p.swayPitch += 3 * lb * env * Math.sin(w * 0.9 * (t - rep.t0) + 1);
    if (lb < 0.5) return;
    // free foot touches down around the bottom, the stance foot shifts
    const td0 = rep.t1 - 0.1;
    const td1 = Math.min(rep.t1 + 0.25 + 0.35 * lb, rep.t3 - 0.3);
    const ramp = 0.12;
    const wd = t < td0 || t > td1 + ramp ? 0 : Math.min(ease((t - td0) / ramp), 1 - ease((t - td1) / ramp));
    const shW = t < td0 ? 0 : t < rep.t3 ? ease((t - td0) / 0.2) : 1 - ease((t - rep.t3) / (0.6 * (rep.t4 - rep.t3)));
    p.shiftF = 0.03 * lb * shW;
    p.shiftL = -L.g * 0.05 * lb * shW;
    if (wd > 0) {
      const floorToe = b.ankleH + b.toeV[1];
      const toeIdx = lmIndex(-L.g, 'toe');
      const toeH = (delta: number) => {
        const q = { ...p, freeThigh: p.freeThigh - delta, freeKnee: lerp(p.freeKnee, 10, clamp(delta / 30, 0, 1)) };
        return fk(b, L, q).pts[toeIdx][1];
      };
      let lo = 0;
      let hi = Math.max(0, p.freeThigh + 25);
      if (toeH(0) > floorToe) {
        if (toeH(hi) > floorToe) lo = hi;
        else
          for (let it = 0; it < 16; it++) {
            const mid = (lo + hi) / 2;
            if (toeH(mid) > floorToe) lo = mid;
            else hi = mid;
          }
        const delta = lo * wd;
        p.freeKnee = lerp(p.freeKnee, 10, clamp(delta / 30, 0, 1));
        p.freeThigh -= delta;
      }
    }
  }
}
