import { describe, expect, it } from 'vitest';
import { fitThreshold } from './accuracy-real';

describe('fitThreshold', () => {
  it('puts the cut in the middle of the gap between good and fault clips', () => {
    const f = fitThreshold([2, 3], [0.5, 1], false);
    expect(f.how).toBe('fit');
    expect(f.k).toBeCloseTo(1.5);
  });

  it('with no fault clip, sits 10% past the most extreme good one', () => {
    expect(fitThreshold([], [0.2, 0.5], false)).toEqual({ k: 0.5 * 1.1, how: 'noise-floor' });
    expect(fitThreshold([], [0.8, 1.2], true).k).toBeCloseTo(0.8 / 1.1);
  });

  it('is never stricter than the coaching line', () => {
    // training lifters who all stayed far under the line do not move it
    expect(fitThreshold([], [0.01, 0.05], false, 0.4)).toEqual({ k: 0.4, how: 'line' });
    expect(fitThreshold([0.5], [1.3, 1.4], true, 0.7)).toEqual({ k: 0.7, how: 'line' });
    // looser than the line (landmark noise): the fit stands
    expect(fitThreshold([], [0.6, 0.9], false, 0.4)).toEqual({ k: 0.9 * 1.1, how: 'noise-floor' });
  });
});
