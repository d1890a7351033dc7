/**
 * Rep-level measurements from the frame history: tempo, the bottom position,
 * the first part of the rise and the lockout. Faults are judged from these
 * numbers (faults/*.ts), so the same metrics go into the report.
 */
import { COL, type History } from './history';

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
  loweringMs: number;
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
  /** forward drift of the bar while bent over, relative to where it hung when standing, foot lengths */
  barDrift: number;
  /** bar ahead of the leg axis while bent over, foot lengths (80th percentile) */
  barLeg: number;
  /** trunk inclination gained from the start of the rise to its peak in the first half of the rise, deg */
  trunkGain: number;
  /** shoulder share of the rise when the hips have done half of theirs (1 = together, 0 = hips first) */
  riseSync: number;
  /** most backward trunk inclination around lockout, deg (negative = behind vertical) */
  lockoutTrunkMin: number;
  kneeBottom: number;
  /** max pelvis tilt (free side up) over the rep, deg */
  hipTiltMax: number;
  /** free foot lowest height during the lowering/bottom/rise, shin lengths */
  freeFootMin: number;
  /** max stance-foot shift during the rep, foot lengths */
  stanceShift: number;
  /** mean visibilities over the bottom window */
  visTrunk: number;
  visLeg: number;
  visHead: number;
  visWrist: number;
  /** frames in the bottom window */
  bottomFrames: number;
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

export function computeRepMetrics(h: History, w: RepWindow, bottomBand: number, standHsHk: number): RepMetrics {
  const lo = Math.max(w.start, h.oldest);
  const hi = w.end;
  const peak = h.get(w.bottom, COL.depth);
  // bottom window: contiguous frames around the deepest point within `bottomBand`
  let b0 = w.bottom;
  while (b0 - 1 >= lo && h.get(b0 - 1, COL.depth) >= peak - bottomBand) b0--;
  let b1 = w.bottom;
  while (b1 + 1 <= hi && h.get(b1 + 1, COL.depth) >= peak - bottomBand) b1++;
  const t = (i: number) => h.get(i, COL.t);

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
    const trunkStart = med(col(h, COL.trunk, Math.max(b0, b1 - 3), b1, s));
    let tmax = -Infinity;
    for (let i = b1; i <= r1; i++) tmax = Math.max(tmax, h.get(i, COL.trunk));
    trunkGain = tmax - trunkStart;
    // rise sync: hips vs shoulders from the bottom to the end of the rep
    const hip0 = h.get(b1, COL.hipY);
    const sh0 = h.get(b1, COL.shY);
    let hipTop = Infinity;
    let shTop = Infinity;
    for (let i = b1; i <= hi; i++) {
      hipTop = Math.min(hipTop, h.get(i, COL.hipY));
      shTop = Math.min(shTop, h.get(i, COL.shY));
    }
    const hipRange = hip0 - hipTop;
    const shRange = sh0 - shTop;
    if (hipRange > 0 && shRange > 0) {
      for (let i = b1; i <= hi; i++) {
        if ((hip0 - h.get(i, COL.hipY)) / hipRange >= 0.5) {
          riseSync = (sh0 - h.get(i, COL.shY)) / shRange / 0.5;
          break;
        }
      }
    }
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

  // the bar's standing position (arms hanging with the weight): the frames after lockout, else just before the descent
  const standBar: number[] = [];
  for (let i = w.end; i <= w.lockoutEnd; i++) {
    if (h.get(i, COL.depth) < 0.06) {
      const v = h.get(i, COL.bar);
      if (Number.isFinite(v)) standBar.push(v);
    }
  }
  if (standBar.length < 3) {
    standBar.length = 0;
    for (let i = lo - 1; i >= h.oldest && standBar.length < 15; i--) {
      if (h.get(i, COL.depth) < 0.06) {
        const v = h.get(i, COL.bar);
        if (Number.isFinite(v)) standBar.push(v);
      } else if (standBar.length) break;
    }
  }
  const barBent = pct(col(h, COL.bar, bentLo, bentHi, s), 80);
  const barDrift = standBar.length >= 3 ? barBent - med(standBar) : NaN;
  const hsHkB = med(col(h, COL.hsHk, b0, b1, s));

  return {
    depth: peak,
    loweringMs: w.cutStart ? NaN : t(b0) - t(lo),
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
    barAhead: barBent,
    barDrift,
    barLeg: pct(col(h, COL.barLeg, bentLo, bentHi, s), 80),
    trunkGain,
    riseSync,
    lockoutTrunkMin,
    kneeBottom: kneeB,
    hipTiltMax,
    freeFootMin,
    stanceShift,
    visTrunk: mean(col(h, COL.visTrunk, b0, b1, s)),
    visLeg: mean(col(h, COL.visLeg, b0, b1, s)),
    visHead: mean(col(h, COL.visHead, b0, b1, s)),
    visWrist: mean(col(h, COL.visWrist, b0, b1, s)),
    bottomFrames: b1 - b0 + 1,
  };
}
