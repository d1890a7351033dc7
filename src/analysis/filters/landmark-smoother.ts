/**
 * Smooths the 33 image landmarks with One-Euro filters, gated by visibility:
 * a landmark the model is unsure of does not move the estimate (it is held),
 * and after `holdMs` without a confident sample it is reported missing (NaN)
 * rather than frozen forever. Long time gaps reset the filters so a person
 * who leaves and comes back is not dragged across the frame.
 *
 * Coordinates are filtered in frame-height units (x scaled by width/height) so
 * x and y share one speed scale.
 *
 * Why a second smoother on top of MediaPipe's VIDEO mode: its own smoothing
 * is light and cannot be turned off (bench/smoothing.md: still jitter only
 * 4.1× below raw IMAGE mode); this stage cuts the jitter to 0.27× for about
 * 50 ms of hip lag, and dropping or lightening it changed verdicts on 6–7 of
 * 56 shared clips. IMAGE mode with this filter alone measured worse on every count.
 */
import { LANDMARK_COUNT, type Landmark } from '../types';
import { OneEuroFilter, type OneEuroParams } from './one-euro';

export interface SmootherParams {
  oneEuro: OneEuroParams;
  /** below this visibility a sample is not trusted */
  minVisibility: number;
  /** how long a held (untrusted) landmark stays usable, ms */
  holdMs: number;
  /** a gap between frames longer than this resets the filters, ms */
  gapResetMs: number;
}

export class LandmarkSmoother {
  private readonly fx: OneEuroFilter[] = [];
  private readonly fy: OneEuroFilter[] = [];
  private readonly fz: OneEuroFilter[] = [];
  private readonly vis = new Float64Array(LANDMARK_COUNT);
  private readonly lastGood = new Float64Array(LANDMARK_COUNT).fill(-Infinity);
  private lastT = -Infinity;
  /** smoothed x (frame-height units), y (0..1), z; NaN when missing */
  readonly x = new Float64Array(LANDMARK_COUNT);
  readonly y = new Float64Array(LANDMARK_COUNT);
  readonly z = new Float64Array(LANDMARK_COUNT);
  /** smoothed visibility 0..1 (0 when missing) */
  readonly v = new Float64Array(LANDMARK_COUNT);

  constructor(private readonly p: SmootherParams) {
    for (let i = 0; i < LANDMARK_COUNT; i++) {
      this.fx.push(new OneEuroFilter(p.oneEuro));
      this.fy.push(new OneEuroFilter(p.oneEuro));
      this.fz.push(new OneEuroFilter(p.oneEuro));
    }
    this.x.fill(NaN);
    this.y.fill(NaN);
    this.z.fill(NaN);
  }

  reset(): void {
    for (let i = 0; i < LANDMARK_COUNT; i++) {
      this.fx[i].reset();
      this.fy[i].reset();
      this.fz[i].reset();
    }
    this.vis.fill(0);
    this.lastGood.fill(-Infinity);
    this.x.fill(NaN);
    this.y.fill(NaN);
    this.z.fill(NaN);
    this.v.fill(0);
    this.lastT = -Infinity;
  }

  /** Feed one frame's raw landmarks (normalised image coords); `aspect` = width/height. */
  push(lms: readonly Landmark[], tMs: number, aspect: number): void {
    if (tMs - this.lastT > this.p.gapResetMs) this.reset();
    this.lastT = tMs;
    const n = Math.min(LANDMARK_COUNT, lms.length);
    for (let i = 0; i < n; i++) {
      const lm = lms[i];
      const vis = Number.isFinite(lm[3]) ? lm[3] : 0;
      // visibility itself is noisy: a short EMA keeps the gate from chattering
      this.vis[i] = this.vis[i] === 0 ? vis : this.vis[i] * 0.6 + vis * 0.4;
      const ok = vis >= this.p.minVisibility && Number.isFinite(lm[0]) && Number.isFinite(lm[1]);
      if (ok || !this.fx[i].initialized) {
        if (Number.isFinite(lm[0]) && Number.isFinite(lm[1])) {
          this.x[i] = this.fx[i].filter(lm[0] * aspect, tMs);
          this.y[i] = this.fy[i].filter(lm[1], tMs);
          this.z[i] = this.fz[i].filter(Number.isFinite(lm[2]) ? lm[2] : 0, tMs);
          if (ok) this.lastGood[i] = tMs;
        }
      }
      const fresh = tMs - this.lastGood[i] <= this.p.holdMs;
      // an untrusted landmark that was never trusted still gets its (low) visibility, so callers can weigh it
      this.v[i] = fresh ? this.vis[i] : Math.min(this.vis[i], this.p.minVisibility * 0.5);
    }
  }

  /** Copy out as landmarks in the input's normalised coordinates (allocates: for results only). */
  toLandmarks(aspect: number): Landmark[] {
    const out: Landmark[] = new Array(LANDMARK_COUNT);
    for (let i = 0; i < LANDMARK_COUNT; i++) out[i] = [this.x[i] / aspect, this.y[i], this.z[i], this.v[i]];
    return out;
  }
}
