/**
 * A columnar ring buffer of per-frame signals: the analyzer writes one row per
 * frame (no allocation) and the rep-level checks read the rows of a rep once
 * it has passed its bottom or its lockout.
 */

export const COL = {
  t: 0,
  depth: 1,
  trunk: 2,
  hip: 3,
  knee: 4,
  shin: 5,
  /** head angle relative to trunk, minus the standing baseline */
  neck: 6,
  /** hip and shoulder heights (image y, frame-height units, down +) */
  hipY: 7,
  shY: 8,
  /** bar (wrist mid) ahead of mid-foot, in foot lengths, + = forward */
  bar: 9,
  /** hip-shoulder distance / hip-knee distance */
  hsHk: 10,
  /** hip-shoulder distance / calibrated trunk length */
  hsTrunk: 11,
  visTrunk: 12,
  visLeg: 13,
  visHead: 14,
  visWrist: 15,
  dorsal: 16,
  /** pelvis tilt: left/right hip height difference over hip width or trunk (signed, free side up +) */
  hipTilt: 17,
  /** free foot height above the stance foot, in shin lengths */
  freeFoot: 18,
  /** stance ankle x drift from its rep-start position, in foot lengths */
  stanceX: 19,
  /** hip mid x (frame-height units), for sway */
  hipX: 20,
  xScale: 21,
  /** knee ahead of the toes, in foot lengths (+ = knee past the toes) */
  kneeOverToe: 22,
  /** bar ahead of the leg axis at the bar's height, foot lengths */
  barLeg: 23,
  /** bar (visibility-weighted wrists) forward position, frame-height units, de-foreshortened (+ = the way the lifter faces) */
  barX: 24,
  /** hip mid-point above the ankles, frame-height units */
  hipH: 25,
  /** free foot's lowest point (toe, heel or ankle) above the stance foot's, shin lengths (single-leg lifts) */
  freeToe: 26,
  /** unsmoothed hip and shoulder mid-point heights (image y): zero-lag timing of the rise */
  rawHipY: 27,
  rawShY: 28,
  /** single-leg lifts: the stance knee's 3D angle from the world landmarks, deg */
  kneeW: 29,
  /** the planted foot's pitch against its standing pitch, deg (+ heel up, − toes up) */
  footPitch: 30,
  /** visibility of the feet's heel and toe landmarks */
  visFeet: 31,
  /** left and right shin and upper-arm lengths in the picture, frame-height units (plausible-body.ts) */
  bone0: 32,
  bone1: 33,
  bone2: 34,
  bone3: 35,
  /** 1 when both legs stand under the body in this frame, else 0 (plausible-body.ts) */
  legsUnder: 36,
} as const;
export const NCOL = 37;
export const BONE_COLS = [COL.bone0, COL.bone1, COL.bone2, COL.bone3] as const;

export class History {
  readonly cols: Float64Array[];
  /** total rows ever written; row i lives at i % capacity */
  written = 0;

  constructor(readonly capacity = 4096) {
    this.cols = [];
    for (let c = 0; c < NCOL; c++) this.cols.push(new Float64Array(capacity).fill(NaN));
  }

  reset(): void {
    this.written = 0;
  }

  /** Start a new row and return its absolute index (columns default to NaN). */
  next(): number {
    const i = this.written++;
    const r = i % this.capacity;
    for (let c = 0; c < NCOL; c++) this.cols[c][r] = NaN;
    return i;
  }

  set(i: number, col: number, v: number): void {
    this.cols[col][i % this.capacity] = v;
  }

  get(i: number, col: number): number {
    return this.cols[col][i % this.capacity];
  }

  /** Oldest absolute index still held. */
  get oldest(): number {
    return Math.max(0, this.written - this.capacity);
  }

  /** Absolute index of the first row with t >= tMs (searching back from the newest). */
  indexAtOrAfter(tMs: number): number {
    let i = this.written - 1;
    const lo = this.oldest;
    while (i >= lo && this.get(i, COL.t) >= tMs) i--;
    return i + 1;
  }
}
