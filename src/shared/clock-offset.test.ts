import { describe, expect, it } from 'vitest';
import { clockOffset } from './clock-offset';

describe('clockOffset', () => {
  it('reads the offset at the midpoint of the fastest round trip', () => {
    // The remote clock runs 2.5 ms ahead; the second ping was delayed on the way back.
    const pings = [
      { sent: 100, remote: 103, received: 101 },
      { sent: 200, remote: 203, received: 210 },
      { sent: 300, remote: 302.9, received: 300.8 },
    ];
    expect(clockOffset(pings)).toBeCloseTo(2.5, 5);
  });

  it('ignores a slow ping that would skew the answer', () => {
    expect(clockOffset([{ sent: 0, remote: 40, received: 60 }, { sent: 100, remote: 99, received: 101 }])).toBeCloseTo(-1.5, 5);
  });

  it('refuses to guess from nothing', () => {
    expect(() => clockOffset([])).toThrow(/no pings/);
  });
});
