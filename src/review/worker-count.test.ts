import { describe, expect, it } from 'vitest';
import { reviewWorkers } from './worker-count';

describe('reviewWorkers', () => {
  it('uses one worker per core, up to four', () => {
    expect(reviewWorkers(2, undefined, null)).toBe(2);
    expect(reviewWorkers(1, undefined, null)).toBe(1);
    expect(reviewWorkers(16, 16, null)).toBe(4);
    expect(reviewWorkers(undefined, undefined, null)).toBe(1);
  });
  it('uses fewer where memory is short', () => {
    expect(reviewWorkers(8, 4, null)).toBe(2);
    expect(reviewWorkers(8, 2, null)).toBe(1);
  });
  it('takes a valid override and ignores a bad one', () => {
    expect(reviewWorkers(8, 16, '1')).toBe(1);
    expect(reviewWorkers(2, 2, '2')).toBe(2);
    expect(reviewWorkers(2, undefined, 'lots')).toBe(2);
    expect(reviewWorkers(2, undefined, '0')).toBe(2);
  });
});
