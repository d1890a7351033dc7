/**
 * The MediaPipe side of the pose worker: loads the wasm and model from the
 * app's own origin, runs PoseLandmarker in VIDEO mode, and picks the delegate
 * by measurement. Knows bodies, not faults.
 */
import { FilesetResolver, PoseLandmarker, type PoseLandmarkerResult } from '@mediapipe/tasks-vision';
import type { Delegate, EngineConfig, EngineInfo, PoseResult } from '../../src/shared/pose-protocol';
import { DelegateTrial } from './delegate-trial';
import { maskSafeWidth, pickMainPose, stretchX, toTuples } from './convert';
import { dorsalRise, FacingVote } from './dorsal';

/** What the landmarker measures; ImageData is the live path's RGBA copy of a camera frame. */
export type LandmarkerInput = ImageBitmap | VideoFrame | ImageData;

type WasmFileset = Awaited<ReturnType<typeof FilesetResolver.forVisionTasks>>;

interface Runner {
  landmarker: PoseLandmarker;
  delegate: Delegate;
  /** VIDEO mode needs strictly increasing timestamps per landmarker. */
  lastTs: number;
}

const base = new URL(import.meta.env.BASE_URL, self.location.href);
export const modelUrl = (model: string) => new URL(`models/pose_landmarker_${model}.task`, base).href;
const wasmUrl = new URL('wasm', base).href;

export class PoseEngine {
  private fileset: Promise<WasmFileset> | null = null;
  private modelBytes = new Map<string, Promise<Uint8Array>>();
  private runners: Partial<Record<Delegate, Runner>> = {};
  private gpuStarting: Promise<void> | null = null;
  private config: EngineConfig | null = null;
  private trial: DelegateTrial | null = null;
  private current: EngineInfo | null = null;
  private facing = new FacingVote();
  /** IMAGE-mode, multi-person landmarker for the occasional head count */
  private counter: Promise<PoseLandmarker> | null = null;
  private counterReady = false;
  private creating: Promise<unknown> = Promise.resolve();
  private lastCount = { t: -Infinity, people: 1 };
  /** scratch canvas for padding an input to a mask-safe width (rarely needed) */
  private pad: OffscreenCanvas | null = null;

  async init(config: EngineConfig): Promise<EngineInfo> {
    const t0 = performance.now();
    this.closeAll();
    this.config = config;
    this.fileset ??= FilesetResolver.forVisionTasks(wasmUrl, true);
    const first: Delegate = config.delegate === 'GPU' ? 'GPU' : 'CPU';
    this.runners[first] = await this.createRunner(first);
    // Started now, not awaited: a live restart must not wait for a second
    // landmarker; the review's first frame waits for it (countPeopleIfDue).
    if ((config.peopleCheckMs ?? 0) > 0) this.headCounter().catch(() => undefined);
    this.trial = config.delegate === 'auto' ? new DelegateTrial() : null;
    this.current = {
      engine: 'mediapipe',
      model: config.model,
      delegate: first,
      delegateReason: config.delegate === 'auto' ? 'measuring CPU and GPU on the first frames' : (config.reason ?? 'chosen by the user'),
      loadMs: performance.now() - t0,
    };
    return this.current;
  }

  info(): EngineInfo | null {
    return this.current;
  }

  /** Measures one frame and closes it; the head count, when due, rides along on this frame. */
  async detect(frame: ImageBitmap | VideoFrame, t: number): Promise<PoseResult> {
    try {
      const out = this.landmarks(frame, t);
      if (out.landmarks) {
        await this.countPeopleIfDue(frame, t);
        out.people = Math.max(out.people, this.lastCount.people);
      }
      return out;
    } finally {
      frame.close();
    }
  }

  /**
   * One frame's landmarks, `people` from the latest head count, for callers
   * that count later, off the result's path. The caller closes the frame.
   */
  measure(frame: LandmarkerInput, t: number): PoseResult {
    const out = this.landmarks(frame, t);
    if (out.landmarks) out.people = Math.max(out.people, this.lastCount.people);
    return out;
  }

  private landmarks(frame: LandmarkerInput, t: number): PoseResult {
    const runner = this.pickRunner();
    const ts = Math.max(t, runner.lastTs + 0.001);
    runner.lastTs = ts;
    const input = this.config?.masks ? this.maskSafe(frame) : { image: frame, widthRatio: 1 };
    const t0 = performance.now();
    const result = runner.landmarker.detectForVideo(input.image, ts);
    const inferenceMs = performance.now() - t0;
    try {
      this.recordTrial(runner.delegate, inferenceMs);
      return this.toPoseResult(result, t, inferenceMs, runner.delegate, input.widthRatio);
    } finally {
      // Masks are copies owned by the result.
      result.close();
    }
  }

  /**
   * With masks on, the CPU delegate's wasm aborts ("RuntimeError: Aborted()")
   * on an input whose width is not a multiple of 4. The app's own paths
   * already send such sizes (inferenceSize); anything else is padded on the
   * right here, and `widthRatio` (padded / original width) maps the
   * landmarks back to the frame as given.
   */
  private maskSafe(frame: LandmarkerInput): { image: LandmarkerInput; widthRatio: number } {
    const w = 'displayWidth' in frame ? frame.displayWidth : frame.width;
    const h = 'displayHeight' in frame ? frame.displayHeight : frame.height;
    const padded = maskSafeWidth(w);
    if (padded === w) return { image: frame, widthRatio: 1 };
    if (this.pad?.width !== padded || this.pad.height !== h) this.pad = new OffscreenCanvas(padded, h);
    const ctx = this.pad.getContext('2d', { willReadFrequently: true })!;
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, padded, h);
    if (frame instanceof ImageData) ctx.putImageData(frame, 0, 0);
    else ctx.drawImage(frame, 0, 0, w, h);
    return { image: ctx.getImageData(0, 0, padded, h), widthRatio: padded / w };
  }

  /**
   * Re-counts the people in view when `peopleCheckMs` of frame time has
   * passed. The main landmarker tracks one pose (so VIDEO mode can skip the
   * detector); this occasional multi-person pass notices a second person.
   */
  async countPeopleIfDue(frame: LandmarkerInput, t: number, opts: { wait: boolean } = { wait: true }): Promise<void> {
    const every = this.config?.peopleCheckMs ?? 0;
    if (every <= 0) return;
    if (t - this.lastCount.t < every && t >= this.lastCount.t) return;
    // Live frames do not wait for the counter being built: it counts from the first frame after.
    if (!opts.wait && !this.counterReady) return;
    const counter = await this.headCounter();
    const res = counter.detect(frame);
    this.lastCount = { t, people: res.landmarks.length };
    res.close();
  }

  private headCounter(): Promise<PoseLandmarker> {
    if (!this.counter) {
      const p = this.loadModel('lite').then((bytes) =>
        this.create({ baseOptions: { modelAssetBuffer: bytes, delegate: 'CPU' }, runningMode: 'IMAGE', numPoses: 3 }),
      );
      this.counter = p;
      p.then(
        () => this.counter === p && (this.counterReady = true),
        // A failed build is retried by the next count, which then reports it.
        () => this.counter === p && (this.counter = null),
      );
    }
    return this.counter;
  }

  /** A new clip: fresh tracking and timestamps, so a clip's result never depends on the one before. */
  async reset(): Promise<void> {
    this.facing = new FacingVote();
    this.lastCount = { t: -Infinity, people: 1 };
    for (const d of Object.keys(this.runners) as Delegate[]) {
      this.runners[d]!.landmarker.close();
      this.runners[d] = await this.createRunner(d);
    }
  }

  dispose(): void {
    this.closeAll();
  }

  private closeAll(): void {
    for (const r of Object.values(this.runners)) r?.landmarker.close();
    void this.counter?.then((c) => c.close(), () => {});
    this.counter = null;
    this.counterReady = false;
    this.lastCount = { t: -Infinity, people: 1 };
    this.runners = {};
    this.gpuStarting = null;
    this.trial = null;
  }

  private pickRunner(): Runner {
    const trial = this.trial;
    if (trial && !trial.result && trial.next() === 'GPU') {
      // The trial wants GPU timings: run this frame there once it has started.
      if (this.runners.GPU) return this.runners.GPU;
      // Start the GPU landmarker in the background; frames keep flowing on CPU.
      this.gpuStarting ??= this.createRunner('GPU').then(
        (r) => {
          if (this.trial === trial) this.runners.GPU = r;
          else r.landmarker.close();
        },
        (e: unknown) => trial.fail(e instanceof Error ? e.message : String(e)),
      );
    }
    const active = this.current?.delegate ?? 'CPU';
    return this.runners[active] ?? this.runners.CPU ?? this.runners.GPU!;
  }

  private recordTrial(delegate: Delegate, ms: number): void {
    const trial = this.trial;
    if (!trial || !this.current) return;
    trial.record(delegate, ms);
    const decided = trial.result;
    if (!decided) return;
    const loser: Delegate = decided.delegate === 'CPU' ? 'GPU' : 'CPU';
    this.runners[loser]?.landmarker.close();
    delete this.runners[loser];
    this.current = { ...this.current, delegate: decided.delegate, delegateReason: decided.reason };
    this.trial = null;
  }

  private toPoseResult(
    result: PoseLandmarkerResult,
    t: number,
    inferenceMs: number,
    delegate: Delegate,
    widthRatio = 1,
  ): PoseResult {
    const people = result.landmarks.length;
    if (people === 0) return { t, landmarks: null, world: null, people, inferenceMs, delegate, ...(this.config?.masks ? { dorsal: null } : {}) };
    const i = pickMainPose(result.landmarks);
    let landmarks = toTuples(result.landmarks[i]);
    const world = result.worldLandmarks[i] ? toTuples(result.worldLandmarks[i]) : null;
    let dorsal: number | null | undefined;
    const mask = result.segmentationMasks?.[i];
    if (mask) {
      // On the (possibly padded) input: the mask has its size, as the landmarks are normalised to it.
      const facing = this.facing.add(landmarks);
      dorsal = dorsalRise(mask.getAsFloat32Array(), mask.width, mask.height, landmarks, facing);
    } else if (this.config?.masks) dorsal = null;
    if (widthRatio !== 1) landmarks = stretchX(landmarks, widthRatio);
    return { t, landmarks, world, people, inferenceMs, delegate, ...(dorsal !== undefined ? { dorsal } : {}) };
  }

  /**
   * Each landmarker instantiates its own wasm module from `self.ModuleFactory`,
   * which the loader sets when its script first runs and tasks-vision clears
   * after use. In a module worker the loader is an ES module, evaluated once,
   * so every later landmarker would fail with "ModuleFactory not set.": put
   * the factory back from the (cached) module first, one creation at a time.
   */
  private create(options: Parameters<typeof PoseLandmarker.createFromOptions>[1]): Promise<PoseLandmarker> {
    const run = this.creating.then(async () => {
      const fileset = await this.fileset!;
      const scope = self as unknown as { ModuleFactory?: unknown };
      if (!scope.ModuleFactory) {
        const loader = (await import(/* @vite-ignore */ fileset.wasmLoaderPath)) as { default: unknown };
        scope.ModuleFactory = loader.default;
      }
      return PoseLandmarker.createFromOptions(fileset, options);
    });
    this.creating = run.catch(() => undefined);
    return run;
  }

  private async createRunner(delegate: Delegate): Promise<Runner> {
    const config = this.config!;
    const bytes = await this.loadModel(config.model);
    const landmarker = await this.create({
      baseOptions: { modelAssetBuffer: bytes, delegate },
      // A worker has no DOM canvas; the GPU delegate needs its own GL surface.
      canvas: delegate === 'GPU' ? new OffscreenCanvas(1, 1) : undefined,
      runningMode: 'VIDEO',
      numPoses: config.numPoses ?? 1,
      outputSegmentationMasks: config.masks ?? false,
    });
    return { landmarker, delegate, lastTs: -1 };
  }

  private loadModel(model: string): Promise<Uint8Array> {
    let p = this.modelBytes.get(model);
    if (!p) {
      p = fetch(modelUrl(model)).then(async (r) => {
        if (!r.ok) throw new Error(`model ${model} could not be loaded (${r.status} ${r.statusText})`);
        return new Uint8Array(await r.arrayBuffer());
      });
      p.catch(() => this.modelBytes.delete(model));
      this.modelBytes.set(model, p);
    }
    return p;
  }
}
