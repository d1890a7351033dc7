/**
 * Every tunable number of the analyzer in one object a physio can change.
 * Units are in the names or the comments: deg = degrees, ms = milliseconds,
 * "standing heights" = fraction of the lifter's standing ankle-to-shoulder
 * height, "shin/foot/trunk lengths" = the lifter's own calibrated segments.
 * Starting points were tuned on the shared clips (see bench/accuracy.md).
 */
import type { OneEuroParams } from './filters/one-euro';
import type { Lift } from './types';

export interface Thresholds {
  // --- signal hygiene
  oneEuro: OneEuroParams;
  /** landmarks below this visibility are held, not trusted (0..1) */
  minVisibility: number;
  /** how long a held landmark stays usable, ms */
  holdMs: number;
  /** a frame gap longer than this resets the smoothing, ms */
  gapResetMs: number;
  /** no person for longer than this = the person left (rep in progress dropped), ms */
  personLostMs: number;
  /** trunk points (shoulders, hips) under this visibility = no usable person */
  minTrunkVisibility: number;

  // --- view
  /** sagittal plane within this of the image plane = side view, deg */
  sideMaxDeg: number;
  /** beyond this = front/back view (between: oblique), deg */
  frontMinDeg: number;
  /** confidence multiplier for sagittal checks in an oblique view (0 = do not judge) */
  obliqueConfidence: number;

  // --- calibration
  calibrationFrames: number;
  /** standing = at least this fraction of the tallest height seen */
  standTallFraction: number;
  /** standing = knees at least this straight, deg */
  standMinKneeDeg: number;

  // --- reps (depth in standing heights)
  repEnterDepth: number;
  repMinDepth: number;
  repRiseDelta: number;
  repExitFraction: number;
  repBottomSpeed: number;
  /** a clip that starts bent over was caught mid-descent (a rep) when it started shallower than this fraction of its bottom */
  midDescentRatio: number;
  /** frames after lockout searched for a lean-back, ms */
  lockoutWindowMs: number;
  /** a rep cut off by the end of the clip counts when this deep relative to the set's typical rep */
  cutOffMinDepthRatio: number;
  /** frames within this many standing heights of the deepest point form the bottom window */
  bottomBand: number;

  // --- faults
  /** hips-back: hip flexion / knee flexion at the bottom under this = knee-dominant (ratio) */
  hipsBackMinRatio: number;
  /** hips-back: only judged when the knee bends at least this much at the bottom, deg */
  hipsBackMinKneeFlexDeg: number;
  /** hips-back: thigh/trunk length ratio of a typical adult; shorter thighs relax the ratio threshold */
  hipsBackRefThighTrunk: number;
  /** hips-back in RDL-family lifts: shin tilted forward more than this at the bottom, deg */
  hipsBackRdlShinDeg: number;
  /** rounded-back: head drop relative to trunk (vs standing) above this, deg */
  roundedHeadDropDeg: number;
  /** rounded-back: hip-shoulder/hip-knee at the bottom under this fraction of standing */
  roundedHsHkRatio: number;
  /** rounded-back: RDL family, trunk chord inclined past this at the bottom, deg */
  roundedRdlTrunkDeg: number;
  /** rounded-back: combined proxy score above this = flagged (unitless) */
  roundedScore: number;
  /** rounded-back: mask "dorsal rise" median over the bottom above this (trunk lengths) */
  roundedDorsal: number;
  /** bar-drift: bar (hands) at the bottom ahead of where it hung standing by more than this, foot lengths (good real pulls: up to ~0.5) */
  barDriftFootLengths: number;
  /** hips-rise-first: shoulders' share of their rise when the hips are half-way up, under this = hips first (good real: 0.43+, hips-first real: 0.08-0.33) */
  hipsRiseSync: number;
  /** lockout-lean: trunk behind the calibrated standing trunk after lockout by more than this, deg (good real: up to ~13) */
  lockoutLeanDeg: number;
  /** neck-extension: ear-shoulder line raised above the trunk line while bent over by more than this, deg (good real lifters look forward up to ~35) */
  neckExtensionDeg: number;
  /** locked-knees: stance knee straighter than this at the bottom, deg */
  lockedKneeDeg: number;
  /** fast-lowering: lowering (descent faster than 15% of its peak speed) shorter than this, ms, per lift (deadlift ≈ 0.42 s full time, RDLs ≈ 1 s) */
  minLoweringMs: Record<Lift, number>;
  /** hip-rotation: pelvis tilt (free side up, against standing) at the bottom, deg (front/back: the hip line; side-on: see hipWidthTrunk) */
  hipRotationDeg: number;
  /** hip-rotation in a side view: typical hip-joint width over the trunk (hip-shoulder) length; the hips' vertical separation over it is the sine of the pelvis tilt */
  hipWidthTrunk: number;
  /** lost-balance: the free foot's lowest point (toe, heel, ankle) within this of the stance foot's while bent over, shin lengths (world landmarks; side-on image without them) */
  balanceFootDownShin: number;
  /** lost-balance: stance foot shifting more than this, foot lengths */
  balanceStanceShiftFoot: number;

  // --- lift detection
  /** free ankle this far above the stance ankle = single-leg, shin lengths */
  singleLegFootUpShin: number;
  /** free heel above its toe by this = kickstand (toes down, heel up), beyond the stance foot's, shin lengths */
  kickstandHeelUpShin: number;
  /** side view: a foot this far behind the stance foot is a free leg held back (single-leg), foot lengths */
  singleLegBehindFoot: number;
  /** side view: a kickstand / free foot sits at least this far behind the stance foot, foot lengths */
  kickstandBehindFoot: number;
  /** deadlift vs RDL: median hip drop at the bottom (1 - hip height / standing) above this = deadlift */
  rdlMaxHipDrop: number;

  // --- cues
  /** a cue stays up at least this long, ms */
  cueMinHoldMs: number;
  /** and is cleared after this long, ms */
  cueShowMs: number;
  /** the same fault's cue is not shown again within this, ms */
  cueRepeatMs: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = {
  oneEuro: { minCutoff: 1.5, beta: 4, dCutoff: 1.0 },
  minVisibility: 0.5,
  holdMs: 400,
  gapResetMs: 500,
  personLostMs: 1500,
  minTrunkVisibility: 0.3,

  sideMaxDeg: 30,
  frontMinDeg: 62,
  obliqueConfidence: 0.5,

  calibrationFrames: 12,
  standTallFraction: 0.96,
  standMinKneeDeg: 125,

  repEnterDepth: 0.06,
  repMinDepth: 0.14,
  repRiseDelta: 0.03,
  repExitFraction: 0.3,
  repBottomSpeed: 0.12,
  midDescentRatio: 0.7,
  lockoutWindowMs: 1200,
  cutOffMinDepthRatio: 0.7,
  bottomBand: 0.03,

  hipsBackMinRatio: 1.0,
  hipsBackMinKneeFlexDeg: 45,
  hipsBackRefThighTrunk: 0.65,
  hipsBackRdlShinDeg: 12,
  roundedHeadDropDeg: 25,
  roundedHsHkRatio: 0.85,
  roundedRdlTrunkDeg: 85,
  roundedScore: 1,
  roundedDorsal: 0.02,
  barDriftFootLengths: 0.6,
  hipsRiseSync: 0.35,
  lockoutLeanDeg: 20,
  neckExtensionDeg: 42,
  lockedKneeDeg: 172,
  minLoweringMs: { deadlift: 400, rdl: 700, 'sl-rdl': 700, 'kickstand-rdl': 700 },
  hipRotationDeg: 14,
  hipWidthTrunk: 0.36,
  balanceFootDownShin: 0.12,
  balanceStanceShiftFoot: 0.35,

  singleLegFootUpShin: 0.6,
  kickstandHeelUpShin: 0.15,
  singleLegBehindFoot: 2.2,
  kickstandBehindFoot: 0.6,
  rdlMaxHipDrop: 0.19,

  cueMinHoldMs: 2500,
  cueShowMs: 4000,
  cueRepeatMs: 8000,
};

export type ThresholdOverrides = { [K in keyof Thresholds]?: Thresholds[K] extends object ? Partial<Thresholds[K]> : Thresholds[K] };

/** Defaults with the caller's overrides (one level deep for the grouped entries). */
export function resolveThresholds(over?: ThresholdOverrides): Thresholds {
  const t: Thresholds = {
    ...DEFAULT_THRESHOLDS,
    oneEuro: { ...DEFAULT_THRESHOLDS.oneEuro },
    minLoweringMs: { ...DEFAULT_THRESHOLDS.minLoweringMs },
  };
  if (!over) return t;
  for (const k of Object.keys(over) as (keyof Thresholds)[]) {
    const v = over[k];
    if (v === undefined) continue;
    if (typeof v === 'object' && v !== null) Object.assign(t[k] as object, v);
    else (t as unknown as Record<string, unknown>)[k] = v;
  }
  return t;
}
