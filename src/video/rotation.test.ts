import { describe, expect, it } from 'vitest';
import { rotatedSize, rotationFromMatrix, rotationTransform, type Rotation } from './rotation';

const F = 65536;
const W = 1 << 30;

describe('rotationFromMatrix', () => {
  it('reads the identity as no rotation', () => {
    expect(rotationFromMatrix([F, 0, 0, 0, F, 0, 0, 0, W])).toBe(0);
  });
  it('reads the quarter turns phones write', () => {
    // iPhone portrait: coded landscape, shown turned 90° clockwise
    expect(rotationFromMatrix([0, F, 0, -F, 0, 0, 1080 * F, 0, W])).toBe(90);
    expect(rotationFromMatrix([-F, 0, 0, 0, -F, 0, 1920 * F, 1080 * F, W])).toBe(180);
    expect(rotationFromMatrix([0, -F, 0, F, 0, 0, 0, 1920 * F, W])).toBe(270);
  });
  it('takes unsigned 32-bit storage of negative values', () => {
    const signed = new Int32Array([0, -F, 0, F, 0, 0, 0, 0, W]);
    expect(rotationFromMatrix(new Uint32Array(signed.buffer))).toBe(270);
    expect(rotationFromMatrix(signed)).toBe(270);
  });
  it('falls back to 0 for missing or degenerate matrices', () => {
    expect(rotationFromMatrix(undefined)).toBe(0);
    expect(rotationFromMatrix([0, 0, 0, 0, 0, 0, 0, 0, 0])).toBe(0);
    expect(rotationFromMatrix([1, 2])).toBe(0);
  });
});

describe('rotatedSize', () => {
  it('swaps width and height for quarter turns only', () => {
    expect(rotatedSize(1920, 1080, 90)).toEqual({ width: 1080, height: 1920 });
    expect(rotatedSize(1920, 1080, 270)).toEqual({ width: 1080, height: 1920 });
    expect(rotatedSize(1920, 1080, 180)).toEqual({ width: 1920, height: 1080 });
  });
});

describe('rotationTransform', () => {
  const apply = ([a, b, c, d, e, f]: number[], x: number, y: number) => [a * x + c * y + e, b * x + d * y + f];
  const w = 4, h = 2;
  const cases: [Rotation, [number, number][]][] = [
    // corners TL, TR, BL of the coded picture → where they land
    [0, [[0, 0], [4, 0], [0, 2]]],
    [90, [[2, 0], [2, 4], [0, 0]]],
    [180, [[4, 2], [0, 2], [4, 0]]],
    [270, [[0, 4], [0, 0], [2, 4]]],
  ];
  for (const [rot, expected] of cases) {
    it(`turns the picture ${rot}° clockwise into the rotated canvas`, () => {
      const t = rotationTransform(rot, w, h);
      const got = [apply(t, 0, 0), apply(t, w, 0), apply(t, 0, h)];
      expect(got.map((p) => p.map((v) => v + 0))).toEqual(expected);
      const size = rotatedSize(w, h, rot);
      for (const [x, y] of got) {
        expect(x).toBeGreaterThanOrEqual(0), expect(x).toBeLessThanOrEqual(size.width);
        expect(y).toBeGreaterThanOrEqual(0), expect(y).toBeLessThanOrEqual(size.height);
      }
    });
  }
});
