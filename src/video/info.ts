import { inferenceSize } from '../shared/frame-size';
import type { Rotation } from './rotation';
import type { Container } from './sniff';
import type { DecoderKind, VideoInfo } from './types';

/** What a demuxer or prober found out about the video track. */
export interface TrackFacts {
  codec: string;
  /** the picture as shown (rotation applied) */
  displayWidth: number;
  displayHeight: number;
  rotation: Rotation;
  fps: number;
  durationMs: number;
  frameCount: number;
}

/** A decoder's VideoInfo: the bitmaps sent to the worker are the shown picture at `maxSide`. */
export function videoInfo(track: TrackFacts, name: string, container: Container, decoder: DecoderKind, maxSide: number, warnings: string[] = []): VideoInfo {
  const size = inferenceSize(track.displayWidth, track.displayHeight, maxSide);
  return {
    name,
    container,
    decoder,
    codec: track.codec,
    width: track.displayWidth,
    height: track.displayHeight,
    rotation: track.rotation,
    fps: track.fps,
    durationMs: track.durationMs,
    frameCount: track.frameCount,
    inferenceWidth: size.width,
    inferenceHeight: size.height,
    warnings,
  };
}
