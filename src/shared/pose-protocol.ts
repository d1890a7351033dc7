/**
 * The contract between the page and the pose worker. The worker measures
 * bodies; it knows nothing of lifts or faults.
 */
import type { Landmark } from '../analysis/types';

export const MODEL_VARIANTS = ['lite', 'full', 'heavy'] as const;
export type ModelVariant = (typeof MODEL_VARIANTS)[number];
export type Delegate = 'CPU' | 'GPU';
/** 'auto' measures both delegates on the first real frames and keeps the faster. */
export type DelegateChoice = Delegate | 'auto';

export interface EngineConfig {
  model: ModelVariant;
  delegate: DelegateChoice;
  /** >1 lets the app warn about a second person, at the cost of running the detector every frame. */
  numPoses?: number;
  /** Segmentation masks feed the back-shape ("dorsal rise") feature; ~10–14% slower. */
  masks?: boolean;
  /**
   * Every this many ms (of frame time), count the people in view with a
   * separate multi-person pass, so a second person can be reported without
   * running the detector on every frame. 0 or absent: off.
   */
  peopleCheckMs?: number;
  /** Why this delegate was picked, when the caller chose it (e.g. an earlier measurement). */
  reason?: string;
}

/**
 * The one engine set-up of every path that measures a lifter: live coaching,
 * the review screen, `npm run analyze` and `npm run recordings` (both drive
 * the review screen). PoseClient applies it on every `init`, so a caller
 * cannot drift from it: masks on, since the back-shape ("dorsal rise")
 * feature needs them and a recording made offline must carry what live
 * coaching sees; one tracked pose, with a head count every 2 s of frame time
 * to notice a second person. Changing it makes `npm run recordings` rebuild.
 */
export const POSE_SETUP = { masks: true, numPoses: 1, peopleCheckMs: 2000 } as const satisfies Partial<EngineConfig>;

/**
 * The review pass (screen, analyze, recordings): the shared set-up on a
 * fixed CPU delegate, so results are reproducible (CLI == screen).
 */
export const REVIEW_ENGINE = { delegate: 'CPU', ...POSE_SETUP } as const satisfies Partial<EngineConfig>;

export interface EngineInfo {
  engine: 'mediapipe';
  model: ModelVariant;
  /** The delegate running now; with 'auto' this may change once after the trial. */
  delegate: Delegate;
  /** How the delegate was chosen. */
  delegateReason: string;
  loadMs: number;
}

/** One frame's measurement, in the interchange format's landmark shape. */
export interface PoseResult {
  /** The caller's timestamp (ms), echoed back. */
  t: number;
  landmarks: Landmark[] | null;
  world: Landmark[] | null;
  /** People in view: from the latest multi-person check when enabled, else the poses returned (0 or 1). */
  people: number;
  /** Time spent inside detectForVideo (ms). */
  inferenceMs: number;
  /** Back-shape feature from the segmentation mask, when masks are on and it could be measured. */
  dorsal?: number | null;
  /** Delegate that produced this result. */
  delegate: Delegate;
}

/** How the worker reads a camera stream itself (see `PoseWorkerApi.stream`). */
export interface StreamOptions {
  /** Longest side of the bitmap the landmarker sees. */
  maxSide: number;
  /** The camera's frame rate, to count the frames skipped while one was being measured. */
  nominalFps: number;
  /** Wall-clock ms (timeOrigin + now) that result timestamps `t` count from. */
  originWallMs: number;
  /** Send a picture of each measured frame back with its result, for the page to draw. */
  returnFrames?: boolean;
}

/** A measured frame's picture for the page to draw (the receiver closes it). */
export type FramePicture = ImageBitmap | VideoFrame;

/** One measured camera frame, as the streaming worker reports it. */
export interface StreamedFrame {
  result: PoseResult;
  /**
   * When the frame was captured, wall-clock ms (timeOrigin + now) on the
   * worker's clock; PoseClient hands it on in the page's (see clock-offset).
   */
  captureWallMs: number;
  /** Camera frames since the previous result that were never measured (arrived while one was). */
  skipped: number;
  /**
   * The measured picture (transferred), when asked for: a bitmap of the
   * landmarker's input, so no camera buffer is held while the page shows it
   * (a clone of the frame when the frame itself had to be measured).
   */
  frame?: FramePicture;
  stages: FrameStages;
}

/** Where a streamed frame's time went in the worker, ms. */
export interface FrameStages {
  /** how old the frame was when the worker read it */
  ageMs: number;
  /** making the landmarker's input from it */
  inputMs: number;
  /** from reading it to sending its result (input and inference included) */
  workMs: number;
}

export interface PoseWorkerApi {
  /** Loads (or swaps) the model and delegate. Safe to call again to switch. */
  init(config: EngineConfig): Promise<EngineInfo>;
  /**
   * Runs the landmarker on one frame; the frame is transferred and closed by
   * the worker. Timestamps must increase within a clip (see `reset`).
   */
  detect(frame: ImageBitmap | VideoFrame, t: number): Promise<PoseResult>;
  /**
   * Live path: reads camera frames straight from a (transferred) stream, so
   * the page never touches a frame, and reports each measured one. Frames that
   * arrive while one is being measured are dropped at the source, never
   * queued. Resolves when the stream ends (its track stopped).
   */
  stream(frames: ReadableStream<VideoFrame>, options: StreamOptions, onFrame: (frame: StreamedFrame) => void): Promise<void>;
  /** Starts a new clip: fresh tracking state and timestamp sequence. */
  reset(): Promise<void>;
  info(): Promise<EngineInfo | null>;
  /** The worker's wall clock (timeOrigin + now), to relate its times to the page's. */
  wallNow(): Promise<number>;
  dispose(): Promise<void>;
}
