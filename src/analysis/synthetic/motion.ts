/**
 * Scripted motion: per-clip lifter "style" (clean technique with natural
 * variation), the rep timeline, fault injection by degree, and the per-time
 * joint-angle pose (with the small solvers that keep the bar over mid-foot).
 */
import type { FaultId, Lift } from '../types';
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
  trunk2,
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
  // FAULTS.md: all lifts (the weight rolls onto the toes or the heels)
  'weight-shift': ['deadlift', 'rdl', 'sl-rdl', 'kickstand-rdl'],
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

/**
 * Per-rep fault targets in physical units (physical.ts): a fault absent from a
 * rep's targets is performed the lifter's own clean way. The truth is measured
 * back from the rendered body (truth.ts), not taken from these requests.
 */
export type Targets = Partial<Record<FaultId, number>>;

/** Minimum-jerk ease 0..1. */
export const ease = (x: number) => {
  const t = clamp(x, 0, 1);
  return t * t * t * (10 - 15 * t + 6 * t * t);
};


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
  /** clean head extension at the bottom: the ear-shoulder line's angle to the trunk line beyond its standing value, deg */
  lookUp: number;
  /** clean trunk (hip-shoulder line) angle behind vertical at lockout, deg */
  lean0: number;
  /** clean rise pattern (deadlift): knees lead by this exponent (0 = together) */
  rise0: number;
  rho1: number;
  elbow: number;
  beta1: number;
  /** clean bar path: the bar's forward offset from mid-foot at the bottom, m (good lifters: over mid-foot) */
  barDev: number;
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
    lookUp: u(-20, 20),
    lean0: u(-4, 5),
    rise0: u(0, 0.35),
    rho1: u(0, 7),
    elbow: u(4, 10),
    beta1: u(-6, -1),
    barDev: u(-0.02, 0.03),
    wristH1: impl === 'kettlebell' ? u(0.32, 0.38) : u(0.27, 0.31),
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
    s.k1 = impl === 'kettlebell' ? u(80, 98) : u(68, 100);
  } else if (lift === 'rdl') {
    s.k0 = u(4, 9);
    s.k1 = u(16, 38);
    s.as1 = u(-3, 5);
    s.th1 = u(58, 80);
  } else {
    s.k0 = u(4, 9);
    s.k1 = u(16, 35);
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
  tgt: Targets;
  depth: number;
  neckJ: number;
}

export function planReps(
  reps: number,
  standS: number,
  tempo: Tempo,
  tgts: Targets[],
  rng: Rng,
): { plans: RepPlan[]; duration: number } {
  const plans: RepPlan[] = [];
  let t = standS;
  for (let i = 0; i < reps; i++) {
    const tgt = tgts[i] ?? {};
    const j = () => 1 + 0.06 * (2 * rng.next() - 1);
    let lower = tempo.lowerS * j();
    let bottom = tempo.bottomS * j();
    const rise = tempo.riseS * j();
    const top = tempo.topS * j();
    const fl = tgt['fast-lowering'];
    if (fl !== undefined) {
      // the lowering time is the fault's size (ms); a dropped rep also barely pauses at the bottom
      const want = Math.max(0.15, fl / 1000);
      if (want < lower) bottom *= clamp(want / lower, 0.5, 1);
      lower = want;
    }
    const p: RepPlan = {
      index: i,
      t0: t,
      t1: t + lower,
      t2: t + lower + bottom,
      t3: t + lower + bottom + rise,
      t4: t + lower + bottom + rise + top,
      tgt,
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
  /** clean bar position at the bottom (forward, m) */
  private readonly barAim: number;

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
    // a good bar path stays over mid-foot: the clean bottom sits within a few cm of it
    this.barAim = this.midfoot + st.barDev;
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
    const p = this.topBase(rep);
    if (rep && leanW > 0) {
      const { lean, hyper } = this.leanFor(rep);
      this.applyLean(p, lean * leanW, hyper * leanW);
    }
    return p;
  }

  private topBase(rep: RepPlan | null): Pose {
    const st = this.st;
    const p = zeroPose();
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
    const lk = rep?.tgt['locked-knees'];
    if (lk !== undefined) {
      // a locked knee stays (about) that straight through the whole rep, standing included
      const kb = this.lockedKappa(lk);
      if (kb < p.kappa) {
        p.alphaS = lerp(p.alphaS, 0.5, 1 - kb / Math.max(1e-6, p.kappa));
        p.kappa = kb;
      }
    }
    return p;
  }

  private applyLean(p: Pose, lean: number, hyper: number) {
    p.thetaP -= lean;
    // hyper-extending: hips pushed forward, knees locked
    p.kappa = lerp(p.kappa, 0, Math.min(1, hyper * 1.5));
    p.alphaS += 4 * hyper;
  }

  /** Trunk line (hip mid-point → shoulder mid-point) behind vertical, deg, of a sagittal pose. */
  trunkBehind(p: Pose): number {
    const leg = stanceLeg2(this.b, this.L, p.alphaS, p.kappa);
    const S = trunk2(this.b, leg.H, p).S;
    return Math.atan2(leg.H[0] - S[0], S[1] - leg.H[1]) / (Math.PI / 180);
  }

  private leanCache = new Map<number, { lean: number; hyper: number }>();
  /** The lean (behind the standing pelvis) that puts the trunk line the rep's angle behind vertical at lockout. */
  private leanFor(rep: RepPlan): { lean: number; hyper: number } {
    let v = this.leanCache.get(rep.index);
    if (v) return v;
    const ll = rep.tgt['lockout-lean'];
    const goal = ll ?? this.st.lean0;
    const hyper = ll === undefined ? 0 : clamp((ll - 5) / 25, 0, 1);
    const base = this.topBase(rep);
    const at = (lean: number) => {
      const q = { ...base };
      this.applyLean(q, lean, hyper);
      return this.trunkBehind(q);
    };
    let lo = -20;
    let hi = 60;
    for (let it = 0; it < 30; it++) {
      const mid = (lo + hi) / 2;
      if (at(mid) < goal) lo = mid;
      else hi = mid;
    }
    v = { lean: (lo + hi) / 2, hyper };
    this.leanCache.set(rep.index, v);
    return v;
  }

  /** Knee flexion (sagittal, deg) for a wanted 3D stance knee angle (the small lateral knee offset makes them differ a little). */
  private lockedKappa(kneeAngle: number): number {
    return clamp(180 - kneeAngle, 0, 60);
  }

  /** Clean-or-faulted bottom pose of a rep (deadlift: solved against the bar). */
  private bottomPose(rep: RepPlan): Pose {
    const hit = this.bottomCache.get(rep.index);
    if (hit) return hit;
    const st = this.st;
    const d = rep.tgt;
    const p = zeroPose();
    p.elbow = st.elbow;
    // spinal flexion beyond neutral (deg): the fault's size, or the lifter's own small flexion
    p.rho = Math.max(0, d['rounded-back'] ?? st.rho1);
    // rounding also protracts the shoulders and drops the head, in proportion
    const rw = clamp((p.rho - st.rho1) / 45, 0, 1);
    p.protract = 0.018 * this.b.H * rw;
    p.neck = st.neck1;
    const ne = d['neck-extension'];
    p.headNod = ne === undefined ? 0 : -10 * clamp(ne / 55, 0, 1);
    p.kickGamma = st.gam1;
    if (this.lift === 'deadlift') {
      const hb = d['hips-back'];
      p.kappa = st.k1 * rep.depth;
      p.beta = st.beta1;
      const clean: V2 = [this.barAim, st.wristH1];
      const target: V2 = [clean[0] + this.driftExtra(rep, clean[0]), clean[1]];
      // bar drift: the arms hang forward of where the lats would hold them
      p.beta += Math.asin(clamp((target[0] - clean[0]) / this.ds, -0.9, 0.9)) / (Math.PI / 180);
      let sol = this.solveDL(p, target, [14, 50]);
      if (hb !== undefined) {
        // knee-dominant: more knee bend until the hip/knee flexion ratio reaches the degree's value
        // squatting the weight: the knees bend more and drive forward (shin tilt up to 46°), the hips
        // sink and the trunk stays as upright as the arms' reach to the weight allows (the weight stays
        // where it is on the floor; the arms angle back toward it). w: how far toward that posture,
        // chosen so the hip/knee flexion ratio reaches the degree's value (the real knee-dominant
        // pulls: knees ~115-125°, shins ~40-50°, trunk ~15° from vertical).
        const k0 = p.kappa;
        const a0 = sol[0];
        const th0 = sol[1];
        const ds = this.ds;
        const poseAt = (w: number): Pose => {
          const q: Pose = { ...p, kappa: lerp(k0, Math.max(k0, 128), w), alphaS: lerp(a0, Math.max(a0, 46), w) };
          const shoulder = (th: number) => wrist2(this.b, this.L, { ...q, thetaP: th, beta: 0 }).S;
          const dist = (th: number) => {
            const S = shoulder(th);
            return Math.hypot(S[0] - target[0], S[1] - target[1]);
          };
          let lo = -10;
          let hi = th0;
          if (dist(hi) > ds) {
            q.thetaP = th0;
            q.alphaS = a0;
            q.kappa = k0;
            return q;
          }
          for (let it = 0; it < 30; it++) {
            const mid = (lo + hi) / 2;
            if (dist(mid) > ds) lo = mid;
            else hi = mid;
          }
          q.thetaP = hi;
          const S = shoulder(hi);
          q.beta = Math.atan2(target[0] - S[0], S[1] - target[1]) / (Math.PI / 180);
          return q;
        };
        const r0 = this.hingeRatio({ ...p, alphaS: a0, thetaP: th0 });
        const goal = hb;
        if (goal < r0) {
          let lo = 0;
          let hi = 1;
          if (this.hingeRatio(poseAt(1)) > goal) lo = 1;
          else
            for (let it = 0; it < 20; it++) {
              const mid = (lo + hi) / 2;
              if (this.hingeRatio(poseAt(mid)) > goal) lo = mid;
              else hi = mid;
            }
          const q = poseAt(lo === 1 ? 1 : (lo + hi) / 2);
          p.kappa = q.kappa;
          p.beta = q.beta;
          sol = [q.alphaS, q.thetaP];
        }
      }
      p.alphaS = sol[0];
      p.thetaP = sol[1];
    } else {
      const hb = d['hips-back'];
      // knee-dominant: the shin tilts forward (knees travel, deg) as the hips stay under the body
      const shin = hb ?? st.as1;
      const w = hb !== undefined ? clamp((shin - st.as1) / Math.max(1, 28 - st.as1), 0, 1) : 0;
      p.kappa = lerp(st.k1 * rep.depth, 68, w);
      p.alphaS = shin;
      // a rounding lifter reaches depth with the back, not the hips
      p.thetaP = lerp(st.th1 * rep.depth, 38, w) - 15 * rw;
      const lk = d['locked-knees'];
      if (lk !== undefined) {
        const k0 = p.kappa;
        p.kappa = this.lockedKappa(lk);
        const wk = clamp((k0 - p.kappa) / Math.max(1, k0), 0, 1);
        p.alphaS = lerp(p.alphaS, -1, wk);
        p.thetaP -= 4 * wk;
      }
      p.freeKnee = st.fk1;
      p.freePitch = 0;
    }
    // head extension at the bottom: the ear-shoulder line's angle to the trunk line, beyond standing
    const look = this.lookUpOf(this.topBase(rep)) + (ne ?? st.lookUp + rep.neckJ);
    p.neck = this.neckForLookUp(p, look) + 20 * rw;
    this.bottomCache.set(rep.index, p);
    return p;
  }

  private driftCache = new Map<number, number>();
  /** RDL family: extra forward bar offset at the bottom for a rep's bar drift. */
  private rdlDrift(rep: RepPlan): number {
    let v = this.driftCache.get(rep.index);
    if (v === undefined) {
      const bot = this.bottomPose(rep);
      const cleanX = wrist2(this.b, this.L, { ...bot, beta: this.solveBeta(bot, 1, 0) }).W[0];
      v = this.driftExtra(rep, cleanX);
      this.driftCache.set(rep.index, v);
    }
    return v;
  }

  private riseCache = new Map<number, number>();
  /**
   * Deadlift rise: the knees extend ahead of the bar by exponent e (knee progress
   * 1-(1-r)^(1+e)); hips-rise-first picks e so the shoulders' share of their rise
   * when the hips are half-way up is the degree's value.
   */
  private riseExponent(rep: RepPlan): number {
    let e = this.riseCache.get(rep.index);
    if (e !== undefined) return e;
    e = this.st.rise0;
    const hrf = rep.tgt['hips-rise-first'];
    if (hrf !== undefined) {
      const s0 = this.riseSyncFor(rep, e);
      const goal = hrf;
      if (goal < s0) {
        let lo = e;
        let hi = 40;
        for (let it = 0; it < 16; it++) {
          const mid = (lo + hi) / 2;
          if (this.riseSyncFor(rep, mid) > goal) lo = mid;
          else hi = mid;
        }
        e = (lo + hi) / 2;
      }
    }
    this.riseCache.set(rep.index, e);
    return e;
  }

  /** Shoulders' share of their rise when the hips have risen half-way, for a rise exponent (sagittal model). */
  riseSyncFor(rep: RepPlan, e: number): number {
    const top = this.topPose(rep, 0);
    const bot = this.bottomPose(rep);
    const beta0 = this.solveBeta(top, 0, 0);
    const W0 = wrist2(this.b, this.L, { ...top, beta: beta0 }).W;
    const W1 = wrist2(this.b, this.L, bot).W;
    const n = 40;
    const hipY: number[] = [];
    const shY: number[] = [];
    let guess: [number, number] = [bot.alphaS, bot.thetaP];
    for (let i = 0; i <= n; i++) {
      const r = ease(i / n);
      const sk = Math.pow(1 - r, 1 + e);
      const sb = 1 - Math.pow(r, 1 + 0.2 * e);
      const s = 1 - r;
      const p: Pose = { ...bot, rho: lerp(top.rho, bot.rho, s), protract: lerp(0, bot.protract, s), kappa: lerp(top.kappa, bot.kappa, sk), beta: lerp(beta0, bot.beta, sb) };
      const target: V2 = [lerp(W0[0], W1[0], sb), lerp(W0[1], W1[1], sb)];
      guess = this.solveDL(p, target, guess);
      p.alphaS = guess[0];
      p.thetaP = guess[1];
      const leg = stanceLeg2(this.b, this.L, p.alphaS, p.kappa);
      hipY.push(leg.H[1]);
      shY.push(trunk2(this.b, leg.H, p).S[1]);
    }
    const hipRange = Math.max(...hipY) - hipY[0];
    const shRange = Math.max(...shY) - shY[0];
    if (!(hipRange > 0 && shRange > 0)) return 1;
    for (let i = 0; i <= n; i++) {
      if ((hipY[i] - hipY[0]) / hipRange >= 0.5) return (shY[i] - shY[0]) / shRange / 0.5;
    }
    return 1;
  }

  /** Sagittal foot length (heel to toe as seen side-on). */
  get footLen(): number {
    return (this.b.toeV[0] - this.b.heelV[0]) * cosd(this.L.toeOut);
  }

  /** Standing wrist (bar) forward position of a rep's top pose. */
  private barStart(rep: RepPlan): number {
    const top = this.topPose(rep, 0);
    return wrist2(this.b, this.L, { ...top, beta: this.solveBeta(top, 0, 0) }).W[0];
  }

  /**
   * Bar drift: how far past its clean bottom position (`cleanX`) the bar must sit so that it is
   * the fault's distance (cm) ahead of mid-foot.
   */
  driftExtra(rep: RepPlan, cleanX: number): number {
    const bd = rep.tgt['bar-drift'];
    if (bd === undefined) return 0;
    return Math.max(0, this.midfoot + bd / 100 - cleanX);
  }

  /** Hip flexion / knee flexion of a (sagittal) pose, as a side camera would measure it. */
  hingeRatio(p: Pose): number {
    const leg = stanceLeg2(this.b, this.L, p.alphaS, p.kappa);
    const tr = trunk2(this.b, leg.H, p);
    const ang = (a: V2, o: V2, c: V2) => {
      const u = [a[0] - o[0], a[1] - o[1]];
      const v = [c[0] - o[0], c[1] - o[1]];
      return Math.acos(clamp((u[0] * v[0] + u[1] * v[1]) / (Math.hypot(u[0], u[1]) * Math.hypot(v[0], v[1])), -1, 1)) / (Math.PI / 180);
    };
    const hipFlex = 180 - ang(tr.S, leg.H, leg.K);
    const kneeFlex = 180 - ang(leg.H, leg.K, leg.A);
    return kneeFlex > 1 ? hipFlex / kneeFlex : Infinity;
  }

  /** Head look-up (ear-shoulder line above the hip-shoulder line, deg) of a sagittal pose. */
  lookUpOf(p: Pose): number {
    const leg = stanceLeg2(this.b, this.L, p.alphaS, p.kappa);
    const tr = trunk2(this.b, leg.H, p);
    const incl = (a: V2, c: V2) => Math.atan2(c[0] - a[0], c[1] - a[1]) / (Math.PI / 180);
    return -(incl(tr.S, tr.ear) - incl(leg.H, tr.S));
  }

  /** The neck flexion that gives a pose the wanted look-up. */
  private neckForLookUp(p: Pose, look: number): number {
    let lo = -100;
    let hi = 80;
    for (let it = 0; it < 30; it++) {
      const mid = (lo + hi) / 2;
      // more neck flexion = head lower = less look-up
      if (this.lookUpOf({ ...p, neck: mid }) > look) lo = mid;
      else hi = mid;
    }
    return (lo + hi) / 2;
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
      let tf = S[0];
      if (w > 0) tf = lerp(S[0], this.L.single ? this.midfoot + 0.03 : this.barAim + drift, w);
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
    const d = rep && phase !== 'pre' ? rep.tgt : null;
    const leanW = d ? this.leanWeight(phase, tau) : 0;
    const top = this.topPose(phase === 'pre' ? null : rep, leanW);
    const bot = rep ? this.bottomPose(rep) : top;
    const p = zeroPose();
    p.elbow = st.elbow;
    // knee progress (hips-rise-first: the knees extend ahead of the bar)
    let sk = s;
    let sb = s;
    if (phase === 'rise' && rep && lift === 'deadlift') {
      const e = this.riseExponent(rep);
      const r = ease(tau);
      sk = Math.pow(1 - r, 1 + e);
      sb = 1 - Math.pow(r, 1 + 0.2 * e);
    }
    p.rho = lerp(top.rho, bot.rho, s);
    p.protract = lerp(0, bot.protract, s);
    p.neck = lerp(top.neck, bot.neck, Math.sqrt(s));
    p.headNod = lerp(top.headNod, bot.headNod, s);
    p.kappa = lerp(top.kappa, bot.kappa, sk);
    const drift = rep && d && d['bar-drift'] !== undefined ? this.rdlDrift(rep) * s : 0;
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
        let sol = this.solveDL(p, target, guess);
        // where the bar path has no solution the solver runs off (trunk flung back): follow the angles instead
        // (a hips-first rise legitimately inclines the trunk further and straightens the shins)
        if (!(sol[1] >= Math.min(top.thetaP, bot.thetaP) - 3 && sol[1] <= 100)) sol = guess;
        p.alphaS = sol[0];
        p.thetaP = sol[1];
      }
    } else {
      p.alphaS = lerp(top.alphaS, bot.alphaS, s);
      p.thetaP = lerp(top.thetaP, bot.thetaP, s);
      p.beta = this.solveBeta(p, s, drift);
    }
    if (this.L.single) this.singleLeg(p, t, s, top, bot, d, phase, rep);
    // weight shift: the planted foot pitches (+ heel up, - toes up) with the depth of the rep
    const ws = d ? d['weight-shift'] : undefined;
    if (ws !== undefined) p.footPitch = ws * s;
    return { pose: p, s };
  }

  private singleLeg(p: Pose, t: number, s: number, top: Pose, bot: Pose, d: Targets | null, phase: string, rep: RepPlan | null) {
    const st = this.st;
    const b = this.b;
    const L = this.L;
    p.kickGamma = lerp(top.kickGamma, bot.kickGamma, s);
    // free leg long behind, in line with the trunk at depth
    p.freeThigh = lerp(st.ft0, p.thetaP + st.fext, s);
    p.freeKnee = lerp(st.fk0, st.fk1, s);
    const phs = p.freeThigh + p.freeKnee;
    p.freePitch = phs + lerp(st.pl0, st.pl1, s);
    const hr = d ? d['hip-rotation'] : undefined;
    // pelvis rotation (deg) about the trunk axis: the fault's size, or the lifter's own small opening
    p.psi = (hr ?? st.psiNat) * Math.pow(s, 0.8);
    p.freeOut = hr === undefined ? 0 : clamp(hr, 0, 35) * s;
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
      const clear = b.ankleH + b.toeV[1] + 0.06 * b.H;
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
    const hCm = d['lost-balance'];
    if (hCm === undefined) return;
    // the free foot sinks toward the floor to hCm above it (0 = a touch-down); the lower it comes,
    // the more the lifter sways, and a touch-down (under 2 cm) also shifts the stance foot
    const lb = clamp(1 - hCm / 8, 0, 1);
    const env = Math.sin(Math.PI * clamp((t - rep.t0) / (rep.t4 - rep.t0), 0, 1));
    p.sway += 7 * lb * env * Math.sin(w * 1.3 * (t - rep.t0));
    p.swayPitch += 3 * lb * env * Math.sin(w * 0.9 * (t - rep.t0) + 1);
    const td0 = rep.t1 - 0.1;
    const td1 = Math.min(rep.t1 + 0.25 + 0.35 * lb, rep.t3 - 0.3);
    const ramp = 0.12;
    const wd = t < td0 || t > td1 + ramp ? 0 : Math.min(ease((t - td0) / ramp), 1 - ease((t - td1) / ramp));
    if (hCm < 2) {
      const shW = t < td0 ? 0 : t < rep.t3 ? ease((t - td0) / 0.2) : 1 - ease((t - rep.t3) / (0.6 * (rep.t4 - rep.t3)));
      p.shiftF = 0.03 * lb * shW;
      p.shiftL = -L.g * 0.05 * lb * shW;
    }
    if (wd > 0) {
      const floorToe = b.ankleH + b.toeV[1] + Math.max(0, hCm) / 100;
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
