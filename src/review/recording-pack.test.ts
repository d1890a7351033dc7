import { describe, expect, it } from 'vitest';
import { synthesizeClip } from '../analysis/synthetic/index';
import { packClip, unpackClip } from './recording-pack';

describe('packed recordings', () => {
  it('round-trip exactly, gaps, nulls and absent fields included', async () => {
    const { clip } = synthesizeClip({ lift: 'rdl', reps: 2, fps: 30, width: 640, height: 480, seed: 4, camera: { yawDeg: 0 } });
    clip.source = 'x.mp4';
    clip.frames[3] = { ...clip.frames[3], landmarks: null, world: null };
    clip.frames[4] = { ...clip.frames[4], dorsal: null, people: 2 };
    clip.frames[5] = { ...clip.frames[5], dorsal: 0.0123 };
    delete clip.frames[6].dorsal;
    const slices: number[] = [];
    const back = await unpackClip(packClip(clip), (s) => slices.push(s), 50);
    expect(back).toEqual(clip);
    expect(slices.at(-1)).toBe(1);
    expect(slices.length).toBe(Math.ceil(clip.frames.length / 50));
  });
});
