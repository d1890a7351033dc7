/**
 * Opens a video file for analysis: sniffs what it is, then picks the
 * decoder. MP4/MOV go through mp4box + WebCodecs when this browser can
 * decode the track; everything else (WebM…) through a <video> element.
 * Failures are VideoErrors with a message for the user.
 */
import { inferenceSize } from '../shared/frame-size';
import { unsupportedCodecError } from './codec';
import { openWithElement } from './element-source';
import { videoErrors, VideoError } from './errors';
import { demuxMp4 } from './mp4-demux';
import { isIsoBmff, sniffContainer, type Container } from './sniff';
import type { FrameSource, VideoInfo } from './types';
import { WebCodecsSource, webCodecsSupports } from './webcodecs-source';

export async function sniffFile(file: Blob): Promise<Container> {
  return sniffContainer(new Uint8Array(await file.slice(0, 512).arrayBuffer()));
}

export interface OpenOptions {
  /** longest side of the bitmaps sent to the worker */
  maxSide?: number;
  /** force the <video> fallback (tests, or a browser without WebCodecs) */
  preferElement?: boolean;
  signal?: AbortSignal;
}

export async function openVideo(file: Blob, name: string, opts: OpenOptions = {}): Promise<FrameSource> {
  const maxSide = opts.maxSide ?? 640;
  if (file.size === 0) throw videoErrors.empty(name);
  const container = await sniffFile(file);
  if (container === 'text' || container === 'json') throw videoErrors.notVideo(name);

  if (isIsoBmff(container) && !opts.preferElement) {
    const track = await demuxMp4(file, name, opts.signal);
    const supported = await webCodecsSupports(track);
    if (supported) {
      const size = inferenceSize(track.displayWidth, track.displayHeight, maxSide);
      const info: VideoInfo = {
        name,
        container,
        decoder: 'webcodecs',
        codec: track.codec,
        width: track.displayWidth,
        height: track.displayHeight,
        rotation: track.rotation,
        fps: track.fps,
        durationMs: track.durationMs,
        frameCount: track.samples.length,
        inferenceWidth: size.width,
        inferenceHeight: size.height,
        warnings:
          track.missingSamples > 0
            ? [`The file ends early (cut off while copying?): ${track.missingSamples} frame(s) at the end are missing and were not analysed.`]
            : [],
      };
      return new WebCodecsSource(file, track, info);
    }
    // WebCodecs says no. A <video> may still play it (a platform decoder); if not, say which codec.
    const mime = `video/${container === 'mov' ? 'quicktime' : 'mp4'}; codecs="${track.codec}"`;
    const el = document.createElement('video');
    if (!el.canPlayType(mime) && !el.canPlayType(`video/mp4; codecs="${track.codec}"`)) {
      throw unsupportedCodecError(name, track.codec);
    }
    try {
      const src = await openWithElement(file, name, container, maxSide);
      src.info.codec = track.codec;
      src.info.rotation = track.rotation;
      return src;
    } catch (e) {
      if (e instanceof VideoError && e.kind !== 'corrupt') throw unsupportedCodecError(name, track.codec);
      throw e;
    }
  }
  try {
    return await openWithElement(file, name, container, maxSide);
  } catch (e) {
    if (e instanceof VideoError && container === 'unknown' && e.kind !== 'corrupt') throw videoErrors.notVideo(name);
    throw e;
  }
}

