/**
 * Frames through WebCodecs, demuxed by mediabunny: decoded a few ahead of
 * the pose worker, turned into small upright bitmaps, every VideoFrame
 * closed as soon as its bitmap exists so memory stays flat. Any time range
 * can be read on its own (the pipeline runs one range per pose worker).
 */
import { VideoSampleSink, type VideoSample } from 'mediabunny';
import { BitmapMaker } from './bitmap';
import { keepFrame } from './decimate';
import type { DemuxedVideo } from './demux';
import { videoErrors } from './errors';
import type { DecodedFrame, FrameRange, FrameSource, VideoInfo } from './types';

export class WebCodecsSource implements FrameSource {
  readonly seekable = true;

  constructor(
    private readonly video: DemuxedVideo,
    readonly info: VideoInfo,
  ) {}

  close(): void {
    this.video.input.dispose();
  }

  async *frames(signal?: AbortSignal, range: FrameRange = {}): AsyncGenerator<DecodedFrame, void, void> {
    const { video, info } = this;
    const maker = new BitmapMaker(info.inferenceWidth, info.inferenceHeight, video.rotation);
    const sink = new VideoSampleSink(video.track);
    const from = video.startS + (range.startMs ?? 0) / 1000;
    const to = range.endMs === undefined ? Infinity : video.startS + range.endMs / 1000;
    let index = 0;
    let lastKept: number | null = null;
    let lastT = 0;
    const samples = sink.samples(from, to);
    try {
      for (;;) {
        signal?.throwIfAborted();
        let next: IteratorResult<VideoSample, void>;
        try {
          next = await samples.next();
        } catch (e) {
          throw videoErrors.corrupt(info.name, `${e instanceof Error ? e.message : String(e)} at about ${(lastT / 1000).toFixed(1)} s`);
        }
        if (next.done) break;
        const sample = next.value;
        const t = (sample.timestamp - video.startS) * 1000;
        try {
          // Coded frames before the edit list's start are decoded (later frames need them), never shown.
          if (sample.timestamp < video.startS - 1e-6 || !keepFrame(t, lastKept, range.minIntervalMs ?? 0)) continue;
          lastKept = t;
          lastT = t;
          yield { bitmap: await maker.take(sample.toVideoFrame()), t, index: index++ };
        } finally {
          sample.close();
        }
      }
    } finally {
      await samples.return(undefined);
    }
  }
}
