/** What the decoding side hands to the analysis pipeline. */
import type { Container } from './sniff';
import type { Rotation } from './rotation';

export interface DecodedFrame {
  /** at the inference size, upright (rotation applied); ownership passes to the consumer */
  bitmap: ImageBitmap;
  /** presentation time in ms from the first frame */
  t: number;
  /** 0-based count of frames produced */
  index: number;
}

export type DecoderKind = 'webcodecs' | 'ffmpeg' | 'media-element';

/** Part of a video, and how sparsely to take its frames. */
export interface FrameRange {
  /** ms from the first frame, inclusive */
  startMs?: number;
  /** exclusive */
  endMs?: number;
  /** skip frames closer than this to the last one kept (a 60 fps clip read at 30) */
  minIntervalMs?: number;
}

export interface VideoInfo {
  name: string;
  container: Container;
  decoder: DecoderKind;
  codec: string;
  /** the picture as shown (rotation applied), full resolution */
  width: number;
  height: number;
  rotation: Rotation;
  fps: number;
  durationMs: number;
  /** exact for MP4/MOV (sample count), estimated otherwise */
  frameCount: number;
  /** size of the bitmaps sent to the pose worker */
  inferenceWidth: number;
  inferenceHeight: number;
  /** things the user should know (cut-off file, skipped frames) */
  warnings: string[];
}

export interface FrameSource {
  readonly info: VideoInfo;
  /**
   * Decodes ahead of the consumer, holding at most a few frames. Breaking out
   * of the loop (or aborting) stops decoding and closes what is held.
   */
  frames(signal?: AbortSignal, range?: FrameRange): AsyncGenerator<DecodedFrame, void, void>;
  /** ranges other than the whole video can be read, several at once */
  readonly seekable: boolean;
  close(): void;
}
