/**
 * The live session's landmarks, kept compactly (one Float32Array per frame
 * instead of 66 small arrays) so a long session stays light on memory, and
 * turned back into the interchange format on export.
 */
import type { Landmark, PoseFrame } from '../analysis/types';

const POINTS = 33;
const STRIDE = POINTS * 4;

interface Packed {
  t: number;
  /** image landmarks then world landmarks, [x, y, z, visibility] each; null when no person */
  data: Float32Array | null;
  hasWorld: boolean;
  dorsal?: number | null;
  people?: number;
}

export class FrameRecorder {
  private frames: Packed[] = [];

  constructor(readonly maxFrames = 18_000) {}

  get length(): number {
    return this.frames.length;
  }

  add(f: PoseFrame): void {
    if (this.frames.length >= this.maxFrames) return;
    let data: Float32Array | null = null;
    if (f.landmarks) {
      data = new Float32Array(STRIDE * 2);
      pack(f.landmarks, data, 0);
      if (f.world) pack(f.world, data, STRIDE);
    }
    this.frames.push({ t: f.t, data, hasWorld: !!f.world, dorsal: f.dorsal, people: f.people });
  }

  toFrames(): PoseFrame[] {
    return this.frames.map((p) => {
      const frame: PoseFrame = {
        t: p.t,
        landmarks: p.data ? unpack(p.data, 0) : null,
        world: p.data && p.hasWorld ? unpack(p.data, STRIDE) : null,
      };
      if (p.dorsal !== undefined) frame.dorsal = p.dorsal;
      if (p.people !== undefined) frame.people = p.people;
      return frame;
    });
  }
}

function pack(points: readonly Landmark[], out: Float32Array, offset: number): void {
  for (let i = 0; i < POINTS; i++) {
    const p = points[i];
    out.set(p, offset + i * 4);
  }
}

function unpack(data: Float32Array, offset: number): Landmark[] {
  const out: Landmark[] = new Array(POINTS);
  for (let i = 0; i < POINTS; i++) {
    const o = offset + i * 4;
    out[i] = [data[o], data[o + 1], data[o + 2], data[o + 3]];
  }
  return out;
}
