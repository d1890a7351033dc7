/**
 * MP4/MOV through WebCodecs: samples read from the File, decoded by
 * VideoDecoder, turned into small upright bitmaps, never more than a few
 * ahead of the pose worker. Every VideoFrame is closed as soon as its bitmap
 * exists, so the decoder's frame pool never runs dry and memory stays flat.
 */
import { BitmapMaker } from './bitmap';
import { FrameQueue } from './frame-queue';
import { readSamples, type Mp4VideoTrack } from './mp4-demux';
import { videoErrors } from './errors';
import type { DecodedFrame, FrameSource, VideoInfo } from './types';

export function decoderConfig(track: Mp4VideoTrack): VideoDecoderConfig {
  return {
    codec: track.codec,
    codedWidth: track.codedWidth,
    codedHeight: track.codedHeight,
    description: track.description,
    // Throughput, not latency: let the decoder pipeline as it likes.
    optimizeForLatency: false,
  };
}

/** false when this browser has no WebCodecs or cannot decode the track. */
export async function webCodecsSupports(track: Mp4VideoTrack): Promise<boolean> {
  if (typeof VideoDecoder === 'undefined') return false;
  try {
    const r = await VideoDecoder.isConfigSupported(decoderConfig(track));
    return r.supported === true;
  } catch {
    return false;
  }
}

export class WebCodecsSource implements FrameSource {
  constructor(
    private readonly file: Blob,
    private readonly track: Mp4VideoTrack,
    readonly info: VideoInfo,
    private readonly capacity = 3,
  ) {}

  close(): void {}

  async *frames(signal?: AbortSignal): AsyncGenerator<DecodedFrame, void, void> {
    const { track, info } = this;
    const maker = new BitmapMaker(info.inferenceWidth, info.inferenceHeight, track.rotation);
    const queue = new FrameQueue<DecodedFrame>(this.capacity, (f) => f.bitmap.close());
    const ctsOf = new Map<number, number>();
    const toMs = (cts: number) => ((cts - track.firstCts) * 1000) / track.timescale;
    let converting = 0;
    let produced = 0;
    let chain: Promise<void> = Promise.resolve();
    let lastFedMs = 0;

    const decoder = new VideoDecoder({
      output: (frame) => {
        converting++;
        chain = chain.then(async () => {
          try {
            if (queue.closed) return;
            const bitmap = await maker.make(frame);
            const cts = ctsOf.get(frame.timestamp);
            ctsOf.delete(frame.timestamp);
            const t = cts !== undefined ? toMs(cts) : frame.timestamp / 1000 - (track.firstCts * 1000) / track.timescale;
            queue.push({ bitmap, t, index: produced++ });
          } catch (e) {
            queue.fail(videoErrors.corrupt(info.name, e instanceof Error ? e.message : String(e)));
          } finally {
            frame.close();
            converting--;
            queue.nudge();
          }
        });
      },
      error: (e) => {
        queue.fail(videoErrors.corrupt(info.name, `${e.message || 'decoder error'} at about ${(lastFedMs / 1000).toFixed(1)} s`));
      },
    });
    decoder.addEventListener('dequeue', () => queue.nudge());
    decoder.configure(decoderConfig(track));

    const feed = async () => {
      let started = false;
      for await (const { sample, data } of readSamples(this.file, track.samples, signal)) {
        // Decoding must start on a key frame.
        if (!started && !sample.key) continue;
        started = true;
        while (!queue.closed && !queue.hasRoom(converting + decoder.decodeQueueSize)) await queue.waitForRoom();
        if (queue.closed || decoder.state === 'closed') return;
        const timestamp = Math.round((sample.cts * 1e6) / track.timescale);
        ctsOf.set(timestamp, sample.cts);
        lastFedMs = toMs(sample.cts);
        decoder.decode(
          new EncodedVideoChunk({
            type: sample.key ? 'key' : 'delta',
            timestamp,
            duration: Math.round((sample.duration * 1e6) / track.timescale),
            data,
          }),
        );
      }
      if (decoder.state === 'configured') await decoder.flush();
      await chain;
      queue.close();
    };
    const feeding = feed().catch((e: unknown) => {
      if (signal?.aborted || queue.closed) return;
      queue.fail(e instanceof Error && e.name === 'VideoError' ? e : videoErrors.corrupt(info.name, e instanceof Error ? e.message : String(e)));
    });

    const onAbort = () => queue.close();
    signal?.addEventListener('abort', onAbort);
    try {
      for (;;) {
        const r = await queue.next();
        if (r.done) break;
        yield r.value;
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
      queue.close();
      queue.drop();
      if (decoder.state !== 'closed') decoder.close();
      await feeding;
      await chain.catch(() => {});
      queue.drop();
    }
  }
}
