import { describe, expect, it } from 'vitest';
import { EtaEstimator, formatEta } from './eta';

describe('EtaEstimator', () => {
  it('has no estimate until a few frames are in', () => {
    const e = new EtaEstimator(100);
    expect(e.update(1, 0).etaMs).toBeNull();
    expect(e.update(2, 50).etaMs).toBeNull();
  });

  it('estimates from the steady rate', () => {
    const e = new EtaEstimator(1000);
    let p = e.update(0, 0);
    for (let i = 1; i <= 100; i++) p = e.update(i, i * 40); // 25 fps
    expect(p.fps).toBeCloseTo(25, 5);
    expect(p.etaMs).toBeCloseTo((900 / 25) * 1000, -2);
    expect(p.fraction).toBeCloseTo(0.1);
  });

  it('forgets a slow start once it is outside the window', () => {
    const e = new EtaEstimator(1000, 2000);
    e.update(0, 0);
    e.update(1, 3000); // 3 s warm-up for the first frame
    let p = e.update(1, 3000);
    for (let i = 2; i <= 200; i++) p = e.update(i, 3000 + (i - 1) * 20); // then 50 fps
    expect(p.fps).toBeCloseTo(50, 0);
  });

  it('reaches zero at the end and grows the total if more frames come', () => {
    const e = new EtaEstimator(10);
    let p = e.update(0, 0);
    for (let i = 1; i <= 12; i++) p = e.update(i, i * 10);
    expect(p.total).toBe(12);
    expect(p.etaMs).toBe(0);
    expect(p.fraction).toBe(1);
  });
});

describe('formatEta', () => {
  it('reads naturally', () => {
    expect(formatEta(null)).toBe('');
    expect(formatEta(2000)).toBe('a few seconds left');
    expect(formatEta(42_000)).toBe('about 42 s left');
    expect(formatEta(80_000)).toBe('about 1 min 20 s left');
    expect(formatEta(179_000)).toBe('about 3 min left');
  });
});
