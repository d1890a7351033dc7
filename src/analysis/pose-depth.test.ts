import { describe, expect, it } from 'vitest';
import { depthFromAngles } from './pose-depth';

const body = { trunk: 0.5, thigh: 0.42, shin: 0.4 };

describe('depth from angles', () => {
  it('is 0 standing straight and grows with the hinge', () => {
    expect(depthFromAngles(0, 180, 0, body)).toBeCloseTo(0);
    // trunk horizontal, legs straight: only the trunk's length is lost
    expect(depthFromAngles(90, 180, 0, body)).toBeCloseTo(0.5 / 1.32);
  });

  it('a squat to thighs level with the floor and an upright trunk sinks by the thigh length', () => {
    // shin vertical, knee at 90°: the thigh is horizontal
    expect(depthFromAngles(0, 90, 0, body)).toBeCloseTo(0.42 / 1.32);
  });

  it('an upright, straight-legged body cannot be half a body lower', () => {
    expect(depthFromAngles(8, 162, 5, body)).toBeLessThan(0.05);
  });
});
