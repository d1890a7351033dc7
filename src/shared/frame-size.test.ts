import { describe, expect, it } from 'vitest';
import { inferenceSize } from './frame-size';

describe('inferenceSize', () => {
  it('keeps small frames, with a width that is a multiple of 4', () => {
    expect(inferenceSize(360, 640)).toEqual({ width: 360, height: 640 });
    expect(inferenceSize(362, 640).width % 4).toBe(0);
  });
  it('scales the long side down and keeps the aspect', () => {
    const s = inferenceSize(1920, 1080);
    expect(s.width).toBe(640);
    expect(s.height).toBe(360);
    const p = inferenceSize(1080, 1920);
    expect(p.height).toBeLessThanOrEqual(641);
    expect(p.width % 4).toBe(0);
    expect(p.width / p.height).toBeCloseTo(1080 / 1920, 2);
  });
  it('refuses an empty frame', () => {
    expect(() => inferenceSize(0, 480)).toThrow(/invalid/);
  });
});
