/**
 * Reads a video file's index with mediabunny (MP4, MOV, 3GP, WebM, MKV,
 * MPEG-TS):
 * the video track, its codec, rotation, timing and frame count, and whether
 * this browser's WebCodecs can decode it. Sample bytes stay in the File
 * until decoding asks for them, so a long video never sits in memory whole.
 */
import { BlobSource, EncodedPacketSink, Input, MATROSKA, MP4, MPEG_TS, QTFF, UnsupportedInputFormatError, WEBM, type InputVideoTrack } from 'mediabunny';
import { videoErrors } from './errors';
import type { Rotation } from './rotation';

export interface DemuxedVideo {
  input: Input;
  track: InputVideoTrack;
  /** 'mp4', 'quicktime', 'matroska', 'webm'… as mediabunny names the container */
  format: string;
  /** RFC 6381 codec string, or the sample entry name when mediabunny does not know the codec */
  codec: string;
  /** false: WebCodecs here cannot decode it (HEVC without a platform decoder, MPEG-4 Part 2…) */
  webCodecs: boolean;
  rotation: Rotation;
  /** the picture as shown (rotation applied) */
  displayWidth: number;
  displayHeight: number;
  /**
   * Timestamp (s) of the first frame to show. An MP4 edit list may start
   * the clip after some coded frames; those come out with earlier times.
   */
  startS: number;
  durationMs: number;
  /** frames from startS on, as far as the file's bytes reach */
  frameCount: number;
  /** frames the index lists whose bytes are missing (a copy cut off) */
  missingFrames: number;
  fps: number;
}

/** The containers phones and cameras write (audio-only and playlist formats left out: smaller bundle). */
const FORMATS = [MP4, QTFF, MATROSKA, WEBM, MPEG_TS];

/** null: not a container mediabunny reads (AVI…); the caller tries the next decoder. */
export async function demuxVideo(file: Blob, name: string, signal?: AbortSignal): Promise<DemuxedVideo | null> {
  const input = new Input({ source: new BlobSource(file), formats: FORMATS });
  try {
    const format = await input.getFormat().catch((e: unknown) => {
      if (e instanceof UnsupportedInputFormatError) return null;
      throw e;
    });
    if (!format) {
      input.dispose();
      return null;
    }
    const track = await input.getPrimaryVideoTrack();
    if (!track) {
      // An MP4 whose index (moov) never arrived has no tracks at all; audio-only files have some.
      const anyTrack = (await input.getTracks()).length > 0;
      throw anyTrack ? videoErrors.noVideoTrack(name) : videoErrors.truncated(name);
    }
    const codecParam = await track.getCodecParameterString();
    const internal = await track.getInternalCodecId();
    const codec = codecParam ?? (typeof internal === 'string' ? internal : '');
    const webCodecs = codecParam !== null && (await track.canDecode());
    // Walk the packet index once: the frames to show (an edit list may hide the first few).
    const sink = new EncodedPacketSink(track);
    const times: number[] = [];
    let listed = 0;
    let first = Infinity;
    let last = -Infinity;
    for await (const p of sink.packets(undefined, undefined, { metadataOnly: true })) {
      signal?.throwIfAborted();
      listed++;
      if (p.timestamp < 0) continue;
      times.push(p.timestamp);
      first = Math.min(first, p.timestamp);
      last = Math.max(last, p.timestamp + p.duration);
    }
    const shown = times.length;
    const present = await framesWithBytes(sink, times.sort((a, b) => a - b));
    if (present === 0) throw listed > 0 ? videoErrors.truncated(name) : videoErrors.corrupt(name, 'the video track has no frames');
    const durationMs = (last - first) * 1000;
    return {
      input,
      track,
      format: format.name,
      codec,
      webCodecs,
      rotation: ((await track.getRotation()) % 360) as Rotation,
      displayWidth: await track.getDisplayWidth(),
      displayHeight: await track.getDisplayHeight(),
      startS: first,
      durationMs,
      frameCount: present,
      missingFrames: shown - present,
      fps: durationMs > 0 ? (shown * 1000) / durationMs : 30,
    };
  } catch (e) {
    input.dispose();
    if (signal?.aborted) throw e;
    if (e instanceof Error && e.name === 'VideoError') throw e;
    throw videoErrors.corrupt(name, e instanceof Error ? e.message : String(e));
  }
}

/**
 * How many of the frames (sorted times) have their bytes in the file: a copy
 * cut off mid-way keeps its index but loses the tail. One read when the file
 * is whole, a binary search when it is not.
 */
async function framesWithBytes(sink: EncodedPacketSink, times: number[]): Promise<number> {
  const has = async (i: number) => (await sink.getPacket(times[i])) !== null;
  if (times.length === 0 || (await has(times.length - 1))) return times.length;
  let lo = 0;
  let hi = times.length - 1;
  if (!(await has(0))) return 0;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (await has(mid)) lo = mid;
    else hi = mid;
  }
  return lo + 1;
}
