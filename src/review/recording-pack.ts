/**
 * A parsed recording as a few flat arrays, for handing from a worker to the
 * page: transferring typed arrays is free, while cloning a long session's
 * millions of small landmark arrays blocks the receiving thread for many
 * seconds. The page rebuilds the frames a slice at a time.
 */
import { LANDMARK_COUNT, type Landmark, type PoseClip, type PoseFrame } from '../analysis/types';

const STRIDE = LANDMARK_COUNT * 4;
/** dorsal: absent, null, or a value */
const ABSENT = 0;
const NULL = 1;
const VALUE = 2;

export interface PackedClip {
  meta: Omit<PoseClip, 'frames'>;
  t: Float64Array;
  /** 1 where the frame has image / world landmarks */
  hasLandmarks: Uint8Array;
  hasWorld: Uint8Array;
  landmarks: Float64Array;
  world: Float64Array;
  dorsalKind: Uint8Array;
  dorsal: Float64Array;
  /** NaN where absent */
  people: Float64Array;
}

export function packClip(clip: PoseClip): PackedClip {
  const n = clip.frames.length;
  const { frames, ...meta } = clip;
  const p: PackedClip = {
    meta,
    t: new Float64Array(n),
    hasLandmarks: new Uint8Array(n),
    hasWorld: new Uint8Array(n),
    landmarks: new Float64Array(n * STRIDE),
    world: new Float64Array(n * STRIDE),
    dorsalKind: new Uint8Array(n),
    dorsal: new Float64Array(n),
    people: new Float64Array(n).fill(NaN),
  };
  const put = (dst: Float64Array, i: number, lms: Landmark[]) => {
    for (let j = 0; j < LANDMARK_COUNT; j++) for (let k = 0; k < 4; k++) dst[i * STRIDE + j * 4 + k] = lms[j][k];
  };
  frames.forEach((f, i) => {
    p.t[i] = f.t;
    if (f.landmarks) (p.hasLandmarks[i] = 1), put(p.landmarks, i, f.landmarks);
    if (f.world) (p.hasWorld[i] = 1), put(p.world, i, f.world);
    p.dorsalKind[i] = f.dorsal === undefined ? ABSENT : f.dorsal === null ? NULL : VALUE;
    if (typeof f.dorsal === 'number') p.dorsal[i] = f.dorsal;
    if (f.people !== undefined) p.people[i] = f.people;
  });
  return p;
}

export const packTransfer = (p: PackedClip): Transferable[] =>
  [p.t, p.hasLandmarks, p.hasWorld, p.landmarks, p.world, p.dorsalKind, p.dorsal, p.people].map((a) => a.buffer);

function frameAt(p: PackedClip, i: number): PoseFrame {
  const get = (src: Float64Array): Landmark[] => {
    const out: Landmark[] = new Array(LANDMARK_COUNT);
    for (let j = 0, o = i * STRIDE; j < LANDMARK_COUNT; j++, o += 4) out[j] = [src[o], src[o + 1], src[o + 2], src[o + 3]];
    return out;
  };
  const f: PoseFrame = { t: p.t[i], landmarks: p.hasLandmarks[i] ? get(p.landmarks) : null, world: p.hasWorld[i] ? get(p.world) : null };
  if (p.dorsalKind[i] !== ABSENT) f.dorsal = p.dorsalKind[i] === NULL ? null : p.dorsal[i];
  if (!Number.isNaN(p.people[i])) f.people = p.people[i];
  return f;
}

/** Rebuilds the clip, yielding between slices (`onSlice` gets the share done). */
export async function unpackClip(p: PackedClip, onSlice?: (share: number) => void, slice = 5000): Promise<PoseClip> {
  const n = p.t.length;
  const frames: PoseFrame[] = new Array(n);
  for (let a = 0; a < n; a += slice) {
    const b = Math.min(n, a + slice);
    for (let i = a; i < b; i++) frames[i] = frameAt(p, i);
    onSlice?.(b / n);
    if (b < n) await new Promise((r) => setTimeout(r, 0));
  }
  return { ...p.meta, frames };
}
