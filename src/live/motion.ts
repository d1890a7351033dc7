/**
 * How much the body is moving, for "stand still to start". Uses the hips and
 * shoulders only (hands fidget, feet are often occluded), in normalised
 * image units per second, smoothed so one noisy frame does not count.
 */
import type { Landmark } from '../analysis/types';

const TRUNK = [11, 12, 23, 24] as const;

export class MotionMeter {
  private last: { t: number; x: number; y: number } | null = null;
  private smoothed = Infinity;

  constructor(private readonly alpha = 0.3) {}

  /** Feeds one frame; returns the smoothed speed (Infinity until two frames are seen). */
  add(t: number, lm: readonly Landmark[] | null): number {
    if (!lm) {
      this.last = null;
      this.smoothed = Infinity;
      return this.smoothed;
    }
    let x = 0, y = 0;
    for (const i of TRUNK) {
      x += lm[i][0];
      y += lm[i][1];
    }
    x /= TRUNK.length;
    y /= TRUNK.length;
    const prev = this.last;
    this.last = { t, x, y };
    if (!prev || t <= prev.t) return this.smoothed;
    const v = Math.hypot(x - prev.x, y - prev.y) / ((t - prev.t) / 1000);
    this.smoothed = Number.isFinite(this.smoothed) ? this.smoothed + this.alpha * (v - this.smoothed) : v;
    return this.smoothed;
  }
}
