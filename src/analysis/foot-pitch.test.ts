import { describe, expect, it } from 'vitest';
import { footPitchDeg, plantedFootPitch } from './foot-pitch';

describe('foot pitch', () => {
  it('is zero at the standing pitch and grows as the heel lifts', () => {
    expect(footPitchDeg(0.9, 0.88, 0.02, 0.06)).toBeCloseTo(0);
    // heel 0.03 frame heights up on a 0.06 foot: asin(0.5) = 30°
    expect(footPitchDeg(0.9, 0.85, 0.02, 0.06)).toBeCloseTo(30);
    // toes up: negative
    expect(footPitchDeg(0.87, 0.88, 0.02, 0.06)).toBeLessThan(0);
    expect(footPitchDeg(0.9, 0.85, NaN, 0.06)).toBeNaN();
  });

  it('weights the feet by visibility and uses the stance foot alone on one leg', () => {
    const base = { heelUpLeft: 0, heelUpRight: 0, foot: 0.1 };
    const p = { heelLY: 0.95, toeLY: 1, heelRY: 1, toeRY: 1, visL: 0.9, visR: 0.9 };
    const both = plantedFootPitch(p, base, null, 0.5);
    expect(both).toBeGreaterThan(0);
    expect(both).toBeLessThan(plantedFootPitch(p, base, 'left', 0.5));
    expect(plantedFootPitch(p, base, 'right', 0.5)).toBeCloseTo(0);
    expect(plantedFootPitch({ ...p, visL: 0.1 }, base, null, 0.5)).toBeCloseTo(0);
    expect(plantedFootPitch({ ...p, visL: 0.1, visR: 0.1 }, base, null, 0.5)).toBeNaN();
  });
});
