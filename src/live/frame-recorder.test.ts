import { describe, expect, it } from 'vitest';
import type { Landmark } from '../analysis/types';
import { FrameRecorder } from './frame-recorder';

const pts = (k: number): Landmark[] => Array.from({ length: 33 }, (_, i) => [i / 33, k / 10, -i / 100, 0.5] as Landmark);

describe('FrameRecorder', () => {
  it('round-trips frames (to float32 precision), keeping empty frames and extras', () => {
    const r = new FrameRecorder();
    r.add({ t: 0, landmarks: pts(1), world: pts(2), dorsal: 0.02, people: 1 });
    r.add({ t: 33, landmarks: null, world: null, people: 0 });
    r.add({ t: 66, landmarks: pts(3), world: null });
    const out = r.toFrames();
    expect(out).toHaveLength(3);
    expect(out[0].landmarks![5][0]).toBeCloseTo(5 / 33, 6);
    expect(out[0].world![32][1]).toBeCloseTo(0.2, 6);
    expect(out[0].dorsal).toBeCloseTo(0.02, 6);
    expect(out[1]).toEqual({ t: 33, landmarks: null, world: null, people: 0 });
    expect(out[2].world).toBeNull();
    expect(out[2].landmarks![0]).toEqual([0, expect.closeTo(0.3, 6), -0, 0.5]);
  });

  it('keeps frame order across its storage chunks', () => {
    const r = new FrameRecorder();
    for (let i = 0; i < 2500; i++) r.add({ t: i * 33, landmarks: i % 7 ? pts(i % 10) : null, world: null, people: i % 3 });
    const out = r.toFrames();
    expect(out).toHaveLength(2500);
    expect(out.map((f) => f.t)).toEqual(Array.from({ length: 2500 }, (_, i) => i * 33));
    expect(out[2402].landmarks![0][1]).toBeCloseTo(0.2, 6);
    expect(out[2402].people).toBe(2);
    expect(out[2100].landmarks).toBeNull();
  });

  it('stops at its cap instead of growing without bound', () => {
    const r = new FrameRecorder(2);
    for (let i = 0; i < 5; i++) r.add({ t: i, landmarks: pts(i), world: null });
    expect(r.length).toBe(2);
  });
});
