/**
 * State of the live screen: camera, pose engine and the per-frame numbers the
 * overlay shows. Components render this; they hold no logic of their own.
 */
import { listCameras, openCamera, stopStream, type CameraChoice } from '../client/camera';
import { PoseClient } from '../client/pose-client';
import { engineStartError } from '../client/load-failure';
import { startFramePump, type FramePump, type PumpCallbacks } from './frame-pump';
import { canStreamToWorker, startTrackStream } from './track-stream';
import { isStalled } from './stall-watch';
import { Ema, Pacer, RateMeter } from '../shared/stats';
import type { DelegateChoice, EngineConfig, EngineInfo, FramePicture, FrameStages, ModelVariant, PoseResult } from '../shared/pose-protocol';
import { recalledDelegate, rememberDelegate } from '../client/delegate-memory';

export type LiveStatus = 'idle' | 'starting' | 'running' | 'error';

export interface FrameSample {
  /** capture → result back on the main thread, ms */
  totalMs: number;
  /** inside detectForVideo, ms */
  inferenceMs: number;
  /** the worker's share, when it read the frame itself */
  stages?: FrameStages;
}

export class LiveSession {
  cameras = $state<CameraChoice[]>([]);
  cameraId = $state<string>('');
  model = $state<ModelVariant>('full');
  delegate = $state<DelegateChoice>('auto');
  status = $state<LiveStatus>('idle');
  message = $state<string>('');
  engine = $state<EngineInfo | null>(null);
  /** The stats line, refreshed a few times a second (see Pacer). */
  readout = $state({ fps: 0, inferenceMs: NaN, dropped: 0 });
  frames = $state(0);
  /** camera frames never measured (arrived while one was), this session */
  dropped = 0;
  pose = $state.raw<PoseResult | null>(null);
  /** A picture of the frame `pose` was measured on, when the frame path returns one (the overlay draws it). */
  shownFrame = $state.raw<FramePicture | null>(null);
  stream = $state.raw<MediaStream | null>(null);
  /** How frames reach the worker: read there from the camera track, or copied over by the page. */
  framePath = $state<'worker' | 'page'>(canStreamToWorker() ? 'worker' : 'page');

  private client = new PoseClient();
  private pump: FramePump | null = null;
  private stallTimer: ReturnType<typeof setInterval> | undefined;
  private lastResultMs = 0;
  private checkingStall = false;
  private rate = new RateMeter();
  private inference = new Ema(0.1);
  private readoutPace = new Pacer(250);
  /** while the delegate trial runs, how often the page asks whether it has decided */
  private trialPace = new Pacer(1000);
  private video: HTMLVideoElement | null = null;
  /** Result timestamps count from here, so they keep increasing across engine restarts. */
  private readonly originMs = performance.now();
  /** Recent frames' timings, for the benchmark (`?samples` in the URL): the app itself keeps none. */
  readonly samples: FrameSample[] = [];
  private readonly keepSamples = typeof location !== 'undefined' && new URLSearchParams(location.search).has('samples');
  /** Listeners for each measured frame (the coaching layer plugs in here). */
  private resultListeners = new Set<(r: PoseResult, captureMs: number) => void>();

  constructor() {
    this.client.onCrash = (e) => void this.recover(e);
  }

  onResult(fn: (r: PoseResult, captureMs: number) => void): () => void {
    this.resultListeners.add(fn);
    return () => this.resultListeners.delete(fn);
  }

  async refreshCameras(): Promise<void> {
    this.cameras = await listCameras();
    if (!this.cameraId && this.cameras[0]) this.cameraId = this.cameras[0].deviceId;
  }

  async start(video: HTMLVideoElement): Promise<void> {
    if (this.status === 'starting' || this.status === 'running') return;
    this.video = video;
    this.status = 'starting';
    this.message = 'Starting the camera…';
    try {
      const stream = await openCamera(this.cameraId || undefined);
      this.stream = stream;
      video.srcObject = stream;
      await video.play();
      // Labels are only readable once permission is granted.
      await this.refreshCameras();
      this.message = `Loading the ${this.model} pose model…`;
      this.engine = await this.startEngine();
      this.runPump(video);
      this.status = 'running';
      this.message = '';
    } catch (e) {
      this.fail(e);
    }
  }

  stop(): void {
    this.stopPump();
    stopStream(this.stream);
    this.stream = null;
    if (this.video) this.video.srcObject = null;
    this.pose = null;
    this.show(null);
    this.status = 'idle';
  }

  /** Switches model or delegate without stopping the camera. */
  async reconfigure(): Promise<void> {
    if (this.status !== 'running' || !this.video) return;
    this.stopPump();
    this.message = `Loading the ${this.model} pose model…`;
    try {
      this.engine = await this.startEngine();
      this.runPump(this.video);
      this.message = '';
    } catch (e) {
      this.fail(e);
    }
  }

  /** Loads the model; a failure says what failed in words a lifter can act on. */
  private async startEngine(): Promise<EngineInfo> {
    try {
      return await this.client.init(this.engineConfig());
    } catch (e) {
      // The worker may be half-initialised: start from a clean one next time.
      this.client.abort();
      throw await engineStartError(e, this.model);
    }
  }

  private engineConfig(): EngineConfig {
    // Measured once per device and model; the trial costs a few slow frames.
    const known = this.delegate === 'auto' ? recalledDelegate(this.model) : null;
    // masks and the head count come from POSE_SETUP, which PoseClient applies to every path
    return { model: this.model, delegate: known?.delegate ?? this.delegate, reason: known?.reason };
  }

  /** The `auto` delegate's one-off trial of CPU against GPU is running (tracking is slow meanwhile). */
  get testingDevice(): boolean {
    return this.delegate === 'auto' && this.status === 'running' && !!this.engine?.delegateReason.startsWith('measuring');
  }

  dispose(): void {
    this.stop();
    this.client.terminate();
  }

  private runPump(video: HTMLVideoElement): void {
    this.stopPump();
    const track = this.stream?.getVideoTracks()[0];
    const callbacks: PumpCallbacks = {
      onResult: (r, captureMs, frame, stages) => {
        const now = performance.now();
        this.lastResultMs = now;
        if (this.keepSamples) {
          if (this.samples.length >= 5000) this.samples.shift();
          this.samples.push({ totalMs: now - captureMs, inferenceMs: r.inferenceMs, stages });
        }
        this.rate.add(now);
        const inferenceMs = this.inference.add(r.inferenceMs);
        if (this.readoutPace.due(now)) this.readout = { fps: this.rate.rate, inferenceMs, dropped: this.dropped };
        this.frames++;
        this.pose = r;
        this.show(frame ?? null);
        if (this.engine && (r.delegate !== this.engine.delegate || (this.testingDevice && this.trialPace.due(now)))) void this.refreshEngine();
        for (const fn of this.resultListeners) fn(r, captureMs);
      },
      onDrop: (n = 1) => (this.dropped += n),
      onError: (e) => this.fail(e),
    };
    this.pump =
      this.framePath === 'worker' && track
        ? startTrackStream(track, this.client, callbacks, this.originMs)
        : startFramePump(video, this.client, callbacks, this.originMs);
    this.lastResultMs = performance.now();
    this.stallTimer = setInterval(() => void this.restartIfStalled(video), 1000);
  }

  private stopPump(): void {
    clearInterval(this.stallTimer);
    this.pump?.stop();
    this.pump = null;
  }

  private async restartIfStalled(video: HTMLVideoElement): Promise<void> {
    const track = this.stream?.getVideoTracks()[0];
    const stalled = () => this.status === 'running' && this.pump !== null && !!track && isStalled(this.lastResultMs, performance.now(), track);
    if (this.checkingStall || !stalled()) return;
    // A worker that does not answer is the crash watchdog's (PoseClient): only
    // the stream of a worker that answers is restarted here.
    this.checkingStall = true;
    try {
      const answered = await Promise.race([
        this.client.info().then(() => true, () => false),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 2000)),
      ]);
      if (!answered || !stalled()) return;
      this.runPump(video);
      this.message = 'The camera stopped reaching the pose engine; the stream was restarted.';
    } finally {
      this.checkingStall = false;
    }
  }

  private show(frame: FramePicture | null): void {
    const old = this.shownFrame;
    this.shownFrame = frame;
    old?.close();
    // While the measured frames are drawn, the hidden preview only costs
    // decode and compositing (measured ~5 ms more per inference): pause it.
    if (frame && !old) this.video?.pause();
    else if (!frame && old && this.stream) void this.video?.play().catch(() => undefined);
  }

  private async refreshEngine(): Promise<void> {
    this.engine = await this.client.info();
    // The trial's slow GPU frames say nothing about the chosen delegate.
    this.inference = new Ema(0.1);
    if (this.engine && this.delegate === 'auto' && this.engine.delegateReason.startsWith('measured')) {
      rememberDelegate(this.engine.model, this.engine.delegate, this.engine.delegateReason);
    }
  }

  /** A crashed worker: say so, start a fresh one, carry on with the same camera. */
  private async recover(e: Error): Promise<void> {
    // While the engine is starting, the failed start reports it (startEngine).
    if (this.status !== 'running') return;
    this.stopPump();
    this.message = `${e.message}. Restarting the pose engine…`;
    try {
      this.client.abort();
      const config = this.engineConfig();
      // No second delegate trial after a crash: the GPU may be what stopped it.
      if (config.delegate === 'auto') Object.assign(config, { delegate: 'CPU', reason: 'the safe choice after the pose engine stopped' });
      this.engine = await this.client.init(config);
      if (this.video && this.stream) this.runPump(this.video);
      this.message = 'The pose engine was restarted after a crash.';
    } catch (err) {
      this.fail(await engineStartError(err, this.model));
    }
  }

  private fail(e: unknown): void {
    this.stopPump();
    this.status = 'error';
    this.message = e instanceof Error ? e.message : String(e);
  }
}
