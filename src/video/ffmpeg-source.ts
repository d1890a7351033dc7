/**
 * Videos WebCodecs cannot decode here (HEVC without a platform decoder,
 * MPEG-4 Part 2, AVI…), decoded in the browser by ffmpeg.wasm, served from
 * this origin and run in its own worker. The File is mounted read-only
 * (WORKERFS), never copied whole; ffmpeg turns the picture upright and
 * writes a few seconds of raw I420 frames at a time, so memory stays bounded
 * on a long clip. Each frame then becomes a VideoFrame and takes the very
 * path a WebCodecs frame takes (colour conversion and downscale in
 * BitmapMaker): ffmpeg's own RGB conversion and scaler gave other landmarks
 * for the same video (bar drift 0.78 against 0.55 foot lengths on a shared
 * clip), and a video's verdict must not depend on the browser's decoders.
 * Loaded only when such a file is opened (the wasm is 31 MB).
 */
import { FFFSType, FFmpeg } from '@ffmpeg/ffmpeg';
import coreURL from '@ffmpeg/core?url';
import wasmURL from '@ffmpeg/core/wasm?url';
import { BitmapMaker } from './bitmap';
import { keepFrame } from './decimate';
import { videoErrors } from './errors';
import { videoInfo } from './info';
import { parseProbe, showinfoTime, type ProbedVideo } from './ffmpeg-probe';
import type { Container } from './sniff';
import type { DecodedFrame, FrameRange, FrameSource, VideoInfo } from './types';

const MOUNT = '/in';
const OUT = '/frames.rgba';
/** raw frames per ffmpeg run are capped at about this many bytes (82 frames of 1080p) */
const CHUNK_BYTES = 256 << 20;

/** One ffmpeg.wasm instance; calls run one at a time (ffmpeg is single-threaded here). */
class FfmpegRunner {
  private ff = new FFmpeg();
  private queue: Promise<unknown> = Promise.resolve();
  private lines: { type: string; message: string }[] = [];
  private loaded: Promise<void> | null = null;

  constructor() {
    this.ff.on('log', (l) => this.lines.push(l));
  }

  load(file: Blob): Promise<void> {
    this.loaded ??= (async () => {
      await this.ff.load({ coreURL, wasmURL });
      await this.ff.createDir(MOUNT);
      await this.ff.mount(FFFSType.WORKERFS, { blobs: [{ name: 'video', data: file }] }, MOUNT);
    })();
    return this.loaded;
  }

  /** Runs ffmpeg (or ffprobe) and returns its exit code and log lines. */
  run(kind: 'exec' | 'ffprobe', args: string[], signal?: AbortSignal): Promise<{ code: number; lines: { type: string; message: string }[] }> {
    const job = this.queue.then(async () => {
      this.lines = [];
      const code = kind === 'exec' ? await this.ff.exec(args, -1, { signal }) : await this.ff.ffprobe(args, -1, { signal });
      return { code, lines: this.lines };
    });
    this.queue = job.catch(() => {});
    return job;
  }

  async take(path: string): Promise<Uint8Array> {
    const data = await this.ff.readFile(path);
    await this.ff.deleteFile(path).catch(() => {});
    return typeof data === 'string' ? new TextEncoder().encode(data) : data;
  }

  terminate(): void {
    this.ff.terminate();
  }
}

const INPUT = `${MOUNT}/video`;

/** Opens `file` with ffmpeg.wasm. Throws VideoError when ffmpeg cannot read it, another error when ffmpeg.wasm itself would not load. */
export async function openWithFfmpeg(file: Blob, name: string, container: Container, maxSide: number, signal?: AbortSignal): Promise<FrameSource> {
  const runner = new FfmpegRunner();
  try {
    await runner.load(file);
  } catch (e) {
    // not the video's fault (offline, no memory for the wasm): the caller tries another decoder
    runner.terminate();
    throw e;
  }
  try {
    signal?.throwIfAborted();
    const probe = await runner.run(
      'ffprobe',
      ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', '-select_streams', 'v:0', INPUT],
      signal,
    );
    const video = parseProbe(probe.lines.filter((l) => l.type === 'stdout').map((l) => l.message).join('\n'));
    if (!video) throw videoErrors.notVideo(name);
    return new FfmpegSource(runner, video, name, container, maxSide);
  } catch (e) {
    runner.terminate();
    if (signal?.aborted) throw e;
    if (e instanceof Error && e.name === 'VideoError') throw e;
    throw videoErrors.corrupt(name, e instanceof Error ? e.message : String(e));
  }
}

export class FfmpegSource implements FrameSource {
  readonly info: VideoInfo;
  readonly seekable = true;

  constructor(
    private readonly runner: FfmpegRunner,
    private readonly video: ProbedVideo,
    name: string,
    container: Container,
    maxSide: number,
  ) {
    this.info = videoInfo(video, name, container, 'ffmpeg', maxSide);
  }

  close(): void {
    this.runner.terminate();
  }

  async *frames(signal?: AbortSignal, range: FrameRange = {}): AsyncGenerator<DecodedFrame, void, void> {
    const { name } = this.info;
    // I420 wants even sides
    const w = this.video.displayWidth & ~1;
    const h = this.video.displayHeight & ~1;
    const frameBytes = (w * h * 3) / 2;
    const maker = new BitmapMaker(this.info.inferenceWidth, this.info.inferenceHeight, 0);
    const chunkMs = Math.min(4000, Math.max(250, (CHUNK_BYTES / frameBytes / Math.max(1, this.video.fps)) * 1000));
    const { durationMs } = this.video;
    const end = range.endMs ?? (durationMs > 0 ? durationMs + chunkMs : Infinity);
    let from = range.startMs ?? 0;
    let index = 0;
    let lastKept: number | null = null;
    let lastT = -Infinity;
    while (from < end) {
      signal?.throwIfAborted();
      const span = Math.min(chunkMs, end - from);
      const { code, lines } = await this.runner.run(
        'exec',
        [
          '-hide_banner', '-nostats', '-loglevel', 'info',
          '-ss', (from / 1000).toFixed(6), '-i', INPUT, '-an', '-sn', '-dn',
          // trim ends the run at the chunk's end; showinfo reports each frame's time.
          '-vf', `trim=end=${(span / 1000).toFixed(6)},crop=${w}:${h}:0:0,showinfo`,
          '-fps_mode', 'passthrough', '-pix_fmt', 'yuv420p', '-f', 'rawvideo', '-y', OUT,
        ],
        signal,
      );
      signal?.throwIfAborted();
      const log = lines.map((l) => l.message);
      if (code !== 0) throw videoErrors.corrupt(name, `${lastError(log)} at about ${(from / 1000).toFixed(1)} s`);
      const raw = await this.runner.take(OUT);
      const times = log.map(showinfoTime).filter((t): t is number => t !== null);
      const n = Math.min(times.length, Math.floor(raw.byteLength / frameBytes));
      if (n === 0) {
        if (from === 0) throw videoErrors.corrupt(name, 'no frame could be decoded');
        // Past the end (or a duration the file does not state).
        if (!(from + span < durationMs)) break;
      }
      for (let i = 0; i < n; i++) {
        const t = from + times[i] * 1000;
        // Chunk edges: a frame both runs produced is taken once.
        if (t <= lastT + 0.05 || !keepFrame(t, lastKept, range.minIntervalMs ?? 0)) continue;
        lastT = t;
        lastKept = t;
        const frame = new VideoFrame(raw.subarray(i * frameBytes, (i + 1) * frameBytes), {
          format: 'I420',
          codedWidth: w,
          codedHeight: h,
          timestamp: Math.round(t * 1000),
          ...(this.video.colorSpace ? { colorSpace: this.video.colorSpace } : {}),
        });
        yield { bitmap: await maker.take(frame), t, index: index++ };
      }
      from += span;
    }
  }
}

function lastError(lines: string[]): string {
  const l = [...lines].reverse().find((s) => /error|invalid|failed/i.test(s));
  return (l ?? 'ffmpeg could not decode the video').replace(/^\[[^\]]*\]\s*/, '').trim();
}
