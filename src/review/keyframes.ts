/**
 * Key frames for the printable report: each rep's bottom position with the
 * skeleton, the bar path and mid-foot drawn over it, as an image. Seeks a
 * private <video> (the player is left alone); without a video the skeleton
 * is drawn on a plain background.
 */
import type { FrameResult, PoseClip, SetReport } from '../analysis/types';
import { drawPath, drawSkeleton } from '../render/skeleton';
import { frameAt, videoTime } from './frames';
import { barPath } from './report-view';

export interface KeyFrame {
  rep: number;
  atMs: number;
  url: string;
}

function seek(video: HTMLVideoElement, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('seek timed out')), 10_000);
    video.addEventListener('seeked', () => (clearTimeout(timer), resolve()), { once: true });
    video.currentTime = videoTime(ms);
  });
}

async function loadVideo(url: string): Promise<HTMLVideoElement> {
  const v = document.createElement('video');
  v.muted = true;
  v.preload = 'auto';
  v.playsInline = true;
  v.src = url;
  await new Promise<void>((resolve, reject) => {
    v.addEventListener('loadeddata', () => resolve(), { once: true });
    v.addEventListener('error', () => reject(new Error('video could not be loaded')), { once: true });
  });
  return v;
}

export async function renderKeyFrames(
  videoUrl: string | null,
  clip: PoseClip,
  report: SetReport,
  frames: readonly FrameResult[],
  maxSide = 520,
): Promise<KeyFrame[]> {
  const times = clip.frames.map((f) => f.t);
  const scale = Math.min(1, maxSide / Math.max(clip.width, clip.height));
  const w = Math.round(clip.width * scale);
  const h = Math.round(clip.height * scale);
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d')!;
  let video: HTMLVideoElement | null = null;
  if (videoUrl) video = await loadVideo(videoUrl).catch(() => null);
  const out: KeyFrame[] = [];
  try {
    for (const rep of report.reps) {
      const i = frameAt(times, rep.bottomMs);
      ctx.fillStyle = '#1d232a';
      ctx.fillRect(0, 0, w, h);
      if (video) {
        try {
          await seek(video, times[i]);
          ctx.drawImage(video, 0, 0, w, h);
        } catch {
          /* keep the plain background */
        }
      }
      const fr = frames[i];
      if (fr?.midFootX !== null && fr?.midFootX !== undefined && Number.isFinite(fr.midFootX)) {
        ctx.setLineDash([8, 8]);
        drawPath(ctx, [[fr.midFootX, 0.05], [fr.midFootX, 0.98]], w, h, '#F0E442', 2);
        ctx.setLineDash([]);
      }
      drawPath(ctx, barPath(clip.frames, times, rep, rep.bottomMs), w, h, '#CC79A7', 3);
      const lm = clip.frames[i]?.landmarks;
      if (lm) drawSkeleton(ctx, lm, w, h);
      out.push({ rep: rep.index, atMs: times[i], url: canvas.toDataURL('image/jpeg', 0.85) });
    }
  } finally {
    if (video) {
      video.removeAttribute('src');
      video.load();
    }
  }
  return out;
}
