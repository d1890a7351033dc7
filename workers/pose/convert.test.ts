import { describe, expect, it } from 'vitest';
import { median, pickMainPose, toTuples } from './convert';

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
});
