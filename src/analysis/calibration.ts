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
  /** standing frames needed before calibration is 'done' */
  frames: number;
  /** a standing frame is at least this fraction of the tallest height seen */
  tallFraction: number;
  /** and has knees at least this straight, degrees */
  minKneeDeg: number;
  /** and shoulders moving slower than this, frame heights per second */
  maxSpeed: number;
}

const KEEP = 90; // ring of recent standing frames: later standing phases refine the estimate

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
  private tallest = 0;
  /** running estimate of trunk+thigh+shin (posture-independent side-on): a height reference before any standing frame */
  private limbs = 0;
  private lastShY = NaN;
  private lastT = NaN;
  private cached: Calibration | null = null;
  private dirty = false;
  private nAtCompute = 0;
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
    return this.n >= this.p.frames ? 'done' : this.n > 0 ? 'collecting' : 'waiting';
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

  /** Forget everything learned from frames (a different person may have stepped in). */
  reset(): void {
    this.n = 0;
    this.firstTrunk.length = 0;
    this.firstAnkleDy.length = 0;
    this.tallest = this.preset ? this.preset.standHeight : 0;
    this.limbs = 0;
    this.cached = this.preset;
    this.nAtCompute = 0;
    this.lastShY = NaN;
    this.dirty = false;
  }

  /** Offer a frame; returns true when it was taken as a standing frame. */
  offer(f: Features, tMs: number, footVisible: boolean, sideOn: boolean): boolean {
    if (!f.ok) return false;
    let speed = 0;
    if (Number.isFinite(this.lastShY) && tMs > this.lastT) speed = (Math.abs(f.shY - this.lastShY) * 1000) / (tMs - this.lastT);
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
    if (this.firstTrunk.length < this.p.frames) this.firstTrunk.push(f.angles.trunk);
    if (this.firstAnkleDy.length < KEEP) this.firstAnkleDy.push(f.ankleRY - f.ankleLY);
    this.heelUpL[i] = f.toeLY - f.heelLY;
    this.heelUpR[i] = f.toeRY - f.heelRY;
    this.n++;
    this.dirty = true;
    return true;
  }

  /** Current calibration (null until 'done'); medians are recomputed lazily. */
  get value(): Calibration | null {
    if (this.preset) return this.preset;
    if (this.n < this.p.frames) return null;
    // medians are not free: refresh every 15 new standing frames, not every frame
    if (!this.cached || (this.dirty && this.n - this.nAtCompute >= 15)) this.recompute();
    return this.cached;
  }

  private recompute(): void {
    const m = Math.min(this.n, KEEP);
    const arr = (a: Float64Array) => Array.from(a.subarray(0, m));
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
    this.nAtCompute = this.n;
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
