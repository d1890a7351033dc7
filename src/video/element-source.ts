/**
 * The last-resort decoder: a hidden <video>, for a browser with neither
 * WebCodecs nor a working ffmpeg.wasm. Frames are captured as they are presented
 * (requestVideoFrameCallback) while playback is paced by the consumer:
 * playbackRate follows the pose worker's measured throughput and playback
 * pauses while a few frames are held, so it runs as fast as the model
 * allows, not at real-time speed. A frame the page was too busy to catch is
 * skipped and counted (the other decoders never skip).
 */
import { BitmapMaker } from './bitmap';
import { FrameQueue } from './frame-queue';
import { videoErrors, VideoError } from './errors';
import { keepFrame } from './decimate';
import type { DecodedFrame, FrameRange, FrameSource, VideoInfo } from './types';
import type { Container } from './sniff';
import { inferenceSize } from '../shared/frame-size';

const METADATA_TIMEOUT_MS = 15_000;
const STALL_MS = 15_000;

function mediaError(video: HTMLVideoElement, name: string, container: Container): VideoError {
  const code = video.error?.code;
  if (code === MediaError.MEDIA_ERR_DECODE) return videoErrors.corrupt(name, video.error?.message || undefined);
  if (container === 'webm' || container === 'mp4' || container === 'mov' || container === 'avi') {
    return new VideoError(
      `“${name}” could not be decoded by this browser: its video codec is not supported or the file is damaged${video.error?.message ? ` (${video.error.message})` : ''}. Convert it to an H.264 MP4 and open it again.`,
      'unsupported-codec',
    );
  }
  return videoErrors.notVideo(name);
}

export async function openWithElement(file: Blob, name: string, container: Container, maxSide = 640): Promise<ElementSource> {
  const url = URL.createObjectURL(file);
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.preload = 'auto';
  video.src = url;
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(videoErrors.notVideo(name)), METADATA_TIMEOUT_MS);
      video.addEventListener('loadeddata', () => (clearTimeout(timer), resolve()), { once: true });
      video.addEventListener('error', () => (clearTimeout(timer), reject(mediaError(video, name, container))), { once: true });
    });
    if (!video.videoWidth || !video.videoHeight) throw videoErrors.noVideoTrack(name);
  } catch (e) {
    video.removeAttribute('src');
    video.load();
    URL.revokeObjectURL(url);
    throw e;
  }
  const durationMs = Number.isFinite(video.duration) ? video.duration * 1000 : 0;
  const size = inferenceSize(video.videoWidth, video.videoHeight, maxSide);
  const info: VideoInfo = {
    name,
    container,
    decoder: 'media-element',
    codec: '',
    width: video.videoWidth,
    height: video.videoHeight,
    rotation: 0,
    fps: 30,
    durationMs,
    frameCount: Math.max(1, Math.round((durationMs / 1000) * 30)),
    inferenceWidth: size.width,
    inferenceHeight: size.height,
    warnings: [],
  };
  return new ElementSource(video, url, info);
}

export class ElementSource implements FrameSource {
  /** a playing element has one position: the whole video, once */
  readonly seekable = false;

  constructor(
    private readonly video: HTMLVideoElement,
    private readonly url: string,
    readonly info: VideoInfo,
    private readonly capacity = 3,
  ) {}

  close(): void {
    this.video.pause();
    this.video.removeAttribute('src');
    this.video.load();
    URL.revokeObjectURL(this.url);
  }

  async *frames(signal?: AbortSignal, range: FrameRange = {}): AsyncGenerator<DecodedFrame, void, void> {
    const { video, info } = this;
    let lastKept: number | null = null;
    // The element already shows the picture upright.
    const maker = new BitmapMaker(info.inferenceWidth, info.inferenceHeight, 0);
    const queue = new FrameQueue<DecodedFrame>(this.capacity, (f) => f.bitmap.close());
    let converting = 0;
    let produced = 0;
    let ended = false;
    let firstMediaTime = NaN;
    let lastPresented = -1;
    let skipped = 0;
    let handle = 0;
    let lastFrameAt = performance.now();
    const gaps: number[] = [];
    let prevMediaTime = NaN;

    const finishIfDone = () => {
      if (ended && converting === 0) queue.close();
    };
    // Paced by the consumer: playback speeds up while the consumer waits for
    // frames and slows down while the queue is full (then it also pauses).
    // Presenting more than ~30 frames a second makes the compositor drop some.
    let maxRate = 1;
    let rate = 0.5;
    const adjust = (factor: number) => {
      rate = Math.min(maxRate, Math.max(0.0625, rate * factor));
      video.playbackRate = rate;
    };
    const resume = () => {
      if (queue.closed || ended || !video.paused) return;
      if (queue.hasRoom(converting)) {
        video.play().catch((e: unknown) => {
          if (!queue.closed && video.error) queue.fail(mediaError(video, info.name, info.container));
          else if (!queue.closed && !(e instanceof DOMException && e.name === 'AbortError')) queue.fail(e instanceof Error ? e : new Error(String(e)));
        });
      } else {
        void queue.waitForRoom().then(resume);
      }
    };
    const onFrame = (_now: number, meta: VideoFrameCallbackMetadata) => {
      if (queue.closed) return;
      lastFrameAt = performance.now();
      if (lastPresented >= 0 && meta.presentedFrames > lastPresented + 1) skipped += meta.presentedFrames - lastPresented - 1;
      lastPresented = meta.presentedFrames;
      if (Number.isNaN(firstMediaTime)) firstMediaTime = meta.mediaTime;
      if (!Number.isNaN(prevMediaTime) && meta.mediaTime > prevMediaTime) {
        gaps.push(meta.mediaTime - prevMediaTime);
        if (gaps.length % 16 === 0) {
          const fps = 1 / [...gaps].sort((a, b) => a - b)[gaps.length >> 1];
          maxRate = Math.min(4, Math.max(0.0625, 30 / fps));
          if (rate > maxRate) adjust(1);
        }
      }
      prevMediaTime = meta.mediaTime;
      const t = (meta.mediaTime - firstMediaTime) * 1000;
      if (!keepFrame(t, lastKept, range.minIntervalMs ?? 0)) {
        handle = video.requestVideoFrameCallback(onFrame);
        return;
      }
      lastKept = t;
      converting++;
      if (!queue.hasRoom(converting)) {
        video.pause();
        adjust(0.85);
      }
      // The bitmap is taken from the frame on screen now, in this callback.
      maker
        .make(video)
        .then((bitmap) => queue.push({ bitmap, t, index: produced++ }))
        .catch((e: unknown) => queue.fail(videoErrors.corrupt(info.name, e instanceof Error ? e.message : String(e))))
        .finally(() => {
          converting--;
          finishIfDone();
          resume();
        });
      handle = video.requestVideoFrameCallback(onFrame);
    };
    const onEnded = () => {
      ended = true;
      finishIfDone();
    };
    const onError = () => queue.fail(mediaError(video, info.name, info.container));
    video.addEventListener('ended', onEnded);
    video.addEventListener('error', onError);
    const watchdog = setInterval(() => {
      if (!ended && !queue.closed && !video.paused && performance.now() - lastFrameAt > STALL_MS) {
        queue.fail(videoErrors.corrupt(info.name, `playback stalled at ${video.currentTime.toFixed(1)} s`));
      }
    }, 1000);
    const onAbort = () => queue.close();
    signal?.addEventListener('abort', onAbort);

    video.playbackRate = rate;
    video.currentTime = 0;
    handle = video.requestVideoFrameCallback(onFrame);
    resume();
    try {
      for (;;) {
        if (queue.length === 0 && !video.paused) adjust(1.1);
        const r = await queue.next();
        if (r.done) break;
        resume();
        yield r.value;
      }
      if (gaps.length > 2) {
        gaps.sort((a, b) => a - b);
        const g = gaps[gaps.length >> 1];
        if (g > 0) info.fps = Math.round((1 / g) * 100) / 100;
      }
      info.frameCount = produced;
      if (skipped > 0) info.warnings.push(`${skipped} frame(s) were skipped while decoding this video with the fallback decoder.`);
    } finally {
      clearInterval(watchdog);
      signal?.removeEventListener('abort', onAbort);
      video.cancelVideoFrameCallback(handle);
      video.removeEventListener('ended', onEnded);
      video.removeEventListener('error', onError);
      video.pause();
      queue.close();
      queue.drop();
    }
  }
}
