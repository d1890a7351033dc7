import { describe, expect, it } from 'vitest';
import { Ema, Pacer, percentile, RateMeter } from './stats';

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

describe('Pacer', () => {
  it('lets one update through per interval', () => {
    const p = new Pacer(250);
    const passed = [0, 60, 130, 249, 250, 300, 520, 1000].filter((t) => p.due(t));
    expect(passed).toEqual([0, 250, 520, 1000]);
  });

  it('starts over when the clock goes back (a new session)', () => {
    const p = new Pacer(250);
    expect(p.due(5000)).toBe(true);
    expect(p.due(10)).toBe(true);
    expect(p.due(100)).toBe(false);
  });
});
