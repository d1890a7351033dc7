import { describe, expect, it } from 'vitest';
import { advancePhase, alignedTime, phaseAtTime, phaseLabel, timeAtPhase } from './rep-compare';

const fast = { startMs: 1000, bottomMs: 1500, endMs: 2500 };
const slow = { startMs: 5000, bottomMs: 7000, endMs: 8000 };

describe('phase alignment', () => {
  it('maps start, bottom and end onto each other', () => {
    expect(alignedTime(fast, slow, 1000)).toBe(5000);
    expect(alignedTime(fast, slow, 1500)).toBe(7000);
    expect(alignedTime(fast, slow, 2500)).toBe(8000);
  });
  it('stretches each phase on its own', () => {
    // halfway down the fast rep = halfway down the slow one
    expect(alignedTime(fast, slow, 1250)).toBe(6000);
    // a quarter of the way up
    expect(alignedTime(fast, slow, 1750)).toBe(7250);
  });
  it('round-trips and clamps', () => {
    for (const u of [0, 0.3, 1, 1.6, 2]) expect(phaseAtTime(slow, timeAtPhase(slow, u))).toBeCloseTo(u, 9);
    expect(phaseAtTime(fast, 0)).toBe(0);
    expect(phaseAtTime(fast, 9999)).toBe(2);
    expect(timeAtPhase(fast, 5)).toBe(2500);
  });
  it('survives a rep with no rise recorded', () => {
    const cut = { startMs: 0, bottomMs: 900, endMs: 900 };
    expect(phaseAtTime(cut, 900)).toBe(2);
    expect(timeAtPhase(cut, 1.5)).toBe(900);
  });
  it('plays at the pace of the first rep', () => {
    expect(advancePhase(fast, 0, 250)).toBeCloseTo(0.5);
    expect(advancePhase(fast, 1, 500, 0.5)).toBeCloseTo(1.25);
  });
  it('names the phase', () => {
    expect(phaseLabel(0.5)).toBe('lowering 50%');
    expect(phaseLabel(1)).toBe('bottom');
    expect(phaseLabel(1.25)).toBe('rising 25%');
    expect(phaseLabel(2)).toBe('lockout');
  });
});
