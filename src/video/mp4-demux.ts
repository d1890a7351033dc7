/**
 * MP4/MOV demuxing with mp4box: reads only the boxes it needs from the File
 * (the index may sit at the end, after the media data), finds the video
 * track, its codec configuration and rotation, and the table of samples.
 * Sample bytes are read later, a slice at a time, straight from the File,
 * so a long video never sits in memory whole.
 */
import { createFile, DataStream, Endianness, Log, MP4BoxBuffer, type Movie, type Track } from 'mp4box';
import { rotatedSize, rotationFromMatrix, type Rotation } from './rotation';
import { videoErrors } from './errors';

Log.setLogLevel(Log.error);

export interface SampleRef {
  /** byte range in the file */
  offset: number;
  size: number;
  /** presentation and decode time, in `timescale` units */
  cts: number;
  dts: number;
  duration: number;
  key: boolean;
}

export interface Mp4VideoTrack {
  codec: string;
  /** the picture as coded (before rotation) */
  codedWidth: number;
  codedHeight: number;
  rotation: Rotation;
  /** the picture as shown (after rotation) */
  displayWidth: number;
  displayHeight: number;
  timescale: number;
  /** codec configuration record (avcC/hvcC/vpcC/av1C payload) for VideoDecoder */
  description?: Uint8Array;
  /** in decode order */
  samples: SampleRef[];
  /** samples whose bytes lie past the end of the file (a cut-off copy) */
  missingSamples: number;
  /** earliest presentation time: the clip's time zero */
  firstCts: number;
  fps: number;
  durationMs: number;
}

const CHUNK = 1 << 20;

async function readRange(file: Blob, start: number, end: number): Promise<ArrayBuffer> {
  return file.slice(start, end).arrayBuffer();
}

/** Parses the file's index. Throws VideoError (truncated / corrupt / no video track). */
export async function demuxMp4(file: Blob, name: string, signal?: AbortSignal): Promise<Mp4VideoTrack> {
  const iso = createFile(false);
  let info: Movie | null = null;
  let parseError: string | null = null;
  iso.onReady = (i) => (info = i);
  iso.onError = (_module, message) => (parseError = message);
  let pos = 0;
  let rounds = 0;
  try {
    while (!info && !parseError && pos < file.size) {
      signal?.throwIfAborted();
      const end = Math.min(file.size, pos + CHUNK);
      const buf = MP4BoxBuffer.fromArrayBuffer(await readRange(file, pos, end), pos);
      const next = iso.appendBuffer(buf, end >= file.size);
      // mp4box answers with the next position it needs (skipping media data).
      pos = typeof next === 'number' && next > pos ? next : end;
      if (++rounds > 100_000) break;
    }
    if (!info) iso.flush();
  } catch (e) {
    if (signal?.aborted) throw e;
    throw videoErrors.corrupt(name, e instanceof Error ? e.message : String(e));
  }
  if (parseError) throw videoErrors.corrupt(name, parseError);
  const movie = info as Movie | null;
  if (!movie) throw videoErrors.truncated(name);
  const track: Track | undefined = movie.videoTracks[0];
  if (!track) throw videoErrors.noVideoTrack(name);

  const trak = iso.getTrackById(track.id);
  const entry = trak?.mdia?.minf?.stbl?.stsd?.entries?.[0] as
    | { width?: number; height?: number; avcC?: BoxLike; hvcC?: BoxLike; vpcC?: BoxLike; av1C?: BoxLike }
    | undefined;
  const codedWidth = entry?.width || track.video?.width || track.track_width;
  const codedHeight = entry?.height || track.video?.height || track.track_height;
  if (!codedWidth || !codedHeight) throw videoErrors.corrupt(name, 'the video track has no picture size');
  const rotation = rotationFromMatrix(track.matrix);
  const display = rotatedSize(codedWidth, codedHeight, rotation);

  const raw = iso.getTrackSamplesInfo(track.id);
  if (raw.length === 0) throw videoErrors.corrupt(name, 'the video track has no frames');
  const samples: SampleRef[] = [];
  let missing = 0;
  for (const s of raw) {
    if (s.offset + s.size > file.size) {
      missing++;
      continue;
    }
    samples.push({ offset: s.offset, size: s.size, cts: s.cts, dts: s.dts, duration: s.duration, key: s.is_sync });
  }
  if (samples.length === 0) throw videoErrors.truncated(name);
  let firstCts = Infinity;
  let lastEnd = -Infinity;
  for (const s of samples) {
    firstCts = Math.min(firstCts, s.cts);
    lastEnd = Math.max(lastEnd, s.cts + s.duration);
  }
  const timescale = track.timescale || 1000;
  const durationMs = ((lastEnd - firstCts) * 1000) / timescale;
  const fps = durationMs > 0 ? (samples.length * 1000) / durationMs : 30;

  return {
    codec: track.codec,
    codedWidth,
    codedHeight,
    rotation,
    displayWidth: display.width,
    displayHeight: display.height,
    timescale,
    description: configRecord(entry),
    samples,
    missingSamples: missing,
    firstCts,
    fps,
    durationMs,
  };
}

interface BoxLike {
  write(stream: DataStream): void;
}

function configRecord(entry: { avcC?: BoxLike; hvcC?: BoxLike; vpcC?: BoxLike; av1C?: BoxLike } | undefined): Uint8Array | undefined {
  const box = entry?.avcC ?? entry?.hvcC ?? entry?.vpcC ?? entry?.av1C;
  if (!box) return undefined;
  const stream = new DataStream(undefined, 0, Endianness.BIG_ENDIAN);
  box.write(stream);
  // The record is the box payload: drop the 8-byte box header.
  return new Uint8Array(stream.buffer, 8);
}

/**
 * Reads sample bytes in file-order batches of about `batchBytes`, one batch
 * ahead of the caller, so decoding never waits on the disk for long.
 */
export async function* readSamples(
  file: Blob,
  samples: readonly SampleRef[],
  signal?: AbortSignal,
  batchBytes = 2 << 20,
): AsyncGenerator<{ sample: SampleRef; data: Uint8Array; index: number }> {
  const batches: [number, number][] = [];
  let i = 0;
  while (i < samples.length) {
    const start = i;
    let lo = samples[i].offset;
    let hi = lo + samples[i].size;
    i++;
    while (i < samples.length) {
      const s = samples[i];
      const nlo = Math.min(lo, s.offset);
      const nhi = Math.max(hi, s.offset + s.size);
      if (nhi - nlo > batchBytes) break;
      lo = nlo;
      hi = nhi;
      i++;
    }
    batches.push([start, i]);
  }
  const load = (b: [number, number]) => {
    let lo = Infinity, hi = -Infinity;
    for (let k = b[0]; k < b[1]; k++) {
      lo = Math.min(lo, samples[k].offset);
      hi = Math.max(hi, samples[k].offset + samples[k].size);
    }
    return readRange(file, lo, hi).then((buf) => ({ lo, buf }));
  };
  let pending = batches.length ? load(batches[0]) : null;
  for (let b = 0; b < batches.length; b++) {
    signal?.throwIfAborted();
    const { lo, buf } = await pending!;
    pending = b + 1 < batches.length ? load(batches[b + 1]) : null;
    for (let k = batches[b][0]; k < batches[b][1]; k++) {
      const s = samples[k];
      yield { sample: s, data: new Uint8Array(buf, s.offset - lo, s.size), index: k };
    }
  }
}
