/**
 * Every tunable number of the analyzer in one object a physio can change.
 * Units are in the names or the comments: deg = degrees, ms = milliseconds,
 * "standing heights" = fraction of the lifter's standing ankle-to-shoulder
 * height, "shin/foot/trunk lengths" = the lifter's own calibrated segments.
 *
 * Each default says where it comes from: [fit] = fitted on the shared real
 * clips by the written procedure in scripts/accuracy-real.ts (the values live
 * in fitted-thresholds.json, written by `npm run bench:accuracy -- --write-fit`;
 * their accuracy is only reported leave-one-source-out, bench/accuracy.md);
 * [biomech] = a published figure; [convention] = a stated coaching or
 * engineering convention where no published line exists; [measured] =
 * measured on this app's own signals (where named).
 */
import fitted from './fitted-thresholds.json';
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
  /** the trunk moving more than this between two frames (trunk lengths, within `cutMaxGapMs`) = the video was cut or looped */
  cutJumpTrunk: number;
  cutMaxGapMs: number;

  // --- view
  /** sagittal plane within this of the image plane = side view, deg */
  sideMaxDeg: number;
  /** beyond this = front/back view (between: oblique), deg */
  frontMinDeg: number;
  /** confidence multiplier for sagittal checks in an oblique view (0 = do not judge) */
  obliqueConfidence: number;

  // --- calibration
  calibrationMs: number;
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
  /** a rep's measured depth more than this away from the depth its angles allow is not judged (standing heights) */
  maxDepthGap: number;
  /** a rep whose steadiest shin or upper arm changes length more than this (IQR / median) was not one body: not judged */
  maxBoneSpread: number;
  /** a rep with a leg under the body in fewer than this share of its frames was not one body: not judged */
  minLegsUnder: number;

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
  /** weight-shift: the planted foot's pitch (heel up or toes up) away from its own standing pitch at the bottom or in the pull, deg */
  weightShiftFootDeg: number;
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

const FIT = fitted.thresholds;

export const DEFAULT_THRESHOLDS: Thresholds = {
  // [measured] bench/smoothing.md: on top of MediaPipe's own (light) smoothing this cuts still
  // jitter to 0.27× for ~50 ms of lag; lighter settings changed verdicts on 6 of 56 clips
  oneEuro: { minCutoff: 1.5, beta: 4, dCutoff: 1.0 },
  // [convention] MediaPipe's own default presence/visibility cut-off (0.5)
  minVisibility: 0.5,
  // [convention] signal hygiene: a held landmark for under half a second, a reset after a longer gap
  holdMs: 400,
  gapResetMs: 500,
  personLostMs: 1500,
  minTrunkVisibility: 0.3,
  // [biomech] a 0.5 m trunk moving 0.25 m in one frame (7.5 m/s at 30 fps, 3.8 m/s at 15 fps):
  // hips in a pull move well under 1.5 m/s (bar speeds peak near 1 m/s in velocity-based-training data)
  cutJumpTrunk: 0.5,
  cutMaxGapMs: 150,

  // [convention] geometry: within 30° of side-on, sagittal lengths shrink by at most 13% (cos 30°);
  // beyond 62° they keep under half their length
  sideMaxDeg: 30,
  frontMinDeg: 62,
  obliqueConfidence: 0.5,

  // [convention] calibration: 0.4 s (12 frames at 30 fps) standing tall (within 4% of the tallest)
  // with the knees nearly straight
  calibrationMs: 400,
  standTallFraction: 0.96,
  standMinKneeDeg: 125,

  // [convention] rep hysteresis, in standing heights: a descent starts past 6%, counts past 14%
  // (a quarter of a typical 0.4–0.5 deadlift depth)
  repEnterDepth: 0.06,
  repMinDepth: 0.14,
  repRiseDelta: 0.03,
  repExitFraction: 0.3,
  repBottomSpeed: 0.12,
  midDescentRatio: 0.7,
  lockoutWindowMs: 1200,
  cutOffMinDepthRatio: 0.7,
  bottomBand: 0.03,
  // [measured] landmark noise in the three angles (about ±5° each) moves the implied depth by
  // under 0.1 (real reps side-on: |gap| ≤ 0.15); twice that is a picture that changed, not a body
  maxDepthGap: 0.2,
  // [geometry] a near-vertical bone turning under 40° out of the picture keeps its length within
  // about a quarter (plausible-body.ts). [measured] real reps of the shared clips reach 0.12 (the
  // app's recordings) and 0.34 (the mask-free reference ones): the line sits well past both.
  maxBoneSpread: 0.5,
  // [geometry] a lifter stands on a leg throughout a hinge. [measured] real reps: at least 0.85 of
  // their frames (the app's recordings), 0.39 (reference, an oblique view); the line sits under both.
  minLegsUnder: 0.25,

  // [fit] hip/knee flexion ratio (deadlift)
  hipsBackMinRatio: FIT.hipsBackMinRatio,
  // [convention] with under 45° of knee bend a pull cannot be a squat
  hipsBackMinKneeFlexDeg: 45,
  // [biomech] thigh 0.245 and trunk 0.288 of body height (Winter 2009, Fig. 4.1): ratio 0.85
  hipsBackRefThighTrunk: 0.85,
  // [fit] shin tilt at the bottom (RDL family)
  hipsBackRdlShinDeg: FIT.hipsBackRdlShinDeg,
  // [convention] scales of the landmark proxy score (1 = one scale unit), not decision lines
  roundedHeadDropDeg: 25,
  roundedHsHkRatio: 0.85,
  roundedRdlTrunkDeg: 85,
  // [fit] the combined rounded-back score
  roundedScore: FIT.roundedScore,
  // [measured] FAULTS.md "dorsal rise": rep-bottom medians −0.001 (correct), −0.023 / −0.014
  // (other faults) against 0.054 (rounded): its scale unit sits between
  roundedDorsal: 0.02,
  // [fit] noise floor: no shared clip is labelled bar-drift; the wrists cannot see the 5 cm a peer
  // (jplikescoding/bar-path) flags, so this only catches a large drift (issue 18: the plate)
  barDriftFootLengths: FIT.barDriftFootLengths,
  // [fit] shoulders' share of the rise when the hips are half-way up
  hipsRiseSync: FIT.hipsRiseSync,
  // [fit] noise floor: no shared clip is labelled lockout-lean
  lockoutLeanDeg: FIT.lockoutLeanDeg,
  // [fit] head raised against the trunk
  neckExtensionDeg: FIT.neckExtensionDeg,
  // [convention] under ~8° of knee bend is a locked knee
  lockedKneeDeg: 172,
  // measured lowering = the part faster than 15% of peak speed: ≈ 0.78 × a smooth descent's full time,
  // ≈ 0.6 × an RDL's (its shoulders start slowly; rep-metrics.ts)
  // [biomech] deadlift: a bar falling freely from hip height (0.9 m) takes 0.43 s: faster is dropped;
  // RDL family: the seed articles' "control the descent for 2–3 seconds" (lower end, 2 s)
  minLoweringMs: { deadlift: 340, rdl: 1200, 'sl-rdl': 1200, 'kickstand-rdl': 1200 },
  // [convention] hips square: under 14° of pelvis tilt (single-leg lifts)
  hipRotationDeg: 14,
  // [convention] hip-joint width over the hip–shoulder length of a typical adult
  hipWidthTrunk: 0.36,
  // [fit] planted-foot pitch away from standing
  weightShiftFootDeg: FIT.weightShiftFootDeg,
  // [convention] the free foot within 12% of a shin of the floor has touched down; a stance foot
  // shifting a third of its length has moved
  balanceFootDownShin: 0.12,
  balanceStanceShiftFoot: 0.35,

  // [convention] lift detection by foot placement
  singleLegFootUpShin: 0.6,
  kickstandHeelUpShin: 0.15,
  singleLegBehindFoot: 2.2,
  kickstandBehindFoot: 0.6,
  // [convention] a deadlift's hips drop a third of their height, an RDL's about a tenth: the line between
  rdlMaxHipDrop: 0.19,

  // [convention] a cue stays long enough to read from three metres, and does not nag
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
