/**
 * Recorded video → landmark recording (PoseClip). Decoding runs ahead of
 * the pose worker by a few frames, and the next frame is already queued at
 * the worker while it measures the current one, so the worker works back to
 * back: throughput is the model's, not real-time playback's, and not the
 * message round trip's. With several workers (cores), each measures its own
 * part of the video. Nothing here knows about lifts or faults.
 */
import type { PoseClient } from '../client/pose-client';
import type { PoseClip, PoseFrame } from '../analysis/types';
import type { PoseResult } from '../shared/pose-protocol';
import type { FrameSource, VideoInfo } from '../video/types';
import { EtaEstimator, type ProgressSnapshot } from './eta';
import { planSegments, type Segment } from './segments';

/** How a video is split between `workers` pose workers (one part when it cannot be seeked). */
export function planParts(source: Pick<FrameSource, 'seekable' | 'info'>, workers: number): Segment[] {
  return planSegments({ workers: source.seekable ? workers : 1, durationMs: source.info.durationMs });
}

export interface PipelineStats {
  frames: number;
  /** wall time from the first frame handed to the worker to the last result */
  wallMs: number;
  /** sum of the time spent inside detectForVideo */
  inferenceMs: number;
  /** time the pipeline waited on the decoder for a frame */
  waitMs: number;
  /** frames per second of wall time */
  fps: number;
  /** inference time / (wall time × workers): 1 = no worker ever sat idle */
  utilisation: number;
  /** pose workers that measured a part of the video each */
  workers: number;
}

export interface PipelineResult {
  clip: PoseClip;
  info: VideoInfo;
  stats: PipelineStats;
}

export interface PipelineHooks {
  signal?: AbortSignal;
  onProgress?(p: ProgressSnapshot): void;
  /** the model name recorded in the clip */
  model?: string;
  /**
   * Frames queued at the worker at once. 2 hides the message round trip
   * behind the current inference; the worker still measures them one at a
   * time, in order, so results do not depend on it.
   */
  depth?: number;
  /** skip frames closer together than this (ms): a 60 fps clip analysed at 30 */
  minIntervalMs?: number;
}

/**
 * Runs the frames of `source` through the workers (each `init`ed by the
 * caller): one part of the video per worker when the source can read parts
 * at once, stitched in time order; else the whole video through the first.
 */
export async function poseClipFromVideo(source: FrameSource, clients: readonly PoseClient[], hooks: PipelineHooks = {}): Promise<PipelineResult> {
  const { info } = source;
  const depth = Math.max(1, hooks.depth ?? 2);
  const minIntervalMs = hooks.minIntervalMs ?? 0;
  const segments = planParts(source, clients.length);
  const rateShare = minIntervalMs > 0 && info.fps > 0 ? Math.min(1, 1000 / minIntervalMs / info.fps) : 1;
  const warmFrames = segments.reduce((n, s) => n + ((s.startMs - s.warmFromMs) / 1000) * info.fps * rateShare, 0);
  const expected = Math.round(info.frameCount * rateShare + warmFrames);
  const eta = new EtaEstimator(expected);
  let measured = 0;
  let inferenceMs = 0;
  let waitMs = 0;
  let first = NaN;
  let last = NaN;
  let lastProgress = -Infinity;

  const runSegment = async (seg: Segment, client: PoseClient): Promise<PoseFrame[]> => {
    await client.reset();
    const frames: PoseFrame[] = [];
    const queued: Promise<PoseResult>[] = [];
    const collect = async () => {
      const r = await queued.shift()!;
      last = performance.now();
      inferenceMs += r.inferenceMs;
      measured++;
      // Warm-up frames settle the tracker; the part before this one has them.
      if (r.t >= seg.startMs) {
        const frame: PoseFrame = { t: r.t, landmarks: r.landmarks, world: r.world, people: r.people };
        if (r.dorsal !== undefined) frame.dorsal = r.dorsal;
        frames.push(frame);
      }
      if (hooks.onProgress && last - lastProgress > 100) {
        lastProgress = last;
        hooks.onProgress(eta.update(measured, last, Math.max(expected, measured)));
      }
    };
    try {
      let asked = performance.now();
      const range = { startMs: seg.warmFromMs, endMs: seg.endMs === Infinity ? undefined : seg.endMs, minIntervalMs };
      for await (const f of source.frames(hooks.signal, range)) {
        const got = performance.now();
        if (Number.isNaN(first)) first = got;
        else waitMs += got - asked;
        queued.push(client.detect(f.bitmap, f.t));
        if (queued.length >= depth) await collect();
        if (hooks.signal?.aborted) break;
        asked = performance.now();
      }
      while (queued.length) await collect();
    } finally {
      // On an error, the rest will reject too (a dead worker rejects all); nobody is listening.
      for (const q of queued) q.catch(() => {});
    }
    return frames;
  };

  const parts = await Promise.all(segments.map((seg, i) => runSegment(seg, clients[i])));
  const frames = parts.flat();
  if (hooks.onProgress && Number.isFinite(last)) hooks.onProgress(eta.update(measured, last, measured));
  hooks.signal?.throwIfAborted();
  const wallMs = Number.isNaN(first) ? 0 : last - first;
  const clip: PoseClip = {
    source: info.name,
    ...(hooks.model ? { model: hooks.model } : {}),
    fps: Math.round(info.fps * rateShare * 1000) / 1000,
    width: info.width,
    height: info.height,
    frames,
  };
  return {
    clip,
    info,
    stats: {
      frames: frames.length,
      wallMs,
      inferenceMs,
      waitMs,
      fps: wallMs > 0 ? (frames.length * 1000) / wallMs : 0,
      utilisation: wallMs > 0 ? inferenceMs / wallMs / segments.length : 0,
      workers: segments.length,
    },
  };
}
