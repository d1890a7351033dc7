import { describe, expect, it } from 'vitest';
import { maskSafeWidth, median, pickMainPose, stretchX, toTuples } from './convert';

const pose = (cx: number, size: number) =>
  Array.from({ length: 33 }, (_, i) => ({ x: cx + ((i % 3) - 1) * size, y: 0.5 + ((i % 5) - 2) * size, z: 0, visibility: 0.9 }));

describe('convert', () => {
  it('turns landmark objects into [x, y, z, visibility] tuples', () => {
    expect(toTuples([{ x: 0.1, y: 0.2, z: -0.3, visibility: 0.8 }, { x: 1, y: 2, z: 3 }])).toEqual([
      [0.1, 0.2, -0.3, 0.8],
      [1, 2, 3, 0],
    ]);
  });

  it('coaches the largest person in view', () => {
    expect(pickMainPose([pose(0.2, 0.02), pose(0.6, 0.08), pose(0.8, 0.05)])).toBe(1);
    expect(pickMainPose([])).toBe(-1);
  });

  it('takes medians of odd and even samples', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('pads a width to the next multiple of 4 (masks abort the wasm otherwise) and maps landmarks back', () => {
    expect([360, 361, 362, 363, 364, 1].map(maskSafeWidth)).toEqual([360, 364, 364, 364, 364, 4]);
    // A point at the right edge of a 362 px frame, measured on a 364 px padded input.
    const onPadded = 361 / 364;
    const [p] = stretchX([[onPadded, 0.5, -0.2, 0.9]], 364 / 362);
    expect(p[0]).toBeCloseTo(361 / 362, 12);
    expect(p[1]).toBe(0.5);
    expect(p[2]).toBeCloseTo((-0.2 * 364) / 362, 12);
    expect(p[3]).toBe(0.9);
  });
});
