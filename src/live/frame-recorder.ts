/**
 * The live session's landmarks, kept for "Save landmarks" and turned back
 * into the interchange format on export. Stored in columns, in chunks of a
 * thousand frames: no object per frame, so a long session adds a few
 * buffers, not tens of thousands of small objects for the garbage collector
 * (the 30-minute soak measured the per-frame objects as its heap growth).
 */
import type { Landmark, PoseFrame } from '../analysis/types';

const POINTS = 33;
const STRIDE = POINTS * 4;
const CHUNK = 1000;
/** flags per frame */
const HAS_LANDMARKS = 1;
const HAS_WORLD = 2;
const HAS_DORSAL = 4;
const DORSAL_NULL = 8;
const HAS_PEOPLE = 16;

interface Chunk {
  t: Float64Array;
  flags: Uint8Array;
  /** image landmarks then world landmarks per frame, [x, y, z, visibility] each */
  points: Float32Array;
  dorsal: Float32Array;
  people: Uint8Array;
}

const newChunk = (): Chunk => ({
  t: new Float64Array(CHUNK),
  flags: new Uint8Array(CHUNK),
  points: new Float32Array(CHUNK * STRIDE * 2),
  dorsal: new Float32Array(CHUNK),
  people: new Uint8Array(CHUNK),
});

export class FrameRecorder {
  private chunks: Chunk[] = [];
  private count = 0;

  constructor(readonly maxFrames = 18_000) {}

  get length(): number {
    return this.count;
  }

  add(f: PoseFrame): void {
    if (this.count >= this.maxFrames) return;
    const k = this.count % CHUNK;
    if (k === 0) this.chunks.push(newChunk());
    const c = this.chunks[this.chunks.length - 1];
    let flags = 0;
    c.t[k] = f.t;
    if (f.landmarks) {
      flags |= HAS_LANDMARKS;
      pack(f.landmarks, c.points, k * STRIDE * 2);
      if (f.world) {
        flags |= HAS_WORLD;
        pack(f.world, c.points, k * STRIDE * 2 + STRIDE);
      }
    }
    if (f.dorsal !== undefined) {
      flags |= HAS_DORSAL;
      if (f.dorsal === null) flags |= DORSAL_NULL;
      else c.dorsal[k] = f.dorsal;
    }
    if (f.people !== undefined) {
      flags |= HAS_PEOPLE;
      c.people[k] = Math.min(255, f.people);
    }
    c.flags[k] = flags;
    this.count++;
  }

  toFrames(): PoseFrame[] {
    const out: PoseFrame[] = new Array(this.count);
    for (let i = 0; i < this.count; i++) {
      const c = this.chunks[Math.floor(i / CHUNK)];
      const k = i % CHUNK;
      const flags = c.flags[k];
      const at = k * STRIDE * 2;
      const frame: PoseFrame = {
        t: c.t[k],
        landmarks: flags & HAS_LANDMARKS ? unpack(c.points, at) : null,
        world: flags & HAS_WORLD ? unpack(c.points, at + STRIDE) : null,
      };
      if (flags & HAS_DORSAL) frame.dorsal = flags & DORSAL_NULL ? null : c.dorsal[k];
      if (flags & HAS_PEOPLE) frame.people = c.people[k];
      out[i] = frame;
    }
    return out;
  }
}

function pack(points: readonly Landmark[], out: Float32Array, offset: number): void {
  for (let i = 0; i < POINTS; i++) out.set(points[i].slice(0, 4), offset + i * 4);
}

function unpack(data: Float32Array, offset: number): Landmark[] {
  const out: Landmark[] = new Array(POINTS);
  for (let i = 0; i < POINTS; i++) {
    const o = offset + i * 4;
    out[i] = [data[o], data[o + 1], data[o + 2], data[o + 3]];
  }
  return out;
}
