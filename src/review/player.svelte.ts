/**
 * Playback of a reviewed clip: the original video (if there is one) is the
 * clock; without a video (a reopened recording) a timer is. Seeking and
 * stepping go by the clip's own frame times so the overlay always shows the
 * landmarks measured on the frame on screen.
 */
import { frameAt, stepTime, videoTime } from './frames';

export const RATES = [0.25, 0.5, 1] as const;

export class Player {
  currentMs = $state(0);
  playing = $state(false);
  rate = $state<number>(1);
  durationMs = $state(0);

  private video: HTMLVideoElement | null = null;
  private times = $state.raw<ArrayLike<number>>([]);
  private handle = 0;
  private rafHandle = 0;
  private lastTick = 0;
  private cleanup: (() => void) | null = null;

  get frameIndex(): number {
    return frameAt(this.times, this.currentMs);
  }

  /** Frame times of the clip; `video` null plays from the timer. */
  attach(video: HTMLVideoElement | null, times: ArrayLike<number>, durationMs: number): void {
    this.detach();
    this.video = video;
    this.times = times;
    this.durationMs = durationMs;
    this.currentMs = Math.min(this.currentMs, durationMs);
    if (!video) return;
    video.playbackRate = this.rate;
    const sync = () => {
      if (!this.playing) this.currentMs = video.currentTime * 1000;
    };
    const ended = () => this.pause();
    const paused = () => (this.playing = false);
    video.addEventListener('seeked', sync);
    video.addEventListener('ended', ended);
    video.addEventListener('pause', paused);
    this.cleanup = () => {
      video.removeEventListener('seeked', sync);
      video.removeEventListener('ended', ended);
      video.removeEventListener('pause', paused);
    };
  }

  detach(): void {
    this.pause();
    this.cleanup?.();
    this.cleanup = null;
    this.video = null;
  }

  seek(ms: number): void {
    const t = Math.max(0, Math.min(this.durationMs, ms));
    this.currentMs = t;
    if (this.video) this.video.currentTime = videoTime(t);
  }

  step(delta: number): void {
    this.pause();
    this.seek(stepTime(this.times, this.currentMs, delta));
  }

  setRate(r: number): void {
    this.rate = r;
    if (this.video) this.video.playbackRate = r;
  }

  toggle(): void {
    if (this.playing) this.pause();
    else this.play();
  }

  play(): void {
    if (this.playing) return;
    if (this.currentMs >= this.durationMs - 1) this.seek(0);
    this.playing = true;
    const v = this.video;
    if (v) {
      v.playbackRate = this.rate;
      const onFrame = (_now: number, meta: VideoFrameCallbackMetadata) => {
        if (!this.playing) return;
        this.currentMs = meta.mediaTime * 1000;
        this.handle = v.requestVideoFrameCallback(onFrame);
      };
      this.handle = v.requestVideoFrameCallback(onFrame);
      v.play().catch(() => (this.playing = false));
    } else {
      this.lastTick = performance.now();
      const tick = (now: number) => {
        if (!this.playing) return;
        const next = this.currentMs + (now - this.lastTick) * this.rate;
        this.lastTick = now;
        if (next >= this.durationMs) {
          this.currentMs = this.durationMs;
          this.playing = false;
          return;
        }
        this.currentMs = next;
        this.rafHandle = requestAnimationFrame(tick);
      };
      this.rafHandle = requestAnimationFrame(tick);
    }
  }

  pause(): void {
    this.playing = false;
    cancelAnimationFrame(this.rafHandle);
    const v = this.video;
    if (v) {
      v.cancelVideoFrameCallback(this.handle);
      if (!v.paused) v.pause();
      this.currentMs = v.currentTime * 1000;
    }
  }
}
