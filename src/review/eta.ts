/**
 * Progress and time left for the analysis, from the recent rate (frames per
 * second of wall time over a sliding window), so a slow start (model warm-up)
 * does not haunt the estimate.
 */
export interface ProgressSnapshot {
  done: number;
  total: number;
  /** 0..1 */
  fraction: number;
  /** frames per second of wall time, recent */
  fps: number;
  /** ms left, or null while there is too little to go on */
  etaMs: number | null;
  elapsedMs: number;
}

export class EtaEstimator {
  private marks: [number, number][] = [];
  private start = NaN;

  constructor(
    private total: number,
    private readonly windowMs = 4000,
    private readonly minFrames = 5,
  ) {}

  /** `done` frames finished at time `now` (ms). */
  update(done: number, now: number, total = this.total): ProgressSnapshot {
    this.total = Math.max(total, done);
    if (Number.isNaN(this.start)) this.start = now;
    this.marks.push([now, done]);
    while (this.marks.length > 2 && now - this.marks[1][0] >= this.windowMs) this.marks.shift();
    const [t0, d0] = this.marks[0];
    const fps = now > t0 && done > d0 ? ((done - d0) * 1000) / (now - t0) : 0;
    const remaining = this.total - done;
    const etaMs = done >= this.minFrames && fps > 0 ? (remaining * 1000) / fps : remaining === 0 ? 0 : null;
    return { done, total: this.total, fraction: this.total > 0 ? done / this.total : 0, fps, etaMs, elapsedMs: now - this.start };
  }
}

/** "about 1 min 20 s left", "under 5 s left", or "" while unknown. */
export function formatEta(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '';
  const s = Math.round(ms / 1000);
  if (s < 5) return 'a few seconds left';
  if (s < 60) return `about ${s} s left`;
  const m = Math.floor(s / 60);
  const r = Math.round((s - m * 60) / 10) * 10;
  return r > 0 && r < 60 ? `about ${m} min ${r} s left` : `about ${r === 60 ? m + 1 : m} min left`;
}
