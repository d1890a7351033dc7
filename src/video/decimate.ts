/**
 * Which frames to keep when reading a clip at a lower rate than it was
 * filmed: a frame is kept once it is at least 90% of the interval past the
 * last one kept, so a 59.94 fps clip read at 30 keeps every other frame
 * despite timestamp jitter, and a 30 fps clip keeps all of them.
 */
export function keepFrame(t: number, lastKept: number | null, minIntervalMs: number): boolean {
  return lastKept === null || minIntervalMs <= 0 || t - lastKept >= minIntervalMs * 0.9;
}

/** Interval between analysed frames for a rate cap; 0 = every frame. */
export function intervalFor(maxFps: number | null | undefined): number {
  return maxFps && maxFps > 0 ? 1000 / maxFps : 0;
}
