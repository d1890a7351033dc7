/**
 * The live loop inside the worker: reads camera frames from a stream the
 * page handed over (MediaStreamTrackProcessor's readable), so frames go from
 * the capture pipeline to the landmarker without touching the page's main
 * thread. The processor keeps only the newest frame, so a slow frame makes
 * the camera's next ones drop instead of queueing.
 *
 * A camera frame is closed as soon as the landmarker's input has been made
 * from it, and the page gets a bitmap of that input to draw. Cameras lend
 * out only a few buffers: holding one through the inference and a clone
 * while the page showed it made the camera here skip every frame that came
 * during a measurement, so each read waited ~15 ms for the next one
 * (14 instead of 18 frames/s in back-to-back runs).
 */
import { inferenceSize } from '../../src/shared/frame-size';
import type { PoseResult, StreamedFrame, StreamOptions } from '../../src/shared/pose-protocol';
import { CaptureClock } from './capture-clock';
import type { LandmarkerInput } from './engine';
import { FrameInput } from './frame-input';

/** What the loop needs from the engine (PoseEngine in the worker; a fake in tests). */
export interface FrameMeasurer {
  measure(frame: LandmarkerInput, t: number): PoseResult;
  countPeopleIfDue(frame: LandmarkerInput, t: number, opts: { wait: boolean }): Promise<void>;
}

export class FrameStream {
  private reader: ReadableStreamDefaultReader<VideoFrame> | null = null;

  constructor(
    private readonly engine: FrameMeasurer,
    /** Turns a camera frame into the landmarker's input (swappable in tests). */
    private readonly input: Pick<FrameInput, 'of' | 'picture'> = new FrameInput(),
    private readonly wallNow: () => number = () => performance.timeOrigin + performance.now(),
  ) {}

  /** Runs until the stream ends; one stream at a time (a new one replaces the old). */
  async run(frames: ReadableStream<VideoFrame>, options: StreamOptions, onFrame: (f: StreamedFrame) => void): Promise<void> {
    await this.stop();
    const reader = frames.getReader();
    this.reader = reader;
    const clock = new CaptureClock(options.nominalFps);
    /** frames read but too old to measure, reported with the next result */
    let stale = 0;
    try {
      for (;;) {
        const asked = this.wallNow();
        const { value: frame, done } = await reader.read();
        if (done || this.reader !== reader) {
          frame?.close();
          return;
        }
        const now = this.wallNow();
        const { captureWallMs, skipped } = clock.add(frame.timestamp, now);
        // A frame that sat in the buffer while the last one was measured is old
        // news when the next is due sooner than it is old: wait for that one
        // instead (once: a camera with jittery timestamps never stalls the loop).
        const waited = now - asked > 1;
        if (!waited && stale === 0 && now - captureWallMs > clock.intervalMs / 2) {
          frame.close();
          stale++;
          continue;
        }
        const size = inferenceSize(frame.displayWidth, frame.displayHeight, options.maxSide);
        const input = await this.input.of(frame, size.width, size.height);
        const inputMs = this.wallNow() - now;
        if (input !== frame) frame.close();
        try {
          const t = captureWallMs - options.originWallMs;
          const result = this.engine.measure(input, t);
          // The page draws the very picture that was measured, so the skeleton never lags it.
          const picture = options.returnFrames ? await this.input.picture(input) : undefined;
          const stages = { ageMs: now - captureWallMs, inputMs, workMs: this.wallNow() - now };
          onFrame({ result, captureWallMs, skipped: skipped + stale, frame: picture, stages });
          stale = 0;
          // After the result has left: the head count delays the next read, not this cue.
          if (result.landmarks) await this.engine.countPeopleIfDue(input, t, { wait: false });
        } finally {
          if (input !== frame && 'close' in input) input.close();
          frame.close();
        }
      }
    } finally {
      if (this.reader === reader) this.reader = null;
      reader.releaseLock();
    }
  }

  async stop(): Promise<void> {
    const reader = this.reader;
    this.reader = null;
    await reader?.cancel().catch(() => undefined);
  }
}
