/**
 * Measurement aids for the throughput claim (reachable with ?debug as
 * `__hinge.reviewBench`). `predecodedLoop` decodes the frames first, with
 * the review's own decoder, then times the worker on them back to back: the
 * pose work alone, without decoding alongside it. `decodeOnly` times the
 * decoder alone.
 */
import type { PoseClient } from '../client/pose-client';
import { openVideo } from '../video/open-video';

export interface LoopResult {
  frames: number;
  /** wall time of decoding alone (to bitmaps at the inference size) */
  decodeMs: number;
  wallMs: number;
  inferenceMs: number;
  msPerFrame: number;
}

export async function predecodedLoop(client: PoseClient, file: Blob, maxFrames = 600): Promise<LoopResult> {
  const d0 = performance.now();
  const source = await openVideo(file, 'bench');
  const frames: { bitmap: ImageBitmap; t: number }[] = [];
  try {
    for await (const f of source.frames()) {
      frames.push({ bitmap: f.bitmap, t: f.t });
      if (frames.length >= maxFrames) break;
    }
  } finally {
    source.close();
  }
  const decodeMs = performance.now() - d0;
  await client.reset();
  let inferenceMs = 0;
  const t0 = performance.now();
  for (const f of frames) inferenceMs += (await client.detect(f.bitmap, f.t)).inferenceMs;
  const wallMs = performance.now() - t0;
  return { frames: frames.length, decodeMs, wallMs, inferenceMs, msPerFrame: wallMs / frames.length };
}

export interface DecodeResult {
  frames: number;
  decodeMs: number;
  fps: number;
  decoder: string;
  codec: string;
}

/** Decoding alone, to bitmaps at the inference size, each closed at once: the decoder's own frame rate. */
export async function decodeOnly(file: Blob, maxFrames = 600): Promise<DecodeResult> {
  const t0 = performance.now();
  const source = await openVideo(file, 'bench');
  let frames = 0;
  try {
    for await (const f of source.frames()) {
      f.bitmap.close();
      if (++frames >= maxFrames) break;
    }
  } finally {
    source.close();
  }
  const decodeMs = performance.now() - t0;
  return { frames, decodeMs, fps: (frames * 1000) / decodeMs, decoder: source.info.decoder, codec: source.info.codec };
}
