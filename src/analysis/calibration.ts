/**
 * The lifter's own proportions from standing frames: trunk, thigh, shin and
 * foot lengths and the standing shoulder height. Thresholds are expressed in
 * these body units so that distance to the camera and limb proportions (long
 * femurs, short torso) do not turn into false faults.
 *
 * Standing = tall (within a few % of the tallest height seen), knees nearly
 * straight and still. Until enough such frames arrive the status is
 * 'collecting' and the analyzer uses the tallest height seen as a stand-in.
 */
import { median } from './geometry';
import type { Calibration, CalibrationStatus } from './types';
import type { Features } from './features';

export interface CalibrationParams {
  /** standing time needed before calibration is 'done', ms */
  ms: number;
  /** a standing frame is at least this fraction of the tallest height seen */
  tallFraction: number;
  /** and has knees at least this straight, degrees */
  minKneeDeg: number;
  /** and shoulders moving slower than this, frame heights per second */
  maxSpeed: number;
}

/**
 * Standing frames are kept for this long (later standing phases refine the
 * estimate); times, not frame counts, so a 60 fps clip and its 30 fps copy
 * calibrate alike. KEEP bounds the ring at 240 fps.
 */
const KEEP_MS = 3000;
const KEEP = 720;
/** medians are not free: refreshed after this much new standing time */
const REFRESH_MS = 500;
/**
 * a standing frame counts for the time since the frame before, at most a
 * 24 fps frame's: a gap (frames not offered, a slow camera) is not standing
 * time, so calibration never rests on fewer frames than at 24 fps
 */
const MAX_STEP_MS = 1000 / 24;
/** and calibration needs at least this many, whatever their times */
const MIN_FRAMES = 4;

export class Calibrator {
  private n = 0;
  private readonly trunk = new Float64Array(KEEP);
  private readonly thigh = new Float64Array(KEEP);
  private readonly shin = new Float64Array(KEEP);
  private readonly foot = new Float64Array(KEEP);
  private readonly height = new Float64Array(KEEP);
  private readonly neck = new Float64Array(KEEP);
  private readonly ankleDy = new Float64Array(KEEP);
  private readonly hipDy = new Float64Array(KEEP);
  /** trunk inclination of the first standing frames (the posture before the set; later lockouts may lean) */
  private readonly firstTrunk: number[] = [];
  /** ankle height difference of the first standing frames (a single-leg lifter usually starts on both feet) */
  private readonly firstAnkleDy: number[] = [];
  private readonly heelUpL = new Float64Array(KEEP);
  private readonly heelUpR = new Float64Array(KEEP);
  private readonly at = new Float64Array(KEEP);
  /** standing time taken so far, ms */
  private standMs = 0;
  private standMsAtCompute = 0;
  private tallest = 0;
  /** running estimate of trunk+thigh+shin (posture-independent side-on): a height reference before any standing frame */
  private limbs = 0;
  private lastShY = NaN;
  private lastT = NaN;
  private cached: Calibration | null = null;
  private dirty = false;
  private preset: Calibration | null = null;

  constructor(private readonly p: CalibrationParams, preset?: Calibration | null) {
    if (preset) {
      this.preset = preset;
      this.cached = preset;
      this.tallest = preset.standHeight;
    }
  }

  get status(): CalibrationStatus {
    if (this.preset) return 'done';
    return this.enough() ? 'done' : this.n > 0 ? 'collecting' : 'waiting';
  }

  /**
   * Depth reference before calibration (frame-height units): the tallest height
   * seen, or, for a lifter who has not stood up yet, the sum of the segment
   * lengths (an upright body stands ~0.97 of it).
   */
  get tallestHeight(): number {
    return Math.max(this.tallest, 0.97 * this.limbs);
  }

  /** A standing height known from elsewhere (a first pass over the whole recording): depth is measured from it until calibration. */
  seedHeight(h: number): void {
    if (h > this.tallest) this.tallest = h;
  }

  private enough(): boolean {
    return this.n >= MIN_FRAMES && this.standMs >= this.p.ms;
  }

  /** Forget everything learned from frames (a different person may have stepped in). */
  reset(): void {
    this.n = 0;
    this.standMs = 0;
    this.standMsAtCompute = 0;
    this.firstTrunk.length = 0;
    this.firstAnkleDy.length = 0;
    this.tallest = this.preset ? this.preset.standHeight : 0;
    this.limbs = 0;
    this.cached = this.preset;
    this.lastShY = NaN;
    this.dirty = false;
  }

  /** Offer a frame; returns true when it was taken as a standing frame. */
  offer(f: Features, tMs: number, footVisible: boolean, sideOn: boolean): boolean {
    if (!f.ok) return false;
    let speed = 0;
    const step = Number.isFinite(this.lastT) && tMs > this.lastT ? tMs - this.lastT : 0;
    if (Number.isFinite(this.lastShY) && step > 0) speed = (Math.abs(f.shY - this.lastShY) * 1000) / step;
    this.lastShY = f.shY;
    this.lastT = tMs;
    if (f.height > this.tallest) this.tallest = f.height;
    if (this.preset) return false;
    if (sideOn) {
      const sum = f.hs + f.hk + Math.hypot((f.kneeX - f.ankleX) * f.xScale, f.kneeY - f.ankleY);
      // slow running average: single frames are noisy, and it only stands in until calibration
      if (Number.isFinite(sum)) this.limbs = this.limbs === 0 ? sum : this.limbs * 0.95 + sum * 0.05;
    }
    const standing =
      f.height >= this.tallest * this.p.tallFraction &&
      f.angles.knee >= this.p.minKneeDeg &&
      Math.abs(f.angles.trunk) < 20 &&
      speed < this.p.maxSpeed;
    if (!standing) return false;
    const i = this.n % KEEP;
    const k = f.xScale;
    this.trunk[i] = f.hs;
    this.thigh[i] = f.hk;
    this.shin[i] = Math.hypot((f.kneeX - f.ankleX) * k, f.kneeY - f.ankleY);
    this.foot[i] = footVisible ? Math.hypot((f.toeX - f.heelX) * k, f.toeY - f.heelY) : NaN;
    this.height[i] = f.height;
    this.neck[i] = f.angles.neck;
    this.ankleDy[i] = f.ankleRY - f.ankleLY;
    this.hipDy[i] = f.hipRY - f.hipLY;
    const stepMs = Math.min(step || 1000 / 30, MAX_STEP_MS);
    if (!this.enough()) this.firstTrunk.push(f.angles.trunk);
    if (this.standMs < KEEP_MS) this.firstAnkleDy.push(f.ankleRY - f.ankleLY);
    this.heelUpL[i] = f.toeLY - f.heelLY;
    this.heelUpR[i] = f.toeRY - f.heelRY;
    this.at[i] = tMs;
    this.standMs += stepMs;
    this.n++;
    this.dirty = true;
    return true;
  }

  /** Current calibration (null until 'done'); medians are recomputed lazily. */
  get value(): Calibration | null {
    if (this.preset) return this.preset;
    if (!this.enough()) return null;
    if (!this.cached || (this.dirty && this.standMs - this.standMsAtCompute >= REFRESH_MS)) this.recompute();
    return this.cached;
  }

  private recompute(): void {
    // the standing frames of the last KEEP_MS (the newest is at slot (n-1) % KEEP)
    const newest = this.at[(this.n - 1) % KEEP];
    const slots: number[] = [];
    for (let k = 0; k < Math.min(this.n, KEEP); k++) {
      const i = (this.n - 1 - k) % KEEP;
      if (newest - this.at[i] > KEEP_MS) break;
      slots.push(i);
    }
    const arr = (a: Float64Array) => slots.map((i) => a[i]);
    const shin = median(arr(this.shin));
    let foot = median(arr(this.foot));
    // a foot seen end-on (front view) is foreshortened: fall back to a typical foot/shin ratio
    if (!Number.isFinite(foot) || foot < 0.35 * shin) foot = 0.6 * shin;
    this.cached = {
      trunk: median(arr(this.trunk)),
      thigh: median(arr(this.thigh)),
      shin,
      foot,
      standHeight: median(arr(this.height)),
      neck: median(arr(this.neck)),
      standTrunk: median(this.firstTrunk),
      ankleDy: plantedAnkleDy(arr(this.ankleDy).concat(this.firstAnkleDy)),
      hipDy: median(arr(this.hipDy)),
      heelUpLeft: median(arr(this.heelUpL)),
      heelUpRight: median(arr(this.heelUpR)),
      frames: this.n,
    };
    this.dirty = false;
    this.standMsAtCompute = this.standMs;
  }
}

/**
 * The ankles' height difference with both feet planted (side-on the far foot
 * looks higher): the median of the quarter of standing samples closest to
 * level. A single-leg lifter stands on one leg between reps with the free
 * foot up; those samples are the uneven ones and are left out.
 */
export function plantedAnkleDy(samples: number[]): number {
  const a = samples.filter(Number.isFinite).sort((x, y) => Math.abs(x) - Math.abs(y));
  if (a.length === 0) return NaN;
  return median(a.slice(0, Math.max(1, Math.ceil(a.length / 4))));
}
