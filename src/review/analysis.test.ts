import { describe, expect, it } from 'vitest';
import type { Landmark, PoseClip } from '../analysis/types';
import { checkClip } from './analysis';

const body = (): Landmark[] => Array.from({ length: 33 }, () => [0.5, 0.5, 0, 1] as Landmark);
const clip = (frames: { person: boolean; people?: number }[]): PoseClip => ({
  fps: 30,
  width: 360,
  height: 640,
  frames: frames.map((f, i) => ({ t: i * 33.3, landmarks: f.person ? body() : null, world: null, people: f.people ?? (f.person ? 1 : 0) })),
});

describe('checkClip', () => {
  it('says plainly when no person was found', () => {
    const c = checkClip(clip(Array.from({ length: 60 }, () => ({ person: false }))), 'room.webm');
    expect(c.error).toMatch(/No person was found in “room.webm”/);
  });
  it('warns when the lifter is missing for much of the video', () => {
    const c = checkClip(clip(Array.from({ length: 100 }, (_, i) => ({ person: i < 30 }))), 'a.mp4');
    expect(c.error).toBeNull();
    expect(c.warnings.join(' ')).toMatch(/only 30% of the frames/);
  });
  it('warns about a second person', () => {
    const c = checkClip(clip(Array.from({ length: 100 }, (_, i) => ({ person: true, people: i < 40 ? 2 : 1 }))), 'a.mp4');
    expect(c.error).toBeNull();
    expect(c.warnings.join(' ')).toMatch(/More than one person is in view in 40% of the video/);
  });
  it('says why a degenerate recording can give no reps', () => {
    const one = clip([{ person: true }]);
    expect(checkClip(one, 'a.json').error).toMatch(/single frame/);
    const still = { ...clip(Array.from({ length: 90 }, () => ({ person: true }))), frames: clip(Array.from({ length: 90 }, () => ({ person: true }))).frames.map((f) => ({ ...f, t: 0 })) };
    expect(checkClip(still, 'a.json').error).toMatch(/Every frame of “a.json” has the same time \(0 ms\)/);
    // a real pull can be filmed in under a second
    expect(checkClip(clip(Array.from({ length: 20 }, () => ({ person: true }))), 'a.json').error).toBeNull();
  });
  it('has nothing to say about a clean clip', () => {
    expect(checkClip(clip(Array.from({ length: 50 }, () => ({ person: true }))), 'a.mp4')).toEqual({ error: null, warnings: [], personFrames: 50 });
  });
});
