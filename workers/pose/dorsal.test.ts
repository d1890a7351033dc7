import { describe, expect, it } from 'vitest';
import type { Landmark } from '../../src/analysis/types';
import { dorsalRise, FacingVote } from './dorsal';

const W = 200, H = 200;

/** A side-view lifter facing left (-x), trunk horizontal from hip (150,100) to shoulder (50,100). */
function body(): Landmark[] {
  const lm: Landmark[] = Array.from({ length: 33 }, () => [0.5, 0.5, 0, 1] as Landmark);
  lm[23] = lm[24] = [150 / W, 100 / H, 0, 1];
  lm[11] = lm[12] = [50 / W, 100 / H, 0, 1];
  lm[0] = [30 / W, 105 / H, 0, 1];
  lm[7] = lm[8] = [40 / W, 100 / H, 0, 1];
  lm[29] = lm[30] = [160 / W, 190 / H, 0, 1];
  lm[31] = lm[32] = [140 / W, 190 / H, 0, 1];
  return lm;
}

/** Mask of a trunk: 20 px below the chord, and above it a back whose height is `back(x)`. */
function mask(back: (x: number) => number): Float32Array {
  const m = new Float32Array(W * H);
  for (let x = 40; x <= 160; x++) for (let y = 0; y < H; y++) if (y <= 120 && y >= 100 - back(x)) m[y * W + x] = 1;
  return m;
}

describe('dorsal rise', () => {
  it('is near zero for a flat back and clearly positive for a rounded one', () => {
    const lm = body();
    const facing = new FacingVote().add(lm);
    expect(facing).toBe(-1);
    const flat = dorsalRise(mask(() => 12), W, H, lm, facing)!;
    const rounded = dorsalRise(mask((x) => 12 + 10 * Math.sin((Math.PI * (150 - x)) / 100)), W, H, lm, facing)!;
    expect(Math.abs(flat)).toBeLessThan(0.01);
    expect(rounded).toBeGreaterThan(0.05);
  });

  it('measures the back, not the belly, whichever way the lifter faces', () => {
    const lm = body();
    // Belly bulge only (below the chord): the back stays flat.
    const m = mask(() => 12);
    for (let x = 60; x <= 140; x++) for (let y = 120; y < 150; y++) m[y * W + x] = 1;
    expect(Math.abs(dorsalRise(m, W, H, lm, -1)!)).toBeLessThan(0.01);
  });

  it('gives up when the mask misses the body', () => {
    expect(dorsalRise(new Float32Array(W * H), W, H, body(), -1)).toBeNull();
  });
});
