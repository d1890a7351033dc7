import { describe, expect, it } from 'vitest';
import { intervalFor, keepFrame } from './decimate';

function kept(fps: number, seconds: number, maxFps: number | null, jitterMs = 0): number {
  const every = intervalFor(maxFps);
  let last: number | null = null;
  let n = 0;
  for (let i = 0; i < fps * seconds; i++) {
    const t = (i * 1000) / fps + (i % 2 ? jitterMs : -jitterMs);
    if (keepFrame(t, last, every)) {
      last = t;
      n++;
    }
  }
  return n;
}

describe('keepFrame', () => {
  it('keeps every other frame of a 60 fps clip read at 30', () => {
    expect(kept(60, 10, 30)).toBe(300);
    expect(kept(59.94, 10, 30, 0.4)).toBe(300);
  });
  it('keeps every frame at or below the cap, and every frame with no cap', () => {
    expect(kept(30, 10, 30)).toBe(300);
    expect(kept(29.97, 10, 30, 0.3)).toBe(300);
    expect(kept(24, 10, 30)).toBe(240);
    expect(kept(120, 2, null)).toBe(240);
  });
  it('reads a 120 fps slow-motion clip at 30', () => {
    expect(kept(120, 10, 30)).toBe(300);
  });
});
