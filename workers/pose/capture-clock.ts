/**
 * Maps camera frame timestamps onto the wall clock. A frame's timestamp is
 * its capture time on a clock of the browser's choosing; the smallest
 * (arrival − timestamp) seen is the delivery delay with nothing queued, so
 * adding it gives a capture time whose latency counts any time the frame
 * waited. Gaps between timestamps count the frames never read.
 */
export class CaptureClock {
  private offset = Infinity;
  private lastMs = NaN;
  readonly intervalMs: number;

  constructor(nominalFps: number) {
    this.intervalMs = 1000 / (nominalFps > 0 ? nominalFps : 30);
  }

  /** `timestampUs` as VideoFrame.timestamp (µs); `arrivalWallMs` when it was read. */
  add(timestampUs: number, arrivalWallMs: number): { captureWallMs: number; skipped: number } {
    const ms = timestampUs / 1000;
    this.offset = Math.min(this.offset, arrivalWallMs - ms);
    const skipped = Number.isNaN(this.lastMs) ? 0 : Math.max(0, Math.round((ms - this.lastMs) / this.intervalMs) - 1);
    this.lastMs = ms;
    return { captureWallMs: ms + this.offset, skipped };
  }
}
