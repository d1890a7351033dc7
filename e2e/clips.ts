/**
 * Real footage for the fake camera. The shared clips stay in ../shared: these
 * MJPEG conversions live in e2e/artifacts (gitignored) and are never shipped.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const sharedDir = path.resolve(repoRoot, '../shared');
export const footageDir = path.join(sharedDir, 'footage');
export const artifactsDir = path.join(repoRoot, 'e2e', 'artifacts');

/** Path of a shared clip, e.g. footage('TBY66_Intelligent-Deadlift-Diagnosis-System/0016c_1.mp4'). */
export function footage(rel: string): string {
  const p = path.join(footageDir, rel);
  if (!existsSync(p)) throw new Error(`shared footage missing: ${p} (CI clones the repo with shared/ beside it)`);
  return p;
}

/**
 * Converts a clip to MJPEG at a fixed rate (Chromium's fake camera plays
 * MJPEG files; Y4M would be hundreds of MB). Optional leading still frames
 * give the lifter time to be "in position" before the set. `riseBackS` plays
 * the clip's last seconds again in reverse: a clip cut at the bottom of a rep
 * then ends standing, instead of the camera's loop jumping the lifter up
 * (which the analyzer would rightly judge as a rep with a long, deep hold).
 */
export function mjpegFor(
  rel: string,
  opts: { fps?: number; height?: number; holdStartS?: number; holdEndS?: number; riseBackS?: number } = {},
): string {
  const fps = opts.fps ?? 30;
  const height = opts.height ?? 640;
  const holdStart = opts.holdStartS ?? 0;
  const holdEnd = opts.holdEndS ?? 0;
  const riseBack = opts.riseBackS ?? 0;
  const src = footage(rel);
  const name = `${rel.replace(/[\\/]/g, '__').replace(/\.\w+$/, '')}_${fps}fps_${height}_${holdStart}_${holdEnd}${riseBack ? `_r${riseBack}` : ''}.mjpeg`;
  const out = path.join(artifactsDir, 'clips', name);
  if (existsSync(out) && statSync(out).mtimeMs >= statSync(src).mtimeMs) return out;
  mkdirSync(path.dirname(out), { recursive: true });
  const base = `fps=${fps},scale=-2:${height}`;
  // Holding the first/last frame = the lifter standing still before and after the set.
  const hold = `tpad=start_duration=${holdStart}:start_mode=clone:stop_duration=${holdEnd}:stop_mode=clone`;
  const graph = riseBack
    ? `[0:v]${base},split[a][b];[b]reverse,trim=duration=${riseBack},setpts=PTS-STARTPTS[r];[a][r]concat=n=2:v=1,${hold}[v]`
    : `[0:v]${base},${hold}[v]`;
  execFileSync(
    'ffmpeg',
    ['-hide_banner', '-loglevel', 'error', '-y', '-i', src, '-filter_complex', graph, '-map', '[v]', '-q:v', '5', '-f', 'mjpeg', out],
    { stdio: 'inherit' },
  );
  return out;
}
