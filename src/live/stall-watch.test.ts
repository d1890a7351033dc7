import { describe, expect, it } from 'vitest';
import { isStalled, STALL_MS } from './stall-watch';

const live = { readyState: 'live' as const, muted: false };

describe('isStalled', () => {
  it('flags a live camera whose results stopped', () => {
    expect(isStalled(1000, 1000 + STALL_MS + 1, live)).toBe(true);
    expect(isStalled(1000, 1000 + STALL_MS - 1, live)).toBe(false);
  });

  it('leaves alone a camera that sends nothing or has ended', () => {
    expect(isStalled(0, 60_000, { readyState: 'live', muted: true })).toBe(false);
    expect(isStalled(0, 60_000, { readyState: 'ended', muted: false })).toBe(false);
  });
});
