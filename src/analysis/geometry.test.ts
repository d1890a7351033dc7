import { describe, expect, it } from 'vitest';
import { inclinationFromUp, jointAngle, median, percentile } from './geometry';

describe('geometry', () => {
  it('joint angle: straight line 180, right angle 90', () => {
    expect(jointAngle(0, 0, 0, 1, 0, 2)).toBeCloseTo(180);
    expect(jointAngle(1, 0, 0, 0, 0, 1)).toBeCloseTo(90);
    expect(Number.isNaN(jointAngle(0, 0, 0, 0, 1, 1))).toBe(true);
  });

  it('inclination is + toward the facing direction, with image y down', () => {
    // shoulder up and to the right of the hip, lifter facing +x
    expect(inclinationFromUp(0, 1, 1, 0, 1)).toBeCloseTo(45);
    expect(inclinationFromUp(0, 1, 1, 0, -1)).toBeCloseTo(-45);
    expect(inclinationFromUp(0, 1, 0, 0, 1)).toBeCloseTo(0);
  });

  it('median and percentile skip non-finite values', () => {
    expect(median([3, NaN, 1, 2])).toBe(2);
    expect(percentile([0, 10], 25)).toBeCloseTo(2.5);
    expect(Number.isNaN(median([]))).toBe(true);
  });
});
