/**
 * Opens a video file for analysis: sniffs what it is, then picks the
 * decoder. Containers mediabunny reads (MP4, MOV, 3GP, WebM, MKV) go through
 * WebCodecs when this browser decodes the codec; anything else (HEVC with no
 * platform decoder, MPEG-4 Part 2, AVI…) through ffmpeg.wasm, loaded on
 * demand; a <video> element is the last resort. Failures are VideoErrors
 * with a message for the user.
 */
import { unsupportedCodecError } from './codec';
import { demuxVideo, type DemuxedVideo } from './demux';
import { openWithElement } from './element-source';
import { videoErrors, VideoError } from './errors';
import { sniffContainer, type Container } from './sniff';
import { videoInfo } from './info';
import type { FrameSource } from './types';
import { WebCodecsSource } from './webcodecs-source';

export async function sniffFile(file: Blob): Promise<Container> {
  return sniffContainer(new Uint8Array(await file.slice(0, 512).arrayBuffer()));
}

export interface OpenOptions {
  /** longest side of the bitmaps sent to the worker */
  maxSide?: number;
  /** force the <video> fallback (tests, or a browser without WebCodecs or wasm) */
  preferElement?: boolean;
  signal?: AbortSignal;
}

export async function openVideo(file: Blob, name: string, opts: OpenOptions = {}): Promise<FrameSource> {
  const maxSide = opts.maxSide ?? 640;
  if (file.size === 0) throw videoErrors.empty(name);
  const container = await sniffFile(file);
  if (container === 'text' || container === 'json') throw videoErrors.notVideo(name);
  if (opts.preferElement) return openWithElement(file, name, container, maxSide);

  const demuxed = await demuxVideo(file, name, opts.signal);
  if (demuxed?.webCodecs && typeof VideoDecoder !== 'undefined') return webCodecsSource(demuxed, name, container, maxSide);
  const codec = demuxed?.codec ?? '';
  demuxed?.input.dispose();
  try {
    const { openWithFfmpeg } = await import('./ffmpeg-source');
    return await openWithFfmpeg(file, name, container, maxSide, opts.signal);
  } catch (e) {
    if (opts.signal?.aborted) throw e;
    if (e instanceof VideoError) throw named(e, demuxed !== null, codec, name, container);
    // ffmpeg.wasm would not load (offline before it was cached, no memory for it): the platform player may still manage.
    try {
      return await openWithElement(file, name, container, maxSide);
    } catch (e2) {
      throw e2 instanceof VideoError ? named(e2, demuxed !== null, codec, name, container) : e2;
    }
  }
}

/** A decoder's failure in the user's terms: a container read but pictures not decoded is the codec's fault, and says which. */
function named(e: VideoError, demuxed: boolean, codec: string, name: string, container: Container): VideoError {
  if (demuxed && e.kind !== 'truncated') return unsupportedCodecError(name, codec);
  if (container === 'unknown') return videoErrors.notVideo(name);
  return e;
}

function webCodecsSource(video: DemuxedVideo, name: string, container: Container, maxSide: number): FrameSource {
  const warnings =
    video.missingFrames > 0 ? [`The file ends early (cut off while copying?): ${video.missingFrames} frame(s) at the end are missing and were not analysed.`] : [];
  return new WebCodecsSource(video, videoInfo(video, name, container, 'webcodecs', maxSide, warnings));
}
