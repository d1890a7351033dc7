/** Finding frames by time in a clip (sorted by t). */

/** Index of the frame on screen at time `t` (the last frame at or before it), clamped to the clip. */
export function frameAt(times: ArrayLike<number>, t: number): number {
  const n = times.length;
  if (n === 0) return -1;
  // Half a millisecond of slack: a seek to a frame's own timestamp shows that frame.
  const x = t + 0.5;
  if (x < times[0]) return 0;
  let lo = 0, hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (times[mid] <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Time of the frame `delta` frames away from the one shown at `t`. */
export function stepTime(times: ArrayLike<number>, t: number, delta: number): number {
  const i = frameAt(times, t);
  if (i < 0) return t;
  return times[Math.max(0, Math.min(times.length - 1, i + delta))];
}

/** <video> time (s) for a clip time: half a millisecond in, so a seek lands on that frame. */
export const videoTime = (ms: number) => (ms + 0.5) / 1000;
