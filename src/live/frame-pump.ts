/**
 * The page pump, for browsers where the worker cannot read the camera itself
 * (see track-stream.ts): copies each presented video frame to a bitmap and
 * sends it over, never queueing. A frame that arrives while the previous one
 * is still being measured is skipped, so the overlay always shows the newest
 * pose instead of a growing backlog.
 */
import type { PoseClient } from '../client/pose-client';
import { inferenceSize } from '../shared/frame-size';
import type { FramePicture, FrameStages, PoseResult } from '../shared/pose-protocol';

export interface PumpCallbacks {
  /**
   * `captureMs` is performance.now() when the frame was captured (or
   * presented), for latency. `frame` is a picture of the measured frame when the
   * path returns it; the receiver owns it and closes it. `stages` when the
   * worker read the frame itself.
   */
  onResult(result: PoseResult, captureMs: number, frame?: FramePicture, stages?: FrameStages): void;
  /** `count` frames were skipped while the worker was busy (default 1). */
  onDrop?(count?: number): void;
  onError(error: Error): void;
}

export interface FramePump {
  stop(): void;
}

export function startFramePump(
  video: HTMLVideoElement,
  client: PoseClient,
  cb: PumpCallbacks,
  /** performance.now() that result timestamps count from */
  originMs: number,
  maxSide = 640,
): FramePump {
  let stopped = false;
  let busy = false;
  let handle = 0;
  const hasRvfc = 'requestVideoFrameCallback' in HTMLVideoElement.prototype;

  const schedule = () => {
    if (stopped) return;
    handle = hasRvfc ? video.requestVideoFrameCallback(onFrame) : requestAnimationFrame(() => onFrame());
  };

  const onFrame = () => {
    schedule();
    if (busy) {
      cb.onDrop?.();
      return;
    }
    if (video.readyState < 2 || video.videoWidth === 0) return;
    busy = true;
    const captureMs = performance.now();
    const size = inferenceSize(video.videoWidth, video.videoHeight, maxSide);
    createImageBitmap(video, { resizeWidth: size.width, resizeHeight: size.height, resizeQuality: 'low' })
      .then((bitmap) => {
        if (stopped) {
          bitmap.close();
          return null;
        }
        // Live timestamps: ms since the session started, always increasing.
        return client.detect(bitmap, captureMs - originMs);
      })
      .then((result) => {
        if (result && !stopped) cb.onResult(result, captureMs);
      })
      .catch((e: unknown) => {
        if (!stopped) cb.onError(e instanceof Error ? e : new Error(String(e)));
      })
      .finally(() => {
        busy = false;
      });
  };

  schedule();
  return {
    stop() {
      stopped = true;
      if (hasRvfc) video.cancelVideoFrameCallback(handle);
      else cancelAnimationFrame(handle);
    },
  };
}
