/**
 * Recorded video → landmark recording (PoseClip). Decoding runs ahead of
 * the pose worker by a few frames, and the next frame is already queued at
 * the worker while it measures the current one, so the worker works back to
 * back: throughput is the model's, not real-time playback's, and not the
 * message round trip's. Nothing here knows about lifts or faults.
 */
import type { PoseClient } from '../client/pose-client';
import type { PoseClip, PoseFrame } from '../analysis/types';
import type { PoseResult } from '../shared/pose-protocol';
import type { FrameSource, VideoInfo } from '../video/types';
import { EtaEstimator, type ProgressSnapshot } from './eta';

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
  /** inference time / wall time: 1 = the worker never sat idle */
  utilisation: number;
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
}

/** Runs every frame of `source` through the worker. The caller has `init`ed and `reset` the client. */
export async function poseClipFromVideo(source: FrameSource, client: PoseClient, hooks: PipelineHooks = {}): Promise<PipelineResult> {
  const { info } = source;
  const depth = Math.max(1, hooks.depth ?? 2);
  const frames: PoseFrame[] = [];
  const eta = new EtaEstimator(info.frameCount);
  const queued: Promise<PoseResult>[] = [];
  let inferenceMs = 0;
  let waitMs = 0;
  let first = NaN;
  let last = NaN;
  let lastProgress = -Infinity;

  const collect = async () => {
    const r = await queued.shift()!;
    last = performance.now();
    inferenceMs += r.inferenceMs;
    const frame: PoseFrame = { t: r.t, landmarks: r.landmarks, world: r.world, people: r.people };
    if (r.dorsal !== undefined) frame.dorsal = r.dorsal;
    frames.push(frame);
    if (hooks.onProgress && (last - lastProgress > 100 || frames.length === info.frameCount)) {
      lastProgress = last;
      hooks.onProgress(eta.update(frames.length, last, Math.max(info.frameCount, frames.length)));
    }
  };

  try {
    let asked = performance.now();
    for await (const f of source.frames(hooks.signal)) {
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
  hooks.signal?.throwIfAborted();
  const wallMs = Number.isNaN(first) ? 0 : last - first;
  const clip: PoseClip = {
    source: info.name,
    ...(hooks.model ? { model: hooks.model } : {}),
    fps: Math.round(info.fps * 1000) / 1000,
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
      utilisation: wallMs > 0 ? inferenceMs / wallMs : 0,
    },
  };
}
