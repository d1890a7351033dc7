/**
 * Ground truth measured back from the rendered (noise-free) body: each rep's
 * fault sizes in physical units (physical.ts), whatever was requested. A
 * request the kinematics cannot reach exactly (a solver limit, a rounding that
 * also drops the head) is recorded as what the body actually did.
 */
import type { FaultId, Lift } from '../types';
import { type Body, type Layout, type V3, fk, lmIndex } from './body';
import type { RepPlan, Script } from './motion';

const R2D = 180 / Math.PI;
const mid = (a: V3, b: V3): V3 => [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2, (a[2] + b[2]) / 2];
/** Angle at b (deg), 3D. */
function angle3(a: V3, b: V3, c: V3): number {
  const u = [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
  const v = [c[0] - b[0], c[1] - b[1], c[2] - b[2]];
  const d = u[0] * v[0] + u[1] * v[1] + u[2] * v[2];
  return Math.acos(Math.max(-1, Math.min(1, d / (Math.hypot(u[0], u[1], u[2]) * Math.hypot(v[0], v[1], v[2]))))) * R2D;
}
/** Inclination of a → c from vertical in the sagittal plane, deg (+ = forward). */
const incl = (a: V3, c: V3) => Math.atan2(c[0] - a[0], c[1] - a[1]) * R2D;

export interface RepDetail {
  /** planted-foot pitch at its largest, signed: + heel up (on the toes), - toes up (deg) */
  footPitchDeg: number;
  /** heel landmark's largest rise above its standing height (cm) */
  heelRiseCm: number;
  /** toe landmark's largest rise above its standing height (cm) */
  toeRiseCm: number;
}

export interface Measured {
  magnitudes: Partial<Record<FaultId, number>>;
  detail: RepDetail;
}

/** The body's own clean reference: standing (t = 0) landmarks. */
export function standing(script: Script, b: Body, L: Layout) {
  return fk(b, L, script.poseAt(0).pose).pts;
}

/** Measure every applicable fault of one rep from the body (faults: those that apply to the lift). */
export function measureRep(script: Script, b: Body, L: Layout, lift: Lift, rep: RepPlan, faults: readonly FaultId[], stand: V3[]): Measured {
  const g = L.single ? L.g : 1;
  const st = (part: Parameters<typeof lmIndex>[1]) => lmIndex(g, part);
  const tb = (rep.t1 + rep.t2) / 2;
  const at = (t: number) => {
    const { pose } = script.poseAt(t);
    return { pose, pts: fk(b, L, pose).pts };
  };
  const bot = at(tb);
  const P = bot.pts;
  const out: Partial<Record<FaultId, number>> = {};
  const want = new Set(faults);
  const sample = (t0: number, t1: number, hz: number, fn: (pts: V3[], t: number) => void) => {
    const n = Math.max(2, Math.ceil((t1 - t0) * hz));
    for (let i = 0; i <= n; i++) {
      const t = t0 + ((t1 - t0) * i) / n;
      fn(at(t).pts, t);
    }
  };

  if (want.has('rounded-back')) out['rounded-back'] = bot.pose.rho;
  if (want.has('bar-drift')) {
    const midfoot = L.single
      ? (stand[st('heel')][0] + stand[st('toe')][0]) / 2
      : (stand[29][0] + stand[31][0] + stand[30][0] + stand[32][0]) / 4;
    out['bar-drift'] = ((P[15][0] + P[16][0]) / 2 - midfoot) * 100;
  }
  if (want.has('hips-back')) {
    if (lift === 'deadlift') {
      const S = mid(P[11], P[12]);
      const H = mid(P[23], P[24]);
      const K = mid(P[25], P[26]);
      const A = mid(P[27], P[28]);
      const hip = 180 - angle3(S, H, K);
      const knee = 180 - angle3(H, K, A);
      out['hips-back'] = knee > 1 ? hip / knee : 10;
    } else {
      const A = L.single ? P[st('ankle')] : mid(P[27], P[28]);
      const K = L.single ? P[st('knee')] : mid(P[25], P[26]);
      out['hips-back'] = incl(A, K);
    }
  }
  if (want.has('hips-rise-first')) {
    const hy: number[] = [];
    const sy: number[] = [];
    sample(rep.t2, rep.t3, 40, (pts) => {
      hy.push((pts[23][1] + pts[24][1]) / 2);
      sy.push((pts[11][1] + pts[12][1]) / 2);
    });
    const hr = Math.max(...hy) - hy[0];
    const sr = Math.max(...sy) - sy[0];
    let share = 1;
    if (hr > 0 && sr > 0) {
      for (let i = 1; i < hy.length; i++) {
        const p1 = (hy[i] - hy[0]) / hr;
        if (p1 >= 0.5) {
          const p0 = (hy[i - 1] - hy[0]) / hr;
          const f = p1 > p0 ? (0.5 - p0) / (p1 - p0) : 1;
          const sh = sy[i - 1] + f * (sy[i] - sy[i - 1]);
          share = (sh - sy[0]) / sr / 0.5;
          break;
        }
      }
    }
    out['hips-rise-first'] = share;
  }
  if (want.has('lockout-lean')) {
    let worst = -Infinity;
    sample(rep.t2 + 0.6 * (rep.t3 - rep.t2), rep.t4, 20, (pts) => {
      worst = Math.max(worst, -incl(mid(pts[23], pts[24]), mid(pts[11], pts[12])));
    });
    out['lockout-lean'] = worst;
  }
  if (want.has('neck-extension')) {
    const look = (pts: V3[]) => {
      const H = mid(pts[23], pts[24]);
      const S = mid(pts[11], pts[12]);
      const E = mid(pts[7], pts[8]);
      return -(incl(S, E) - incl(H, S));
    };
    out['neck-extension'] = look(P) - look(stand);
  }
  if (want.has('locked-knees')) out['locked-knees'] = angle3(P[st('hip')], P[st('knee')], P[st('ankle')]);
  if (want.has('fast-lowering')) out['fast-lowering'] = (rep.t1 - rep.t0) * 1000;
  if (want.has('hip-rotation')) out['hip-rotation'] = bot.pose.psi;
  if (want.has('lost-balance') && L.single) {
    const fs = -L.g;
    const toeFlat = b.ankleH + b.toeV[1];
    const heelFlat = b.ankleH + b.heelV[1];
    let low = Infinity;
    sample(rep.t0, rep.t3, 20, (pts) => {
      low = Math.min(low, pts[lmIndex(fs, 'toe')][1] - toeFlat, pts[lmIndex(fs, 'heel')][1] - heelFlat);
    });
    out['lost-balance'] = low * 100;
  }
  const detail: RepDetail = { footPitchDeg: 0, heelRiseCm: 0, toeRiseCm: 0 };
  if (want.has('weight-shift')) {
    const pitch = (pts: V3[]) => Math.atan2(pts[st('heel')][1] - pts[st('toe')][1], pts[st('toe')][0] - pts[st('heel')][0]) * R2D;
    const p0 = pitch(stand);
    // the pitch follows the depth: its peak is in the bottom hold
    sample(rep.t0, rep.t3, 8, (pts) => {
      const dp = pitch(pts) - p0;
      if (Math.abs(dp) > Math.abs(detail.footPitchDeg)) detail.footPitchDeg = dp;
      detail.heelRiseCm = Math.max(detail.heelRiseCm, (pts[st('heel')][1] - stand[st('heel')][1]) * 100);
      detail.toeRiseCm = Math.max(detail.toeRiseCm, (pts[st('toe')][1] - stand[st('toe')][1]) * 100);
    });
    out['weight-shift'] = Math.abs(detail.footPitchDeg);
  }
  return { magnitudes: out, detail };
}
