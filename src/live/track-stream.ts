/**
 * Live frames straight to the worker: the camera track's frames are read by
 * the pose worker itself (MediaStreamTrackProcessor's readable, transferred),
 * so the page's main thread never copies, scales or posts a frame; it only
 * receives results. Chromium has it; elsewhere the page pump is the fallback.
 */
import type { PoseClient } from '../client/pose-client';
import type { FramePump, PumpCallbacks } from './frame-pump';

interface TrackProcessor {
  readonly readable: ReadableStream<VideoFrame>;
}
type TrackProcessorCtor = new (init: { track: MediaStreamTrack; maxBufferSize?: number }) => TrackProcessor;

function processorCtor(): TrackProcessorCtor | null {
  const ctor = (globalThis as { MediaStreamTrackProcessor?: TrackProcessorCtor }).MediaStreamTrackProcessor;
  return typeof ctor === 'function' ? ctor : null;
}

/** Whether the worker can read the camera itself here. */
export function canStreamToWorker(): boolean {
  return processorCtor() !== null && typeof ReadableStream !== 'undefined';
}

/**
 * `originMs` (performance.now() on this page) is where result timestamps
 * start, so they keep increasing across pump restarts in one session.
 */
export function startTrackStream(track: MediaStreamTrack, client: PoseClient, cb: PumpCallbacks, originMs: number, maxSide = 640): FramePump {
  const Processor = processorCtor();
  if (!Processor) throw new Error('this browser cannot hand camera frames to a worker');
  // A clone of our own: stopping it ends the stream without touching the preview.
  const own = track.clone();
  // Only the newest frame waits: a slow frame drops the camera's next ones instead of queueing them.
  const processor = new Processor({ track: own, maxBufferSize: 1 });
  let stopped = false;
  const options = {
    maxSide,
    nominalFps: own.getSettings().frameRate ?? 30,
    originWallMs: performance.timeOrigin + originMs,
    // Drawing the measured frame keeps the skeleton on the picture it came from.
    returnFrames: true,
  };
  client
    .stream(processor.readable, options, (f) => {
      if (stopped) {
        f.frame?.close();
        return;
      }
      if (f.skipped > 0) cb.onDrop?.(f.skipped);
      cb.onResult(f.result, f.captureWallMs - performance.timeOrigin, f.frame, f.stages);
    })
    .catch((e: unknown) => {
      if (!stopped) cb.onError(e instanceof Error ? e : new Error(String(e)));
    })
    .finally(() => own.stop());
  return {
    stop() {
      stopped = true;
      // Ending the track ends the stream; the worker's loop then returns.
      own.stop();
    },
  };
}
