import { describe, expect, it } from 'vitest';
import { CaptureClock } from './capture-clock';

describe('CaptureClock', () => {
  it('calibrates on the fastest delivery, so a frame that waited shows its wait', () => {
    const c = new CaptureClock(30);
    // Timestamps on a boot clock (µs); arrivals on the wall clock.
    expect(c.add(5_000_000, 1_000_002).captureWallMs).toBe(1_000_002);
    // Delivered 1 ms faster than the first: the offset tightens to it.
    expect(c.add(5_033_000, 1_000_034).captureWallMs).toBe(1_000_034);
    // Read 40 ms late (the worker was busy): capture time is unchanged by the wait.
    const late = c.add(5_066_000, 1_000_107);
    expect(late.captureWallMs).toBe(1_000_067);
    expect(1_000_107 - late.captureWallMs).toBe(40);
  });

  it('counts frames that were never read from the timestamp gaps', () => {
    const c = new CaptureClock(30);
    expect(c.add(0, 0).skipped).toBe(0);
    expect(c.add(33_333, 34).skipped).toBe(0);
    // Two frames dropped while one was measured.
    expect(c.add(133_333, 140).skipped).toBe(2);
    // Jitter of a few ms is not a drop.
    expect(c.add(170_000, 171).skipped).toBe(0);
  });

  it('falls back to 30 fps when the camera does not say', () => {
    const c = new CaptureClock(0);
    c.add(0, 0);
    expect(c.add(100_000, 100).skipped).toBe(2);
  });
});
