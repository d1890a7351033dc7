import { describe, expect, it } from 'vitest';
import { OneEuroFilter } from './one-euro';

describe('OneEuroFilter', () => {
  it('passes the first sample and holds a constant', () => {
    const f = new OneEuroFilter({ minCutoff: 1, beta: 0, dCutoff: 1 });
    expect(f.filter(3, 0)).toBe(3);
    for (let t = 16; t < 1000; t += 16) expect(f.filter(3, t)).toBeCloseTo(3, 10);
  });

  it('reduces jitter at rest', () => {
    const f = new OneEuroFilter({ minCutoff: 1, beta: 0.5, dCutoff: 1 });
    let sumIn = 0;
    let sumOut = 0;
    let seed = 1;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5) * 0.02;
    for (let i = 0; i < 300; i++) {
      const n = rnd();
      const y = f.filter(n, i * 33);
      if (i > 30) {
        sumIn += n * n;
        sumOut += y * y;
      }
    }
    expect(sumOut).toBeLessThan(sumIn * 0.3);
  });

  it('follows fast motion with little lag when beta is high', () => {
    const slow = new OneEuroFilter({ minCutoff: 1, beta: 0, dCutoff: 1 });
    const fast = new OneEuroFilter({ minCutoff: 1, beta: 5, dCutoff: 1 });
    let a = 0;
    let b = 0;
    for (let i = 0; i <= 30; i++) {
      const x = i * 0.05; // 1.5 units/s at 30 fps
      a = slow.filter(x, i * 33.3);
      b = fast.filter(x, i * 33.3);
    }
    expect(Math.abs(1.5 - b)).toBeLessThan(Math.abs(1.5 - a));
  });

  it('ignores non-increasing timestamps and handles uneven steps', () => {
    const f = new OneEuroFilter({ minCutoff: 1, beta: 0, dCutoff: 1 });
    f.filter(0, 100);
    expect(f.filter(10, 100)).toBe(0);
    expect(f.filter(10, 50)).toBe(0);
    const y = f.filter(1, 1100); // one second later: mostly caught up
    expect(y).toBeGreaterThan(0.8);
  });
});
