/**
 * The page's handle on the pose worker. One frame in flight at a time:
 * live callers use `tryDetect`, which drops a frame when the worker is busy
 * (drop, don't lag); offline callers await `detect`. A crashed or aborted
 * worker rejects what was pending and is restarted on the next `init`.
 */
import * as Comlink from 'comlink';
import { clockOffset, type Ping } from '../shared/clock-offset';
import { POSE_SETUP, type EngineConfig, type EngineInfo, type PoseResult, type PoseWorkerApi, type StreamedFrame, type StreamOptions } from '../shared/pose-protocol';

export class WorkerCrashedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkerCrashedError';
  }
}

export class AbortedError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'AbortError';
  }
}

type Pending = { reject: (e: Error) => void };

/**
 * A worker that dies without an error event (killed for memory, a hung wasm
 * call) would leave its calls pending forever; past these limits it is
 * treated as crashed and restarted.
 */
export const WATCHDOG_MS = { init: 120_000, detect: 30_000, other: 30_000 };
/**
 * While the worker streams, it is asked for a sign of life this often (a
 * hung wasm call cannot answer), and it is presumed dead after a silence
 * with neither a frame nor an answer: a lifter mid-set should get tracking
 * back within seconds. The slowest legitimate silence once a stream runs is
 * one inference (under ~1 s even for the heavy model on a software GPU
 * here). Before its first frame a stream gets longer (the first inference
 * of a fresh worker is the slowest, more so on a loaded device), and with
 * the delegate on 'auto' so do its first seconds, which also build the GPU
 * landmarker for the trial.
 */
export const HEARTBEAT_MS = 250;
export const STREAM_SILENCE_MS = { warmUp: 10_000, running: 1_500 };
/** How long the delegate trial may take at the start of an 'auto' stream. */
export const STREAM_WARM_UP_MS = 15_000;

export class PoseClient {
  private worker: Worker | null = null;
  private api: Comlink.Remote<PoseWorkerApi> | null = null;
  private pending = new Set<Pending>();
  private busy = false;
  private config: EngineConfig | null = null;
  /** the worker's wall clock minus the page's, ms, measured after each init */
  private offsetMs = 0;
  /** Called when the worker dies on its own (not on `terminate`). */
  onCrash: ((error: Error) => void) | null = null;

  get inFlight(): boolean {
    return this.busy;
  }

  /**
   * Starts (or switches) the engine. Masks, poses and the head count always
   * come from POSE_SETUP, whatever the caller passes: live and review must
   * measure the same way (a recording made offline must carry what live
   * coaching sees); the caller picks model and delegate.
   */
  async init(config: EngineConfig): Promise<EngineInfo> {
    config = { ...config, ...POSE_SETUP };
    this.config = config;
    const info = await this.call((api) => api.init(config), WATCHDOG_MS.init);
    // Once per worker, while it is idle: not when a stream starts (a camera
    // stream's frames must not pile up while the pings go back and forth).
    this.offsetMs = await this.measureClockOffset();
    return info;
  }

  /** Live path: null when a frame is already being measured; the dropped frame is closed. */
  tryDetect(frame: ImageBitmap | VideoFrame, t: number): Promise<PoseResult> | null {
    if (this.busy) {
      frame.close();
      return null;
    }
    return this.detect(frame, t);
  }

  /** Offline path: one at a time, in order. The frame is transferred to the worker. */
  async detect(frame: ImageBitmap | VideoFrame, t: number): Promise<PoseResult> {
    this.busy = true;
    try {
      return await this.call((api) => api.detect(Comlink.transfer(frame, [frame as Transferable]), t), WATCHDOG_MS.detect);
    } finally {
      this.busy = false;
    }
  }

  /**
   * Live path: the worker reads the camera itself from `frames` (transferred
   * to it) and calls `onFrame` for each measured frame. Resolves when the
   * stream ends (when its track is stopped).
   */
  async stream(frames: ReadableStream<VideoFrame>, options: StreamOptions, onFrame: (f: StreamedFrame) => void): Promise<void> {
    this.busy = true;
    // Capture times come on the worker's clock: hand them on in the page's.
    const offset = this.offsetMs;
    const startMs = performance.now();
    let heardMs = startMs;
    let tickMs = startMs;
    let framesSeen = 0;
    /** the slowest frame after the first (a fresh worker's first inference is its warm-up): a slow device's silences are longer */
    let slowestMs = 0;
    const onWorkerFrame = (f: StreamedFrame) => {
      heardMs = performance.now();
      if (framesSeen++ > 0) slowestMs = Math.max(slowestMs, f.stages?.workMs ?? f.result.inferenceMs);
      onFrame({ ...f, captureWallMs: f.captureWallMs - offset });
    };
    options = { ...options, originWallMs: options.originWallMs + offset };
    // A camera may pause without the worker being stuck; a worker that cannot answer is.
    const worker = this.worker;
    const heartbeat = setInterval(() => {
      const now = performance.now();
      // This page was blocked (or throttled) itself: answers may be queued behind this tick.
      if (now - tickMs > 3 * HEARTBEAT_MS) heardMs = now;
      tickMs = now;
      if (this.worker !== worker) return;
      // Until its first frame, a fresh worker may be in its first (slowest) inference.
      const starting = framesSeen === 0 || (this.config?.delegate === 'auto' && now - startMs < STREAM_WARM_UP_MS);
      const limit = Math.max(starting ? STREAM_SILENCE_MS.warmUp : STREAM_SILENCE_MS.running, 4 * slowestMs);
      if (now - heardMs > limit) {
        const err = new WorkerCrashedError(`pose worker stopped responding (no answer in ${(limit / 1000).toFixed(1)} s)`);
        this.kill(err);
        this.onCrash?.(err);
        return;
      }
      void this.call((api) => api.info(), null).then(() => (heardMs = performance.now()), () => undefined);
    }, HEARTBEAT_MS);
    try {
      await this.call((api) => api.stream(Comlink.transfer(frames, [frames as unknown as Transferable]), options, Comlink.proxy(onWorkerFrame)), null);
    } finally {
      clearInterval(heartbeat);
      this.busy = false;
    }
  }

  /** The worker's wall clock minus the page's, ms (a few pings; see clock-offset). */
  private async measureClockOffset(pings = 7): Promise<number> {
    const got: Ping[] = [];
    for (let i = 0; i < pings; i++) {
      const sent = performance.timeOrigin + performance.now();
      const remote = await this.call((api) => api.wallNow());
      got.push({ sent, remote, received: performance.timeOrigin + performance.now() });
    }
    return clockOffset(got);
  }

  /** A new clip: fresh tracking state (results then depend only on this clip's frames). */
  reset(): Promise<void> {
    return this.call((api) => api.reset());
  }

  info(): Promise<EngineInfo | null> {
    return this.call((api) => api.info());
  }

  /** Cancels whatever is pending by ending the worker; the next `init` starts a new one. */
  abort(): void {
    this.kill(new AbortedError());
  }

  terminate(): void {
    this.kill(new AbortedError());
  }

  private ensure(): Comlink.Remote<PoseWorkerApi> {
    if (this.api) return this.api;
    const worker = new Worker(new URL('../../workers/pose/pose.worker.ts', import.meta.url), {
      type: 'module',
      name: 'pose',
    });
    const crashed = (message: string) => {
      if (this.worker !== worker) return;
      const err = new WorkerCrashedError(message);
      this.kill(err);
      this.onCrash?.(err);
    };
    worker.addEventListener('error', (e) => crashed(`pose worker crashed: ${e.message || 'unknown error'}`));
    worker.addEventListener('messageerror', () => crashed('pose worker sent an unreadable message'));
    this.worker = worker;
    this.api = Comlink.wrap<PoseWorkerApi>(worker);
    return this.api;
  }

  /** `limitMs` null: no time limit (a stream runs as long as the camera does). */
  private call<T>(fn: (api: Comlink.Remote<PoseWorkerApi>) => Promise<T>, limitMs: number | null = WATCHDOG_MS.other): Promise<T> {
    const api = this.ensure();
    const worker = this.worker;
    return new Promise<T>((resolve, reject) => {
      const p: Pending = { reject };
      this.pending.add(p);
      const timer =
        limitMs === null
          ? undefined
          : setTimeout(() => {
              if (this.worker !== worker || !this.pending.has(p)) return;
              const err = new WorkerCrashedError(`pose worker stopped responding (no answer in ${Math.round(limitMs / 1000)} s)`);
              this.kill(err);
              this.onCrash?.(err);
            }, limitMs);
      fn(api).then(
        (v) => {
          clearTimeout(timer);
          this.pending.delete(p);
          resolve(v);
        },
        (e: unknown) => {
          clearTimeout(timer);
          this.pending.delete(p);
          reject(e instanceof Error ? e : new Error(String(e)));
        },
      );
    });
  }

  private kill(reason: Error): void {
    const worker = this.worker;
    this.worker = null;
    if (this.api) this.api[Comlink.releaseProxy]();
    this.api = null;
    worker?.terminate();
    this.busy = false;
    for (const p of this.pending) p.reject(reason);
    this.pending.clear();
  }
}
