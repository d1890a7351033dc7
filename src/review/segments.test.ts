import { describe, expect, it } from 'vitest';
import { planSegments } from './segments';

describe('planSegments', () => {
  it('gives a short clip to one worker, whole', () => {
    expect(planSegments({ workers: 2, durationMs: 9000 })).toEqual([{ startMs: 0, endMs: Infinity, warmFromMs: 0 }]);
    expect(planSegments({ workers: 4, durationMs: NaN })).toHaveLength(1);
  });
  it('splits a long clip into consecutive parts that cover it, each after the first warmed up early', () => {
    const s = planSegments({ workers: 2, durationMs: 42_000 });
    expect(s).toEqual([
      { startMs: 0, endMs: 21_000, warmFromMs: 0 },
      { startMs: 21_000, endMs: Infinity, warmFromMs: 20_000 },
    ]);
  });
  it('never makes parts shorter than the minimum, whatever the worker count', () => {
    const s = planSegments({ workers: 8, durationMs: 20_000 });
    expect(s).toHaveLength(3);
    for (let i = 1; i < s.length; i++) expect(s[i].startMs).toBe(s[i - 1].endMs);
    expect(s.at(-1)!.endMs).toBe(Infinity);
  });
});
