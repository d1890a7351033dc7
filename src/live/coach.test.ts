import { describe, expect, it } from 'vitest';
import type { RepReport } from '../analysis';
import { repTempo } from './coach.svelte';

const rep = (metrics: Record<string, number>): RepReport => ({
  index: 1, startMs: 1000, bottomMs: 4000, endMs: 5500, complete: true, faults: [], metrics, evidence: [],
});

describe('repTempo', () => {
  it('uses the analyzer phase timings, which leave out standing still', () => {
    expect(repTempo(rep({ loweringMs: 2200, risingMs: 1100 }))).toEqual({ loweringS: 2.2, risingS: 1.1 });
  });
  it('falls back to the rep times when a phase could not be timed', () => {
    expect(repTempo(rep({ loweringMs: NaN }))).toEqual({ loweringS: 3, risingS: 1.5 });
  });
});
