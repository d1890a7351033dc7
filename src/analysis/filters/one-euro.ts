/**
 * One-Euro filter (Casiez, Roussel & Vogel, CHI 2012): a low-pass whose cutoff
 * rises with speed, so slow jitter is smoothed hard while fast motion keeps
 * little lag. It uses the real time step, so it works at 15–60 fps and across
 * uneven frame timing.
 */

export interface OneEuroParams {
  /** Hz: cutoff at rest (lower = smoother, more lag when still) */
  minCutoff: number;
  /** cutoff gain per unit/s of speed (higher = less lag in fast motion) */
  beta: number;
  /** Hz: cutoff of the speed estimate */
  dCutoff: number;
}

export const DEFAULT_ONE_EURO: OneEuroParams = { minCutoff: 1.2, beta: 0.6, dCutoff: 1.0 };

function alpha(cutoff: number, dtS: number): number {
  const tau = 1 / (2 * Math.PI * cutoff);
  return 1 / (1 + tau / dtS);
}

export class OneEuroFilter {
  private x = 0;
  private dx = 0;
  private tMs = 0;
  private primed = false;

  constructor(private readonly p: OneEuroParams = DEFAULT_ONE_EURO) {}

  reset(): void {
    this.primed = false;
    this.dx = 0;
  }

  get value(): number {
    return this.x;
  }

  get initialized(): boolean {
    return this.primed;
  }

  /** Filter sample `v` taken at `tMs`. A non-increasing time re-primes nothing: the sample is ignored. */
  filter(v: number, tMs: number): number {
    if (!this.primed) {
      this.x = v;
      this.dx = 0;
      this.tMs = tMs;
      this.primed = true;
      return v;
    }
    const dtS = (tMs - this.tMs) / 1000;
    if (!(dtS > 0)) return this.x;
    this.tMs = tMs;
    const rawDx = (v - this.x) / dtS;
    this.dx += alpha(this.p.dCutoff, dtS) * (rawDx - this.dx);
    const cutoff = this.p.minCutoff + this.p.beta * Math.abs(this.dx);
    this.x += alpha(cutoff, dtS) * (v - this.x);
    return this.x;
  }
}
