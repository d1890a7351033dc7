/**
 * Accuracy on the shared real clips, scored honestly: the thresholds that are
 * fitted to data are fitted on the other sources' clips and scored on the
 * held-out source (leave-one-source-out), so no figure here is scored on the
 * clips it was fitted to. Pure functions over analyzer reports; the bench
 * (scripts/bench-accuracy.ts) loads the recordings and prints the tables.
 */
import { LIFT_FAULTS } from '../src/analysis/faults';
import { DEFAULT_THRESHOLDS, type Thresholds } from '../src/analysis/thresholds';
import { FAULT_IDS, LIFTS, type FaultEvidence, type FaultId, type Lift, type SetReport } from '../src/analysis/types';

/** Faults a coach must not put on a good lift: the safety-order head of FAULTS.md. */
export const MAJOR_FAULTS: readonly FaultId[] = ['rounded-back', 'bar-drift', 'hips-back', 'hips-rise-first', 'hip-rotation', 'weight-shift'];

/**
 * The thresholds fitted to the shared clips, one per metric (hips-back is a
 * hip/knee flexion ratio on a deadlift and a shin tilt on the RDL family);
 * every other threshold comes from a stated source in thresholds.ts.
 */
export interface FitSpec {
  id: FaultId;
  key: keyof Thresholds;
  lifts: readonly Lift[];
  /** a lower value is the fault */
  lower: boolean;
  /**
   * The coaching line in the threshold's unit (src/analysis/synthetic/README.md gives each
   * line's source): a fit may be looser than it (landmark noise), never stricter, since a cut
   * that flags what the line calls fine only says how little the training lifters erred.
   */
  line?: number;
}
export const FITS: readonly FitSpec[] = [
  // a unitless proxy score: no physical line to bound it
  { id: 'rounded-back', key: 'roundedScore', lifts: LIFTS, lower: false },
  { id: 'hips-back', key: 'hipsBackMinRatio', lifts: ['deadlift'], lower: true, line: 1 },
  { id: 'hips-back', key: 'hipsBackRdlShinDeg', lifts: ['rdl', 'sl-rdl', 'kickstand-rdl'], lower: false, line: 10 },
  // riseSync is the shoulders' share over the hips' (0.5): not the line's unit, so no bound
  { id: 'hips-rise-first', key: 'hipsRiseSync', lifts: ['deadlift'], lower: true },
  { id: 'weight-shift', key: 'weightShiftFootDeg', lifts: LIFTS, lower: false, line: 5 },
  // 5 cm on a 24 cm foot
  { id: 'bar-drift', key: 'barDriftFootLengths', lifts: ['deadlift', 'rdl'], lower: false, line: 5 / 24 },
  { id: 'lockout-lean', key: 'lockoutLeanDeg', lifts: ['deadlift', 'rdl'], lower: false, line: 10 },
  { id: 'neck-extension', key: 'neckExtensionDeg', lifts: LIFTS, lower: false, line: 30 },
];
const specFor = (id: FaultId, lift: Lift) => FITS.find((f) => f.id === id && f.lifts.includes(lift)) ?? null;

/** Training good clips may be flagged at most this often by a fitted threshold (a coach that is wrong is worse than none). */
export const MAX_TRAINING_FALSE_RATE = 0.1;

export interface LabelledClip {
  /** path under ../shared/footage */
  file: string;
  /** the source folder: the unit left out in turn */
  source: string;
  lift: Lift;
  view: string;
  /** labels.csv "expected": 'good', 'bad', 'other', 'unknown' or fault ids */
  expected: string;
  reps: number | null;
  report: SetReport;
}

export const isGood = (c: LabelledClip): boolean => c.expected === 'good';
export const faultLabels = (c: LabelledClip): FaultId[] =>
  c.expected.split(';').filter((x): x is FaultId => (FAULT_IDS as readonly string[]).includes(x));
const applies = (c: LabelledClip, id: FaultId) => LIFT_FAULTS[c.lift].includes(id);

/**
 * A check's value on a rep as a multiple of the threshold it was compared
 * with (so per-rep threshold adjustments, e.g. for proportions, carry over);
 * NaN when the check gave no verdict on the rep or a gate held it back.
 */
export function relativeValue(e: FaultEvidence, lower: boolean): number {
  if (!Number.isFinite(e.value) || !(e.threshold > 0)) return NaN;
  const r = e.value / e.threshold;
  const past = lower ? r < 1 : r > 1;
  // past the threshold but not flagged: a gate (e.g. hips-back needs a bent knee) ruled the rep out
  return past && !e.active ? NaN : r;
}

/** The clip's worst rep for a check (relative value), NaN when no rep was judged. */
export function clipValue(report: SetReport, id: FaultId, lower: boolean): number {
  let worst = NaN;
  for (const rep of report.reps) {
    for (const e of rep.evidence) {
      if (e.id !== id) continue;
      const v = relativeValue(e, lower);
      if (Number.isFinite(v) && (!Number.isFinite(worst) || (lower ? v < worst : v > worst))) worst = v;
    }
  }
  return worst;
}

/** Direction of a check on a clip: the fitted spec's, else the side an active verdict sat on (higher by default). */
function lowerFor(c: LabelledClip, id: FaultId): boolean {
  const spec = specFor(id, c.lift);
  if (spec) return spec.lower;
  return c.report.reps.some((r) => r.evidence.some((e) => e.id === id && e.active && e.value < e.threshold));
}

const flags = (v: number, k: number, lower: boolean) => Number.isFinite(v) && (lower ? v < k : v > k);

export interface Fit {
  /** the threshold as a multiple of the default */
  k: number;
  /** 'line': the fit came out stricter than the coaching line, so the line stands */
  how: 'fit' | 'noise-floor' | 'prior' | 'line';
}

/**
 * Fit one threshold on training clips: among the cuts that flag at most
 * MAX_TRAINING_FALSE_RATE of the good clips, the one that finds the most
 * clips labelled with the fault, then flags the fewest good ones; among
 * equally good cuts, the middle of the gap they span (the widest margin both ways). With no labelled fault in the
 * training set, the cut sits 10% past the most extreme good clip (a
 * noise-floor fit: nothing the training lifters did well is flagged); with no
 * good clip either, the default stays. `lineK`, the coaching line as a
 * multiple of the default, bounds the result on the strict side.
 */
export function fitThreshold(pos: number[], neg: number[], lower: boolean, lineK?: number): Fit {
  const fit = fitUnbounded(pos, neg, lower);
  if (lineK === undefined || !(lower ? fit.k > lineK : fit.k < lineK)) return fit;
  return { k: lineK, how: 'line' };
}

function fitUnbounded(pos: number[], neg: number[], lower: boolean): Fit {
  const p = pos.filter(Number.isFinite);
  const n = neg.filter(Number.isFinite);
  if (p.length === 0) {
    if (n.length === 0) return { k: 1, how: 'prior' };
    const edge = lower ? Math.min(...n) : Math.max(...n);
    return { k: lower ? edge / 1.1 : edge * 1.1, how: 'noise-floor' };
  }
  const all = [...new Set([...p, ...n])].sort((a, b) => a - b);
  const cuts = [all[0] - 1e-6, ...all.slice(0, -1).map((v, i) => (v + all[i + 1]) / 2), all[all.length - 1] + 1e-6];
  let best = -1;
  let bestFp = Infinity;
  let bestCuts: number[] = [];
  for (const k of cuts) {
    const fp = n.filter((v) => flags(v, k, lower)).length;
    if (n.length && fp / n.length > MAX_TRAINING_FALSE_RATE + 1e-9) continue;
    const tp = p.filter((v) => flags(v, k, lower)).length;
    if (tp > best || (tp === best && fp < bestFp)) {
      best = tp;
      bestFp = fp;
      bestCuts = [k];
    } else if (tp === best && fp === bestFp) bestCuts.push(k);
  }
  // the best cuts lie between two data points: take the middle of the gap around them
  const lo = Math.min(...bestCuts);
  const hi = Math.max(...bestCuts);
  const below = all.filter((v) => v < lo);
  const above = all.filter((v) => v > hi);
  const a = below.length ? below[below.length - 1] : lo;
  const b = above.length ? above[0] : hi;
  return { k: (a + b) / 2, how: 'fit' };
}

/** Wilson score interval for x successes in n trials (95%). */
export function wilson(x: number, n: number, z = 1.96): [number, number] {
  if (n === 0) return [NaN, NaN];
  const p = x / n;
  const d = 1 + (z * z) / n;
  const c = (p + (z * z) / (2 * n)) / d;
  const h = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / d;
  return [Math.max(0, c - h), Math.min(1, c + h)];
}

/** ROC AUC (Mann–Whitney) that a fault clip's value is more extreme than a good clip's; NaN without both. */
export function rocAuc(pos: number[], neg: number[], lower: boolean): number {
  const p = pos.filter(Number.isFinite);
  const n = neg.filter(Number.isFinite);
  if (!p.length || !n.length) return NaN;
  let s = 0;
  for (const a of p) for (const b of n) s += a === b ? 0.5 : (lower ? a < b : a > b) ? 1 : 0;
  return s / (p.length * n.length);
}

/** A spec's training values: clips (of its lifts) labelled with the fault, and clips labelled good. */
function trainingValues(clips: LabelledClip[], spec: FitSpec): { pos: number[]; neg: number[] } {
  const mine = clips.filter((c) => spec.lifts.includes(c.lift));
  const pos = mine.filter((c) => faultLabels(c).includes(spec.id)).map((c) => clipValue(c.report, spec.id, spec.lower));
  const neg = mine.filter((c) => isGood(c) && applies(c, spec.id)).map((c) => clipValue(c.report, spec.id, spec.lower));
  return { pos, neg };
}

export type Fits = Map<FitSpec, Fit>;

export function fitAll(clips: LabelledClip[]): Fits {
  const fits: Fits = new Map();
  for (const spec of FITS) {
    const { pos, neg } = trainingValues(clips, spec);
    const lineK = spec.line === undefined ? undefined : spec.line / (DEFAULT_THRESHOLDS[spec.key] as number);
    fits.set(spec, fitThreshold(pos, neg, spec.lower, lineK));
  }
  return fits;
}

/** The clip's faults with the fitted checks re-decided at `fits` and the others as the analyzer said. */
export function verdictsWith(clip: LabelledClip, fits: Fits): Set<FaultId> {
  const found = new Set<FaultId>();
  for (const rep of clip.report.reps) for (const f of rep.faults) if (!specFor(f, clip.lift)) found.add(f);
  for (const [spec, fit] of fits) {
    if (!spec.lifts.includes(clip.lift) || !applies(clip, spec.id)) continue;
    if (flags(clipValue(clip.report, spec.id, spec.lower), fit.k, spec.lower)) found.add(spec.id);
  }
  return found;
}

export interface HeldOutVerdict {
  clip: LabelledClip;
  /** faults found with the thresholds fitted without this clip's source */
  found: Set<FaultId>;
  fits: Fits;
}

/** Leave-one-source-out: each source's clips judged with thresholds fitted on the other sources. */
export function leaveOneSourceOut(clips: LabelledClip[]): HeldOutVerdict[] {
  const out: HeldOutVerdict[] = [];
  for (const source of [...new Set(clips.map((c) => c.source))]) {
    const fits = fitAll(clips.filter((c) => c.source !== source));
    for (const clip of clips.filter((c) => c.source === source)) out.push({ clip, found: verdictsWith(clip, fits), fits });
  }
  return out;
}

export interface FaultScore {
  id: FaultId;
  positives: number;
  found: number;
  recall: number;
  recallCi: [number, number];
  /** good clips the check applies to, and those it flagged */
  goods: number;
  falseFaults: number;
  falseRate: number;
  falseCi: [number, number];
  /** threshold-free: the worst rep's value, fault clips against good clips (per metric, pooled by rank) */
  auc: number;
  /** labelled clips (fault or good) on which the check gave no verdict on any rep */
  unjudged: number;
}

export function scoreFaults(held: HeldOutVerdict[]): FaultScore[] {
  return FAULT_IDS.map((id) => {
    const pos = held.filter((h) => faultLabels(h.clip).includes(id));
    const goods = held.filter((h) => isGood(h.clip) && applies(h.clip, id));
    const found = pos.filter((h) => h.found.has(id)).length;
    const ff = goods.filter((h) => h.found.has(id)).length;
    // AUC per metric family (a ratio and a tilt cannot be ranked together), weighted by pairs
    let pairs = 0;
    let aucSum = 0;
    const groups = new Map<string, { pos: number[]; neg: number[]; lower: boolean }>();
    for (const h of [...pos, ...goods]) {
      const lower = lowerFor(h.clip, id);
      const spec = specFor(id, h.clip.lift);
      const g = spec ? spec.key : 'analyzer';
      if (!groups.has(g)) groups.set(g, { pos: [], neg: [], lower });
      const v = spec ? clipValue(h.clip.report, id, spec.lower) : worstRaw(h.clip.report, id, lower);
      (pos.includes(h) ? groups.get(g)!.pos : groups.get(g)!.neg).push(v);
    }
    let unjudged = 0;
    for (const g of groups.values()) {
      unjudged += [...g.pos, ...g.neg].filter((v) => !Number.isFinite(v)).length;
      const a = rocAuc(g.pos, g.neg, g.lower);
      const n = g.pos.filter(Number.isFinite).length * g.neg.filter(Number.isFinite).length;
      if (Number.isFinite(a)) {
        aucSum += a * n;
        pairs += n;
      }
    }
    return {
      id,
      positives: pos.length,
      found,
      recall: pos.length ? found / pos.length : NaN,
      recallCi: wilson(found, pos.length),
      goods: goods.length,
      falseFaults: ff,
      falseRate: goods.length ? ff / goods.length : NaN,
      falseCi: wilson(ff, goods.length),
      auc: pairs ? aucSum / pairs : NaN,
      unjudged,
    };
  });
}

function worstRaw(report: SetReport, id: FaultId, lower: boolean): number {
  let worst = NaN;
  for (const rep of report.reps)
    for (const e of rep.evidence) if (e.id === id && Number.isFinite(e.value) && (!Number.isFinite(worst) || (lower ? e.value < worst : e.value > worst))) worst = e.value;
  return worst;
}

/** Good clips given a major fault, and clips labelled bad (fault unnamed) given any fault. */
export function scoreClips(held: HeldOutVerdict[]): { goods: number; goodMajor: number; bads: number; badFound: number } {
  const goods = held.filter((h) => isGood(h.clip));
  const bads = held.filter((h) => h.clip.expected === 'bad');
  return {
    goods: goods.length,
    goodMajor: goods.filter((h) => MAJOR_FAULTS.some((f) => h.found.has(f))).length,
    bads: bads.length,
    badFound: bads.filter((h) => h.found.size > 0).length,
  };
}
