/**
 * Rep-level measurements from the frame history: tempo, the bottom position,
 * the first part of the rise and the lockout. Faults are judged from these
 * numbers (faults/*.ts), so the same metrics go into the report.
 */
import { relativeSpread } from './plausible-body';
import { BONE_COLS, COL, type History } from './history';
import { depthFromAngles, type Segments } from './pose-depth';

export interface RepWindow {
  /** absolute history indices */
  start: number;
  /** deepest frame */
  bottom: number;
  /** last frame analysed (lockout or the newest frame) */
  end: number;
  /** frames after lockout kept for the lockout checks (end < lockoutEnd) */
  lockoutEnd: number;
  /** true once the rise has been seen (Bottom event) */
  rose: boolean;
  /** the recording began mid-rep: the lowering was not seen */
  cutStart?: boolean;
}

export interface RepMetrics {
  depth: number;
  /** descent time faster than 15% of its peak speed, ms (0.78 × the full time of a smooth, minimum-jerk lowering) */
  loweringMs: number;
  /** frames the lowering spans (a drop over one or two frames cannot be timed) */
  loweringFrames: number;
  bottomHoldMs: number;
  risingMs: number;
  trunkBottom: number;
  hipFlexBottom: number;
  kneeFlexBottom: number;
  /** hip flexion / knee flexion at the bottom */
  hingeRatio: number;
  shinBottom: number;
  /** head drop vs trunk (standing baseline removed), median over the bottom, deg */
  headDrop: number;
  /** head raised vs trunk while bent over (10th percentile of -neck), deg */
  headRaise: number;
  /** hip-shoulder/hip-knee at the bottom over its standing value */
  hsHkRel: number;
  /** hip-shoulder distance at the bottom over the standing trunk length */
  hsRel: number;
  dorsal: number;
  /** bar ahead of mid-foot while bent over, foot lengths (80th percentile) */
  barAhead: number;
  /**
   * forward drift of the bar (visibility-weighted wrists) at the bottom (median of the bottom
   * window) from where it hung when standing (the more forward of before the descent and after
   * lockout); a pull that opened the recording at the floor: on the way up (80th percentile)
   * from the floor, foot lengths
   */
  barDrift: number;
  /** hips' drop at the bottom: 1 - hip height / standing hip height (deadlift ~0.3+, RDL ~0.1) */
  hipDrop: number;
  /** free foot's lowest point above the stance foot's while bent over (min of a 3-frame median), shin lengths */
  freeToeMin: number;
  /** bar ahead of the leg axis while bent over, foot lengths (80th percentile) */
  barLeg: number;
  /** trunk inclination gained from the start of the rise to its peak in the first half of the rise, deg */
  trunkGain: number;
  /** shoulder share of the rise when the hips have done half of theirs (1 = together, 0 = hips first) */
  riseSync: number;
  /** most backward trunk inclination around lockout, deg (negative = behind vertical) */
  lockoutTrunkMin: number;
  kneeBottom: number;
  /** single-leg lifts: the stance knee's 3D angle at the bottom from the world landmarks (median), deg */
  kneeBottomWorld: number;
  /** max pelvis tilt (free side up) while bent over, deg */
  hipTiltMax: number;
  /** pelvis tilt (free side up) at the bottom (median of the bottom window: robust to jitter), deg */
  hipTilt: number;
  /** free foot lowest height during the lowering/bottom/rise, shin lengths */
  freeFootMin: number;
  /** max stance-foot shift during the rep, foot lengths */
  stanceShift: number;
  /** the planted foot's largest pitch away from standing while bent over (3-frame median), deg: + heel up, − toes up */
  footPitch: number;
  /** mean visibilities over the bottom window */
  visTrunk: number;
  visLeg: number;
  visHead: number;
  visWrist: number;
  /** mean visibility of the feet while bent over */
  visFeet: number;
  /** frames in the bottom window */
  bottomFrames: number;
  /** measured depth minus the depth the bottom's angles allow (pose-depth.ts) */
  depthGap: number;
  /** the steadiest of the shins' and upper arms' relative spread in length over the rep (plausible-body.ts) */
  boneSpread: number;
  /** share of the rep's frames with both legs under the body (plausible-body.ts) */
  legsUnder: number;
  /** the longest stretch of the rep with no usable person in view, ms */
  maxGapMs: number;
}

function col(h: History, c: number, a: number, b: number, out: number[]): number[] {
  out.length = 0;
  for (let i = a; i <= b; i++) {
    const v = h.get(i, c);
    if (Number.isFinite(v)) out.push(v);
  }
  return out;
}

function med(a: number[]): number {
  if (a.length === 0) return NaN;
  a.sort((x, y) => x - y);
  const m = a.length >> 1;
  return a.length % 2 ? a[m] : (a[m - 1] + a[m]) / 2;
}

function pct(a: number[], p: number): number {
  if (a.length === 0) return NaN;
  a.sort((x, y) => x - y);
  const r = (p / 100) * (a.length - 1);
  const lo = Math.floor(r);
  const hi = Math.ceil(r);
  return a[lo] + (a[hi] - a[lo]) * (r - lo);
}

function mean(a: number[]): number {
  if (a.length === 0) return NaN;
  let s = 0;
  for (const v of a) s += v;
  return s / a.length;
}

const scratch: number[] = [];

/** The value furthest from 0 of column c's 3-frame running median over [a, b] (single-frame glitches do not count). */
function extremeMedian3(h: History, c: number, a: number, b: number): number {
  let best = NaN;
  for (let i = a + 1; i < b; i++) {
    const x = h.get(i - 1, c);
    const y = h.get(i, c);
    const z = h.get(i + 1, c);
    if (!(Number.isFinite(x) && Number.isFinite(y) && Number.isFinite(z))) continue;
    const m3 = Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
    if (!(Math.abs(m3) <= Math.abs(best))) best = m3;
  }
  return best;
}

/**
 * Zero-lag height: centred mean over ±35 ms of the unsmoothed column (the smoothed one lags a
 * fast hip drive; at 15 fps this is the frame itself, at 60 fps ±2 frames).
 */
function zeroLag(h: History, raw: number, smooth: number, i: number, lo: number, hi: number): number {
  let sum = 0;
  let n = 0;
  const ti = h.get(i, COL.t);
  for (let k = Math.max(lo, i - 3); k <= Math.min(hi, i + 3); k++) {
    if (Math.abs(h.get(k, COL.t) - ti) > 35) continue;
    const v = h.get(k, raw);
    if (Number.isFinite(v)) {
      sum += v;
      n++;
    }
  }
  return n ? sum / n : h.get(i, smooth);
}

/**
 * Shoulders' share of their rise at the moment the hips have done half of
 * theirs (1 = together, 0 = hips first), from `rs` (rise start) to `hi`;
 * the shoulders' start is their lowest point up to `b1`.
 */
function riseSyncOf(h: History, rs: number, b1: number, hi: number): number {
  const n = hi - rs + 1;
  if (n < 3) return NaN;
  const lo = Math.max(h.oldest, rs - 2);
  const hy = new Float64Array(n);
  const sy = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    hy[i] = zeroLag(h, COL.rawHipY, COL.hipY, rs + i, lo, hi);
    sy[i] = zeroLag(h, COL.rawShY, COL.shY, rs + i, lo, hi);
  }
  const hip0 = hy[0];
  let sh0 = -Infinity;
  for (let i = 0; i <= Math.max(0, b1 - rs); i++) if (sy[i] > sh0) sh0 = sy[i];
  let hipTop = Infinity;
  let shTop = Infinity;
  for (let i = 0; i < n; i++) {
    if (hy[i] < hipTop) hipTop = hy[i];
    if (sy[i] < shTop) shTop = sy[i];
  }
  const hipRange = hip0 - hipTop;
  const shRange = sh0 - shTop;
  if (!(hipRange > 0 && shRange > 0)) return NaN;
  for (let i = 0; i < n; i++) {
    if ((hip0 - hy[i]) / hipRange >= 0.5) {
      // interpolate the crossing between frames (coarse frame rates)
      if (i > 0) {
        const f0 = (hip0 - hy[i - 1]) / hipRange;
        const f1 = (hip0 - hy[i]) / hipRange;
        const k = f1 > f0 ? (0.5 - f0) / (f1 - f0) : 1;
        const shAt = sy[i - 1] + (sy[i] - sy[i - 1]) * k;
        return (sh0 - shAt) / shRange / 0.5;
      }
      return (sh0 - sy[i]) / shRange / 0.5;
    }
  }
  return NaN;
}

/** The longest time between two consecutive rows in [a, b] (rows are written only while a person is seen), ms. */
function longestGap(h: History, a: number, b: number): number {
  let g = 0;
  for (let i = a + 1; i <= b; i++) g = Math.max(g, h.get(i, COL.t) - h.get(i - 1, COL.t));
  return g;
}

/** Column c over the standing frames (depth < `maxDepth`) just before index `before`, covering at most `spanMs`. */
function standingBefore(h: History, c: number, before: number, spanMs: number, out: number[], maxDepth = 0.06): number[] {
  out.length = 0;
  let newest = NaN;
  for (let i = before - 1; i >= h.oldest && !(newest - h.get(i, COL.t) >= spanMs); i--) {
    if (h.get(i, COL.depth) < maxDepth) {
      const v = h.get(i, c);
      if (Number.isFinite(v)) {
        if (!out.length) newest = h.get(i, COL.t);
        out.push(v);
      }
    } else if (out.length) break;
  }
  return out;
}

/** Column c over the standing frames (depth < `maxDepth`) from `from` to `to`. */
function standingIn(h: History, c: number, from: number, to: number, out: number[], maxDepth = 0.06): number[] {
  out.length = 0;
  for (let i = from; i <= to; i++) {
    if (h.get(i, COL.depth) < maxDepth) {
      const v = h.get(i, c);
      if (Number.isFinite(v)) out.push(v);
    }
  }
  return out;
}

/**
 * Rep metrics from the history rows of window `w`. `standHsHk`: the calibrated
 * trunk/thigh ratio; `foot`: the calibrated foot length (frame-height units);
 * `standTrunk`: the calibrated standing trunk inclination (deg).
 */
export function computeRepMetrics(
  h: History,
  w: RepWindow,
  bottomBand: number,
  standHsHk: number,
  foot = NaN,
  standTrunk = NaN,
  segments: Segments | null = null,
): RepMetrics {
  const lo = Math.max(w.start, h.oldest);
  const hi = w.end;
  const peak = h.get(w.bottom, COL.depth);
  // bottom window: contiguous frames around the deepest point within `bottomBand`
  let b0 = w.bottom;
  while (b0 - 1 >= lo && h.get(b0 - 1, COL.depth) >= peak - bottomBand) b0--;
  let b1 = w.bottom;
  while (b1 + 1 <= hi && h.get(b1 + 1, COL.depth) >= peak - bottomBand) b1++;
  const t = (i: number) => h.get(i, COL.t);
  // lowering: the part of the descent moving faster than 15% of its peak speed (a slow settle
  // or a lockout lean unwinding before it, and the slow arrival at the bottom, are left out;
  // a minimum-jerk lowering of T s measures 0.78·T; an RDL lowers the shoulders slowly at first and
  // measures ~0.6·T). The depth is the progress signal in every view, so one threshold fits all.
  let lowStart = lo;
  let lowEnd = lo;
  {
    // speed over about ±60 ms (at least ±1 frame): frame-to-frame differences are mostly jitter at high frame rates
    const sig = COL.depth;
    const v = (i: number) => {
      let a = Math.max(lo, i - 1);
      while (a > lo && t(i) - t(a) < 60) a--;
      let b = Math.min(w.bottom, i + 1);
      while (b < w.bottom && t(b) - t(i) < 60) b++;
      const dt = t(b) - t(a);
      return dt > 0 ? (h.get(b, sig) - h.get(a, sig)) / dt : NaN;
    };
    let ipk = lo;
    let vmax = 0;
    for (let i = lo; i <= w.bottom; i++) {
      const vi = v(i);
      if (vi > vmax) {
        vmax = vi;
        ipk = i;
      }
    }
    lowStart = ipk;
    while (lowStart > lo && v(lowStart - 1) > 0.15 * vmax) lowStart--;
    lowEnd = ipk;
    while (lowEnd < w.bottom && v(lowEnd + 1) > 0.15 * vmax) lowEnd++;
    // a jump between two frames (a landmark glitch) is not a descent: the fast part must cover most of it
    const d0 = h.get(lo, sig);
    const d1 = peak;
    if (!(h.get(lowEnd, sig) - h.get(lowStart, sig) >= 0.6 * (d1 - d0)) || lowEnd - lowStart < 2) {
      lowStart = lo;
      lowEnd = b0;
    }
  }
  const s = scratch;
  const trunkBottom = med(col(h, COL.trunk, b0, b1, s));
  const hipB = med(col(h, COL.hip, b0, b1, s));
  const kneeB = med(col(h, COL.knee, b0, b1, s));
  const hipFlex = 180 - hipB;
  const kneeFlex = 180 - kneeB;

  // bent-over frames: deeper than half the rep
  let bentLo = lo;
  while (bentLo < hi && h.get(bentLo, COL.depth) < peak * 0.5) bentLo++;
  let bentHi = hi;
  while (bentHi > lo && h.get(bentHi, COL.depth) < peak * 0.5) bentHi--;

  // the first half of the rise: from the end of the bottom window until the depth is half of the peak
  let r1 = b1;
  while (r1 + 1 <= hi && h.get(r1 + 1, COL.depth) > peak * 0.5) r1++;
  let trunkGain = NaN;
  let riseSync = NaN;
  if (w.rose && r1 > b1) {
    let ts = b1;
    while (ts > b0 && t(b1) - t(ts - 1) <= 100) ts--;
    const trunkStart = med(col(h, COL.trunk, ts, b1, s));
    let tmax = -Infinity;
    for (let i = b1; i <= r1; i++) tmax = Math.max(tmax, h.get(i, COL.trunk));
    trunkGain = tmax - trunkStart;
    // rise sync: hips vs shoulders from the lowest hips in the bottom window to the end of the rep
    // (a hips-first rise starts inside the bottom window: the shoulders, which set the depth, stay down).
    // A pull that opened the recording at the floor: its bottom window holds the set-up (hips sink and
    // rise into the start position), so the rise is taken from the end of the window.
    let rs = b0;
    for (let i = b0; i <= b1; i++) if (h.get(i, COL.hipY) > h.get(rs, COL.hipY)) rs = i;
    if (w.cutStart) rs = b1;
    riseSync = riseSyncOf(h, rs, b1, hi);
  }

  // lockout: the end of the rise and the frames kept after it
  let lockoutTrunkMin = NaN;
  if (w.lockoutEnd > w.end) {
    let m = Infinity;
    for (let i = w.end; i <= w.lockoutEnd; i++) m = Math.min(m, h.get(i, COL.trunk));
    lockoutTrunkMin = m;
  }

  let hipTiltMax = NaN;
  let freeFootMin = NaN;
  let stanceShift = NaN;
  for (let i = bentLo; i <= bentHi; i++) {
    const tilt = h.get(i, COL.hipTilt);
    if (Number.isFinite(tilt)) hipTiltMax = Number.isFinite(hipTiltMax) ? Math.max(hipTiltMax, tilt) : tilt;
    const ff = h.get(i, COL.freeFoot);
    if (Number.isFinite(ff)) freeFootMin = Number.isFinite(freeFootMin) ? Math.min(freeFootMin, ff) : ff;
  }
  for (let i = lo; i <= hi; i++) {
    const sx = Math.abs(h.get(i, COL.stanceX));
    if (Number.isFinite(sx)) stanceShift = Number.isFinite(stanceShift) ? Math.max(stanceShift, sx) : sx;
  }

  const neckBent = col(h, COL.neck, bentLo, bentHi, []);
  const hipTilt = med(col(h, COL.hipTilt, b0, b1, s));

  // where the bar started: hanging at arm's length just before the descent (else after lockout);
  // a pull that opened the recording at the floor starts at the floor, so its drift is measured on the way up
  const ref: number[] = [];
  let barRef = NaN;
  let dFrom = bentLo;
  if (w.cutStart) {
    barRef = med(col(h, COL.barX, b0, b1, ref));
    dFrom = b1;
  } else {
    // before the descent and after lockout, standing upright (trunk within 4° of the calibrated
    // standing trunk: the hands move forward as soon as the hinge starts, and back in a lean);
    // the more forward of the two (a lifter who stands empty-handed before picking the weight up
    // holds the hands further back than the bar hangs)
    const upright = (i: number) => h.get(i, COL.depth) < 0.03 && (!Number.isFinite(standTrunk) || Math.abs(h.get(i, COL.trunk) - standTrunk) < 4);
    ref.length = 0;
    // up to 3 s back, half a second of upright frames (times, not frame counts: any frame rate alike)
    let refT0 = NaN;
    for (let i = lowStart - 1; i >= h.oldest && t(lowStart) - t(i) <= 3000 && !(refT0 - t(i) >= 500); i--) {
      if (upright(i)) {
        if (!ref.length) refT0 = t(i);
        ref.push(h.get(i, COL.barX));
      }
      else if (ref.length && h.get(i, COL.depth) >= 0.03) break;
    }
    // two upright frames will do: at 5–10 fps live a short pause at the top has only a few
    const pre = ref.length >= 2 ? med(ref) : NaN;
    ref.length = 0;
    for (let i = w.end; i <= w.lockoutEnd; i++) if (upright(i)) ref.push(h.get(i, COL.barX));
    const post = ref.length >= 2 ? med(ref) : NaN;
    barRef = Number.isFinite(pre) && Number.isFinite(post) ? Math.max(pre, post) : Number.isFinite(pre) ? pre : post;
  }
  // at the bottom (median of the bottom window); for a pull from the floor, the way up (80th percentile)
  const barBent = w.cutStart ? pct(col(h, COL.barX, dFrom, Math.max(dFrom, bentHi), s), 80) : med(col(h, COL.barX, b0, b1, s));
  const barDrift = (barBent - barRef) / foot;
  // hip height at the bottom against standing
  standingBefore(h, COL.hipH, lo, 500, ref);
  if (ref.length < 3) standingIn(h, COL.hipH, w.end, w.lockoutEnd, ref);
  const hipStand = ref.length >= 3 ? med(ref) : NaN;
  const hipDrop = 1 - med(col(h, COL.hipH, b0, b1, s)) / hipStand;
  // free foot down: 3-frame median against single-frame jitter, then the lowest
  let freeToeMin = NaN;
  for (let i = bentLo + 1; i < bentHi; i++) {
    const a = h.get(i - 1, COL.freeToe);
    const b = h.get(i, COL.freeToe);
    const c = h.get(i + 1, COL.freeToe);
    if (!(Number.isFinite(a) && Number.isFinite(b) && Number.isFinite(c))) continue;
    const m3 = Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    if (!(m3 >= freeToeMin)) freeToeMin = m3;
  }
  const barAhead = pct(col(h, COL.bar, bentLo, bentHi, s), 80);
  const footPitch = extremeMedian3(h, COL.footPitch, bentLo, bentHi);
  const hsHkB = med(col(h, COL.hsHk, b0, b1, s));

  return {
    depth: peak,
    loweringMs: w.cutStart ? NaN : t(lowEnd) - t(lowStart),
    loweringFrames: w.cutStart ? 0 : lowEnd - lowStart,
    bottomHoldMs: t(b1) - t(b0),
    risingMs: w.rose ? t(hi) - t(b1) : NaN,
    trunkBottom,
    hipFlexBottom: hipFlex,
    kneeFlexBottom: kneeFlex,
    hingeRatio: kneeFlex > 1 ? hipFlex / kneeFlex : Infinity,
    shinBottom: med(col(h, COL.shin, b0, b1, s)),
    headDrop: med(col(h, COL.neck, b0, b1, s)),
    headRaise: neckBent.length ? -pct(neckBent, 10) : NaN,
    hsHkRel: hsHkB / standHsHk,
    hsRel: med(col(h, COL.hsTrunk, b0, b1, s)),
    dorsal: med(col(h, COL.dorsal, b0, b1, s)),
    barAhead,
    barDrift,
    hipDrop,
    freeToeMin,
    barLeg: pct(col(h, COL.barLeg, bentLo, bentHi, s), 80),
    trunkGain,
    riseSync,
    lockoutTrunkMin,
    kneeBottom: kneeB,
    kneeBottomWorld: med(col(h, COL.kneeW, b0, b1, s)),
    hipTiltMax,
    hipTilt,
    freeFootMin,
    stanceShift,
    visTrunk: mean(col(h, COL.visTrunk, b0, b1, s)),
    visLeg: mean(col(h, COL.visLeg, b0, b1, s)),
    visHead: mean(col(h, COL.visHead, b0, b1, s)),
    visWrist: mean(col(h, COL.visWrist, b0, b1, s)),
    visFeet: mean(col(h, COL.visFeet, bentLo, bentHi, s)),
    footPitch,
    bottomFrames: b1 - b0 + 1,
    maxGapMs: longestGap(h, lo, hi),
    boneSpread: Math.min(...BONE_COLS.map((c) => relativeSpread(col(h, c, lo, hi, s)))),
    legsUnder: mean(col(h, COL.legsUnder, lo, hi, s)),
    depthGap: segments ? peak - depthFromAngles(trunkBottom, kneeB, med(col(h, COL.shin, b0, b1, s)), segments) : NaN,
  };
}
