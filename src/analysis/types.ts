/**
 * The analyzer's contract: the landmark-recording interchange format (same
 * shape as ../shared/landmarks/*.json) and the report the analyzer emits.
 * Pure types, no DOM: shared by the worker, the UI, Node tests and scripts.
 */

/** [x, y, z, visibility]. Image landmarks: x,y normalised to the frame; world: metres, hip-centred. */
export type Landmark = [number, number, number, number];

/** One analysed video/camera frame. `landmarks`/`world` are null when no person was found. */
export interface PoseFrame {
  /** ms from the first frame of the clip (or from the start of the live session). */
  t: number;
  landmarks: Landmark[] | null;
  world: Landmark[] | null;
  /**
   * Optional "dorsal rise" back-shape feature from the segmentation mask
   * (see FAULTS.md); computed in the worker, null when the mask was unusable.
   */
  dorsal?: number | null;
  /** Optional: number of people the detector saw (when > 1 the frame is ambiguous). */
  people?: number;
}

/** A landmark recording: the app's interchange format, import/export as JSON. */
export interface PoseClip {
  source?: string;
  model?: string;
  fps: number;
  /** decoded frame size in pixels (landmarks are normalised to it) */
  width: number;
  height: number;
  frames: PoseFrame[];
}

export const LIFTS = ['deadlift', 'rdl', 'sl-rdl', 'kickstand-rdl'] as const;
export type Lift = (typeof LIFTS)[number];
export type LiftOption = Lift | 'auto';

export type Side = 'left' | 'right';
export type View = 'side' | 'front' | 'back' | 'oblique' | 'unknown';

/** Fault ids are part of the report format (FAULTS.md): keep them stable. */
export const FAULT_IDS = [
  'rounded-back',
  'bar-drift',
  'hips-back',
  'hips-rise-first',
  'hip-rotation',
  'weight-shift',
  'lockout-lean',
  'neck-extension',
  'locked-knees',
  'fast-lowering',
  'lost-balance',
] as const;
export type FaultId = (typeof FAULT_IDS)[number];

/** MediaPipe Pose landmark indices used across the app (odd = left). */
export const LM = {
  nose: 0,
  leftEar: 7,
  rightEar: 8,
  leftShoulder: 11,
  rightShoulder: 12,
  leftElbow: 13,
  rightElbow: 14,
  leftWrist: 15,
  rightWrist: 16,
  leftHip: 23,
  rightHip: 24,
  leftKnee: 25,
  rightKnee: 26,
  leftAnkle: 27,
  rightAnkle: 28,
  leftHeel: 29,
  rightHeel: 30,
  leftToe: 31,
  rightToe: 32,
} as const;
export const LANDMARK_COUNT = 33;

// ---------------------------------------------------------------------------
// Analyzer output (added by the analysis module; see src/analysis/README.md).

/** Which way the lifter faces in the image: left/right (side, oblique), toward/away from the camera (front/back). */
export type Facing = 'left' | 'right' | 'toward' | 'away' | 'unknown';

/** Rep phase. `top` = standing before the first rep, `lockout` = standing after a rep. */
export type Phase = 'unknown' | 'top' | 'lowering' | 'bottom' | 'rising' | 'lockout';

/** One fault check's verdict with the evidence behind it (also per rep in the report). */
export interface FaultEvidence {
  id: FaultId;
  /** measured value, in `unit` */
  value: number;
  /** the threshold it was compared against (same unit) */
  threshold: number;
  unit: string;
  /** 0..1: how far the camera/landmarks let us trust this verdict */
  confidence: number;
  active: boolean;
}

/** A check the current view or lift cannot support, and what to do about it. */
export interface UnsupportedCheck {
  id: FaultId;
  reason: string;
}

/** `unjudged`: the rep had no fault found but could not be judged in full (not praise). */
export type CueKind = 'fault' | 'praise' | 'setup' | 'unjudged';

export interface Cue {
  faultId: FaultId | null;
  text: string;
  kind: CueKind;
  /** a second, smaller line (for `unjudged`: why the rep could not be judged) */
  detail?: string;
  /** the rep (1-based) a fault, praise or unjudged cue is about */
  rep?: number;
  /** time (frame ms) the cue was first shown */
  sinceMs: number;
}

export interface Point2 {
  x: number;
  y: number;
}

export interface Angles {
  /** trunk inclination from vertical, degrees; + = leaning toward the facing direction */
  trunk: number;
  /** hip angle shoulder-hip-knee, degrees (180 = straight), per side */
  hipLeft: number;
  hipRight: number;
  /** knee angle hip-knee-ankle, degrees (180 = straight), per side */
  kneeLeft: number;
  kneeRight: number;
  /** the working (or visibility-weighted) leg's hip and knee angles */
  hip: number;
  knee: number;
  /** shin inclination from vertical, degrees, + = knee ahead of ankle */
  shin: number;
  /** head: ear-shoulder line relative to the trunk line, degrees, + = head dropped toward the floor */
  neck: number;
}

export type CalibrationStatus = 'waiting' | 'collecting' | 'done';

export interface Calibration {
  /** segment lengths in frame-height units (image x scaled by width/height so x and y share a unit) */
  trunk: number;
  thigh: number;
  shin: number;
  foot: number;
  /** standing height from ankles to shoulders, frame-height units */
  standHeight: number;
  /** standing head carriage: ear-shoulder line vs the trunk line, degrees (neck checks are relative to it) */
  neck: number;
  /** trunk inclination when standing before the set, degrees (lockout lean is measured from it) */
  standTrunk: number;
  /** standing: right ankle's image y minus the left's (the far foot looks higher side-on), frame heights */
  ankleDy: number;
  /** standing: right hip's image y minus the left's (perspective; the pelvis-tilt baseline), frame heights; optional (older calibrations) */
  hipDy?: number;
  /** standing: toe y minus heel y per foot (heel-up baseline), frame heights */
  heelUpLeft: number;
  heelUpRight: number;
  /** frames the calibration was computed from */
  frames: number;
}

export interface FrameResult {
  t: number;
  /** false when no (usable) person was in the frame */
  person: boolean;
  /** smoothed image landmarks ([x, y, z, visibility], normalised like the input) or null */
  landmarks: Landmark[] | null;
  angles: Angles | null;
  phase: Phase;
  repCount: number;
  /** 0 standing .. ~0.5 at a deadlift bottom: fraction of standing shoulder height lost */
  depth: number;
  /** wrist mid-point, visibility-weighted (side-on the far hand is a guess), normalised image coords */
  bar: Point2 | null;
  /** mid-foot x (normalised image coords) */
  midFootX: number | null;
  view: View;
  facing: Facing;
  lift: Lift | null;
  side: Side | null;
  /** faults active in the current rep (with evidence) */
  faults: FaultEvidence[];
  cue: Cue | null;
  /** camera/setup problems to fix, most important first */
  setup: string[];
  calibration: CalibrationStatus;
}

/**
 * Why a check gave no verdict on a rep: the camera angle cannot show it, the
 * landmarks it needs were hidden or low-confidence, the recording cut off the
 * part of the rep it needs, or there were no standing frames to calibrate it.
 */
export type UnjudgedReason = 'view' | 'visibility' | 'cut-off' | 'no-calibration' | 'not-seen';

/** A check that gave no verdict on a rep, and why (counted apart from passes). */
export interface UnjudgedCheck {
  id: FaultId;
  reason: UnjudgedReason;
  /** plain words for the lifter or physio, e.g. "the lowering was not in the recording" */
  text: string;
}

/**
 * A rep's overall verdict: `fault` when a check found a fault; `clean` only when
 * none did and the checks a clean verdict needs (the back, the hinge, the bar,
 * the rise, on one leg the hips and balance: faults/index.ts) were judged;
 * `unjudged` when nothing was found but one of those could not be judged (not a pass).
 */
export type RepVerdict = 'fault' | 'clean' | 'unjudged';

export interface RepReport {
  index: number;
  startMs: number;
  bottomMs: number;
  endMs: number;
  /** false when the clip cut the rep off (started mid-rep or ended before lockout) */
  complete: boolean;
  faults: FaultId[];
  metrics: Record<string, number>;
  evidence: FaultEvidence[];
  /** checks that apply to the lift but gave no verdict on this rep, with the reason */
  unjudged: UnjudgedCheck[];
  verdict: RepVerdict;
}

export interface SetSummary {
  repCount: number;
  /** reps every applicable check judged and found clean */
  cleanReps: number;
  /** reps with no fault found but at least one check unjudged (not counted as clean) */
  unjudgedReps: number;
  /** per check, the reps it could not judge */
  unjudgedCounts: Partial<Record<FaultId, number>>;
  faultCounts: Partial<Record<FaultId, number>>;
  /** the most frequent fault (safety order breaks ties), or null */
  mainFault: FaultId | null;
  meanLoweringMs: number | null;
  meanRisingMs: number | null;
  /** checks the view or lift could not support */
  unsupported: UnsupportedCheck[];
  notes: string[];
}

export interface SetReport {
  lift: Lift | null;
  side: Side | null;
  view: View;
  facing: Facing;
  calibration: Calibration | null;
  reps: RepReport[];
  summary: SetSummary;
}
