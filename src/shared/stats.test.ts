import { describe, expect, it } from 'vitest';
import { Ema, percentile, RateMeter } from './stats';

describe('stats', () => {
  it('measures a steady rate over its window', () => {
    const r = new RateMeter(1000);
    for (let t = 0; t <= 3000; t += 50) r.add(t);
    expect(r.rate).toBeCloseTo(20, 5);
  });
  it('smooths with an EMA seeded by the first value', () => {
    const e = new Ema(0.5);
    expect(e.add(10)).toBe(10);
    expect(e.add(20)).toBe(15);
  });
  it('takes nearest-rank percentiles', () => {
    const v = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(v, 50)).toBe(50);
    expect(percentile(v, 95)).toBe(95);
    expect(percentile([], 50)).toBeNaN();
  });
});
