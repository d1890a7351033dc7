/**
 * How a video is split between pose workers: equal consecutive parts, each
 * but the first started a little early so its tracker (and MediaPipe's
 * landmark smoothing) has settled by the time its own part begins; the
 * warm-up frames are measured and thrown away. A part shorter than
 * `minPartMs` is not worth a worker's model load and warm-up.
 */
export interface Segment {
  /** first frame this worker keeps, ms */
  startMs: number;
  /** exclusive; Infinity for the last part */
  endMs: number;
  /** where this worker starts reading (≤ startMs) */
  warmFromMs: number;
}

export interface SegmentPlan {
  workers: number;
  durationMs: number;
  warmMs?: number;
  minPartMs?: number;
}

export const WARM_MS = 1000;
export const MIN_PART_MS = 6000;

export function planSegments({ workers, durationMs, warmMs = WARM_MS, minPartMs = MIN_PART_MS }: SegmentPlan): Segment[] {
  const n = Math.max(1, Math.min(Math.floor(workers), Number.isFinite(durationMs) ? Math.floor(durationMs / minPartMs) : 1));
  const part = durationMs / n;
  return Array.from({ length: n }, (_, i) => {
    const startMs = i === 0 ? 0 : Math.round(i * part);
    return { startMs, endMs: i === n - 1 ? Infinity : Math.round((i + 1) * part), warmFromMs: Math.max(0, startMs - (i === 0 ? 0 : warmMs)) };
  });
}
