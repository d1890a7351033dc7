import { get } from 'svelte/store';
import { describe, expect, it } from 'vitest';
import { busy, busyReasons, isBusy, setBusy } from './busy';

describe('busy', () => {
  it('holds while any session holds it, and lets go only when all have', () => {
    expect(isBusy()).toBe(false);
    setBusy('live-set', true);
    setBusy('review', true);
    setBusy('live-set', true); // twice is once
    expect(get(busy)).toBe(true);
    setBusy('live-set', false);
    expect(isBusy()).toBe(true);
    expect([...get(busyReasons)]).toEqual(['review']);
    setBusy('review', false);
    expect(isBusy()).toBe(false);
  });
});
