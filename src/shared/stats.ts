/** Small measurement helpers shared by the live screen, review and benchmarks. */

/** Events per second over a sliding window. */
export class RateMeter {
  private times: number[] = [];
  constructor(private readonly windowMs = 1000) {}

  add(tMs: number): void {
    this.times.push(tMs);
    const cutoff = tMs - this.windowMs;
    let drop = 0;
    while (drop < this.times.length && this.times[drop] < cutoff) drop++;
    if (drop) this.times.splice(0, drop);
  }

  get rate(): number {
    const n = this.times.length;
    if (n < 2) return 0;
    const span = this.times[n - 1] - this.times[0];
    return span > 0 ? ((n - 1) * 1000) / span : 0;
  }
}

/** Exponential moving average, for a steady on-screen number. */
export class Ema {
  value = NaN;
  constructor(private readonly alpha = 0.1) {}
  add(x: number): number {
    this.value = Number.isNaN(this.value) ? x : this.value + this.alpha * (x - this.value);
    return this.value;
  }
}

/**
 * True at most once per `everyMs`. On-screen numbers that change every frame
 * are paced with it: unreadable at 15 Hz anyway, and each repaint takes CPU
 * from the pose worker (hiding the live page's text panels measured ~2% less
 * inference time on this 2-core machine).
 */
export class Pacer {
  private last = -Infinity;
  constructor(private readonly everyMs: number) {}
  due(nowMs: number): boolean {
    if (nowMs - this.last < this.everyMs && nowMs >= this.last) return false;
    this.last = nowMs;
    return true;
  }
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const idx = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[idx];
}
