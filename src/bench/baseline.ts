/**
 * Baseline for the benchmark: PoseLandmarker.detectForVideo in a plain loop
 * on the main thread, over frames decoded up front (decoding is not timed).
 * Same models, same wasm, same frame size as the app's pipelines.
 */
import { FilesetResolver, PoseLandmarker } from '@mediapipe/tasks-vision';
import * as Comlink from 'comlink';
import type { EngineLoopApi } from './engine-loop.worker';
import { inferenceSize } from '../shared/frame-size';
import { MODEL_VARIANTS, type Delegate, type ModelVariant } from '../shared/pose-protocol';
import { percentile } from '../shared/stats';

export interface BaselineResult {
  model: ModelVariant;
  delegate: Delegate;
  masks: boolean;
  frames: number;
  msPerFrame: number;
  p95: number;
  detected: number;
}

const base = new URL(import.meta.env.BASE_URL, location.href);

/** Decodes `count` frames spread at the clip's own rate from its start, downscaled like the app does. */
export async function decodeFrames(file: Blob, count: number, fps = 30): Promise<{ bitmaps: ImageBitmap[]; t: number[] }> {
  const video = document.createElement('video');
  video.muted = true;
  video.src = URL.createObjectURL(file);
  await new Promise<void>((res, rej) => {
    video.onloadeddata = () => res();
    video.onerror = () => rej(new Error('the video could not be decoded'));
  });
  const size = inferenceSize(video.videoWidth, video.videoHeight);
  const bitmaps: ImageBitmap[] = [];
  const t: number[] = [];
  const n = Math.min(count, Math.floor(video.duration * fps));
  for (let i = 0; i < n; i++) {
    const at = i / fps;
    await new Promise<void>((res) => {
      video.onseeked = () => res();
      video.currentTime = at;
    });
    bitmaps.push(await createImageBitmap(video, { resizeWidth: size.width, resizeHeight: size.height, resizeQuality: 'low' }));
    t.push(at * 1000);
  }
  URL.revokeObjectURL(video.src);
  return { bitmaps, t };
}

export async function runBaseline(
  frames: { bitmaps: ImageBitmap[]; t: number[] },
  models: readonly ModelVariant[] = MODEL_VARIANTS,
  delegates: readonly Delegate[] = ['CPU'],
  maxFrames: Partial<Record<Delegate, number>> = {},
  warmup = 5,
  /** segmentation masks on, as the live screen runs them (for a like-for-like ratio) */
  masks = false,
): Promise<BaselineResult[]> {
  const fileset = await FilesetResolver.forVisionTasks(new URL('wasm', base).href);
  const out: BaselineResult[] = [];
  for (const model of models) {
    const bytes = new Uint8Array(await (await fetch(new URL(`models/pose_landmarker_${model}.task`, base))).arrayBuffer());
    for (const delegate of delegates) {
      let landmarker: PoseLandmarker;
      try {
        landmarker = await PoseLandmarker.createFromOptions(fileset, {
          baseOptions: { modelAssetBuffer: bytes, delegate },
          canvas: delegate === 'GPU' ? document.createElement('canvas') : undefined,
          runningMode: 'VIDEO',
          numPoses: 1,
          outputSegmentationMasks: masks,
        });
      } catch {
        continue; // delegate not available on this device
      }
      const n = Math.min(frames.bitmaps.length, maxFrames[delegate] ?? Infinity);
      const times: number[] = [];
      let detected = 0;
      for (let i = 0; i < n; i++) {
        const t0 = performance.now();
        const r = landmarker.detectForVideo(frames.bitmaps[i], frames.t[i]);
        const dt = performance.now() - t0;
        if (r.landmarks.length) detected++;
        r.close();
        if (i >= warmup) times.push(dt);
      }
      landmarker.close();
      out.push({
        model,
        delegate,
        masks,
        frames: times.length,
        msPerFrame: times.reduce((a, b) => a + b, 0) / Math.max(1, times.length),
        p95: percentile(times, 95),
        detected,
      });
    }
  }
  return out;
}

/**
 * The same frames through the app's PoseEngine in a worker (copies of the
 * bitmaps are sent, the page keeps its own), for the worker's own cost.
 */
export async function runInWorker(frames: { bitmaps: ImageBitmap[]; t: number[] }, model: ModelVariant, masks: boolean, warmup = 5): Promise<BaselineResult> {
  const worker = new Worker(new URL('./engine-loop.worker.ts', import.meta.url), { type: 'module' });
  try {
    const copies = await Promise.all(frames.bitmaps.map((b) => createImageBitmap(b)));
    const times = await Comlink.wrap<EngineLoopApi>(worker).run(Comlink.transfer(copies, copies), frames.t, model, masks, warmup);
    const msPerFrame = times.reduce((a, b) => a + b, 0) / Math.max(1, times.length);
    return { model, delegate: 'CPU', masks, frames: times.length, msPerFrame, p95: percentile(times, 95), detected: NaN };
  } finally {
    worker.terminate();
  }
}

// The benchmark runner drives these; a person can press the button.
(window as unknown as { __bench: unknown }).__bench = { decodeFrames, runBaseline, runInWorker };
const input = document.getElementById('clip') as HTMLInputElement | null;
document.getElementById('run')?.addEventListener('click', async () => {
  const file = input?.files?.[0];
  const out = document.getElementById('out')!;
  if (!file) {
    out.textContent = 'Choose a video first.';
    return;
  }
  out.textContent = 'Decoding…';
  const frames = await decodeFrames(file, 150);
  out.textContent = 'Measuring…';
  const res = await runBaseline(frames, MODEL_VARIANTS, ['CPU', 'GPU'], { GPU: 20 });
  out.textContent = res.map((r) => `${r.model} ${r.delegate}: ${r.msPerFrame.toFixed(1)} ms/frame (p95 ${r.p95.toFixed(1)})`).join('\n');
});
