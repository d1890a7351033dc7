/**
 * What the analyzer accepts of a frame, whatever a recording file or a
 * worker hands it: a finite time, and landmarks that are 33 points with
 * finite coordinates near the picture (else the frame counts as "no
 * person"); world landmarks likewise or none; a head count and mask feature only when
 * finite. One bad frame is then a gap, never a crash, never a time that
 * stops the clock (t = Infinity) and never a report with a non-finite number.
 */
import type { Landmark, PoseFrame } from './types';

const POINTS = 33;
/** normalised image coordinates: MediaPipe places a limb out of the picture a little past 0..1 */
const IMAGE_RANGE = [-1, 2] as const;
/** metres from the hips */
const WORLD_RANGE = [-5, 5] as const;

function points(lms: unknown, [lo, hi]: readonly [number, number]): boolean {
  if (!Array.isArray(lms) || lms.length < POINTS) return false;
  for (let i = 0; i < POINTS; i++) {
    const p = lms[i] as Landmark | undefined;
    if (!Array.isArray(p) || p.length < 2) return false;
    const [x, y] = p;
    if (!(x >= lo && x <= hi && y >= lo && y <= hi)) return false;
  }
  return true;
}

/** z and visibility may be missing or junk: 0 then (flat, and not trusted). */
function tidy(lms: Landmark[]): Landmark[] {
  let clean = true;
  for (let i = 0; i < POINTS && clean; i++) clean = lms[i].length >= 4 && Number.isFinite(lms[i][2]) && lms[i][3] >= 0 && lms[i][3] <= 1;
  if (clean) return lms;
  return lms.slice(0, POINTS).map((p) => [p[0], p[1], Number.isFinite(p[2]) ? p[2] : 0, p[3] >= 0 && p[3] <= 1 ? p[3] : 0] as Landmark);
}

/** null: skip the frame (no usable time). Else the frame as the analyzer may read it (the same object when it was fine). */
export function guardFrame(frame: PoseFrame): PoseFrame | null {
  if (!frame || typeof frame !== 'object' || !Number.isFinite(frame.t)) return null;
  const landmarks = points(frame.landmarks, IMAGE_RANGE) ? tidy(frame.landmarks!) : null;
  const world = landmarks && points(frame.world, WORLD_RANGE) ? tidy(frame.world!) : null;
  const people = frame.people === undefined || (Number.isFinite(frame.people) && frame.people >= 0) ? frame.people : undefined;
  const dorsal = frame.dorsal === undefined || frame.dorsal === null || Number.isFinite(frame.dorsal) ? frame.dorsal : null;
  if (landmarks === frame.landmarks && world === (frame.world ?? null) && people === frame.people && dorsal === frame.dorsal) return frame;
  const out: PoseFrame = { t: frame.t, landmarks, world };
  if (people !== undefined) out.people = people;
  if (dorsal !== undefined) out.dorsal = dorsal;
  return out;
}

/**
 * A recording's frames in time order, without the ones whose time is not
 * (no finite time, or earlier than a frame before it), nor a lone time far
 * past the frames after it (t = 1e300 among milliseconds would otherwise
 * leave every later frame "in the past"): a frame is kept when its time is
 * below the median of the next three. For recordings from a file; the live
 * clock is the app's own.
 */
export function orderedFrames<T extends { t: number }>(frames: readonly T[]): T[] {
  const out: T[] = [];
  let last = -Infinity;
  const ahead: number[] = [];
  for (let i = 0; i < frames.length; i++) {
    const t = frames[i]?.t;
    if (!Number.isFinite(t) || !(t > last)) continue;
    ahead.length = 0;
    for (let j = i + 1; j < frames.length && ahead.length < 3; j++) if (Number.isFinite(frames[j]?.t)) ahead.push(frames[j].t);
    ahead.sort((a, b) => a - b);
    if (ahead.length && !(t < ahead[ahead.length >> 1])) continue;
    out.push(frames[i]);
    last = t;
  }
  return out;
}
