/**
 * Bench-only page (not in the app's build): decodes one clip with the app's
 * own decoder (src/video: mediabunny + WebCodecs, frames at the inference size)
 * and measures every frame twice with the full model on the CPU delegate:
 * a VIDEO-mode landmarker (tracking + MediaPipe's landmark smoothing, what the
 * app runs) and an IMAGE-mode landmarker (`detect()` per frame, no temporal
 * state at all). bench/smoothing.ts drives it through window.__smoothing.
 */
import { FilesetResolver, PoseLandmarker, type NormalizedLandmark } from '@mediapipe/tasks-vision';
import { openVideo } from '../../src/video/open-video';

type Tuple = [number, number, number, number];
export interface ModeFrames {
  t: number[];
  landmarks: (Tuple[] | null)[];
  world: (Tuple[] | null)[];
  ms: number[];
}
export interface ClipRun {
  decoder: string;
  codec: string;
  fps: number;
  width: number;
  height: number;
  inferenceWidth: number;
  inferenceHeight: number;
  video: ModeFrames;
  image: ModeFrames;
}

const r5 = (v: number) => Math.round(v * 1e5) / 1e5;
const tuples = (pts: NormalizedLandmark[] | undefined): Tuple[] | null =>
  pts ? pts.map((p) => [r5(p.x), r5(p.y), r5(p.z), r5(p.visibility ?? 0)] as Tuple) : null;

let fileset: Awaited<ReturnType<typeof FilesetResolver.forVisionTasks>> | null = null;
let model: Uint8Array | null = null;

async function landmarker(mode: 'VIDEO' | 'IMAGE'): Promise<PoseLandmarker> {
  fileset ??= await FilesetResolver.forVisionTasks(new URL('/wasm', location.href).href);
  model ??= new Uint8Array(await (await fetch('/models/pose_landmarker_full.task')).arrayBuffer());
  return PoseLandmarker.createFromOptions(fileset, {
    baseOptions: { modelAssetBuffer: model, delegate: 'CPU' },
    runningMode: mode,
    numPoses: 1,
  });
}

async function run(clipUrl: string, name: string): Promise<ClipRun> {
  const blob = await (await fetch(clipUrl)).blob();
  const source = await openVideo(blob, name);
  const video = await landmarker('VIDEO');
  const image = await landmarker('IMAGE');
  const out: ClipRun = {
    decoder: source.info.decoder,
    codec: source.info.codec,
    fps: source.info.fps,
    width: source.info.width,
    height: source.info.height,
    inferenceWidth: source.info.inferenceWidth,
    inferenceHeight: source.info.inferenceHeight,
    video: { t: [], landmarks: [], world: [], ms: [] },
    image: { t: [], landmarks: [], world: [], ms: [] },
  };
  let lastTs = -Infinity;
  try {
    for await (const f of source.frames()) {
      try {
        const ts = Math.max(f.t, lastTs + 0.001); // VIDEO mode wants strictly increasing times, as in the engine
        lastTs = ts;
        let t0 = performance.now();
        const rv = video.detectForVideo(f.bitmap, ts);
        out.video.ms.push(performance.now() - t0);
        out.video.t.push(f.t);
        out.video.landmarks.push(tuples(rv.landmarks[0]));
        out.video.world.push(tuples(rv.worldLandmarks[0]));
        rv.close();
        t0 = performance.now();
        const ri = image.detect(f.bitmap);
        out.image.ms.push(performance.now() - t0);
        out.image.t.push(f.t);
        out.image.landmarks.push(tuples(ri.landmarks[0]));
        out.image.world.push(tuples(ri.worldLandmarks[0]));
        ri.close();
      } finally {
        f.bitmap.close();
      }
      if (out.video.t.length % 100 === 0) console.log(`progress ${name} ${out.video.t.length}`);
    }
  } finally {
    source.close();
    video.close();
    image.close();
  }
  return out;
}

(window as unknown as { __smoothing: unknown }).__smoothing = { run };
document.title = 'smoothing ready';
