import { describe, expect, it } from 'vitest';
import type { RepReport, SetReport } from '../analysis/types';
import { countsText, groupUnjudged, groupUnsupported, liveRepState, lowConfidenceChecks, setCounts, unjudgedText, unjudgedWhy, verdictCounts, verdictOf } from './verdict';

const rep = (over: Partial<RepReport>): RepReport => ({
  index: 1, startMs: 0, bottomMs: 500, endMs: 1000, complete: true, faults: [], metrics: {}, evidence: [], unjudged: [], verdict: 'clean', ...over,
});

describe('rep verdict words', () => {
  it('says "good rep", "fix: …" or "couldn\'t see" as the analyzer judged it', () => {
    expect(liveRepState(rep({ index: 2 }))).toEqual({ index: 2, verdict: 'clean', headline: 'good rep', detail: '' });
    expect(liveRepState(rep({ verdict: 'fault', faults: ['rounded-back', 'weight-shift'] }))).toMatchObject({
      headline: 'fix: Rounded back',
      detail: 'also Weight off mid-foot (heels or toes up)',
    });
    const unseen = liveRepState(
      rep({
        verdict: 'unjudged',
        unjudged: [
          { id: 'rounded-back', reason: 'view', text: 'the back cannot be seen from the front' },
          { id: 'bar-drift', reason: 'view', text: '' },
        ],
      }),
    );
    expect(unseen).toMatchObject({ verdict: 'unjudged', headline: "couldn't see", detail: 'the back cannot be seen from the front (and 1 other reason)' });
  });

  it('never praises a rep that was not fully judged, nor one saved before verdicts existed', () => {
    const noVerdict = { faults: [] as RepReport['faults'] };
    expect(verdictOf(noVerdict)).toBe('unjudged');
    expect(liveRepState({ index: 1, faults: [], evidence: [] }).headline).toBe("couldn't see");
    expect(liveRepState(rep({ verdict: 'unjudged' })).headline).not.toMatch(/good/);
  });

  it('says a low confidence as such on a clean rep', () => {
    const r = rep({ evidence: [{ id: 'hips-back', value: 1.3, threshold: 1, unit: 'ratio', confidence: 0.35, active: false }] });
    expect(lowConfidenceChecks(r)).toEqual(['hips-back']);
    expect(liveRepState(r).detail).toBe('low confidence: Squatting the hinge (hips not back)');
  });

  it('falls back to the reason in plain words', () => {
    expect(unjudgedWhy({ reason: 'no-calibration', text: '' })).toMatch(/standing still/);
    expect(unjudgedWhy({ reason: 'cut-off', text: 'the lowering was not in the recording' })).toBe('the lowering was not in the recording');
  });
});

describe('set counts', () => {
  it('counts clean, fault and unjudged reps apart', () => {
    const reps = [rep({}), rep({ verdict: 'fault', faults: ['hips-back'] }), rep({ verdict: 'unjudged' }), rep({ verdict: 'unjudged' })];
    const c = verdictCounts(reps);
    expect(c).toEqual({ reps: 4, clean: 1, fault: 1, unjudged: 2 });
    expect(countsText(c)).toBe("4 reps: 1 clean, 1 with a fault, 2 couldn't be judged");
    const report = { reps, summary: { cleanReps: 1, unjudgedReps: 2 } } as unknown as SetReport;
    expect(setCounts(report)).toEqual(c);
  });
});

describe('grouping by reason', () => {
  it('says a shared reason once', () => {
    const why = 'Turn side-on to the camera so your back and hips can be seen.';
    expect(groupUnsupported([{ id: 'rounded-back', reason: why }, { id: 'bar-drift', reason: why }, { id: 'hip-rotation', reason: 'Film from the front.' }])).toEqual([
      { reason: why, ids: ['rounded-back', 'bar-drift'], labels: ['Rounded back', 'Bar drifts forward'] },
      { reason: 'Film from the front.', ids: ['hip-rotation'], labels: ['Hips open (rotation)'] },
    ]);
    const r = rep({
      verdict: 'unjudged',
      unjudged: [
        { id: 'rounded-back', reason: 'view', text: why },
        { id: 'fast-lowering', reason: 'cut-off', text: 'The lowering was not in the recording.' },
        { id: 'bar-drift', reason: 'view', text: why },
      ],
    });
    expect(groupUnjudged(r).map((g) => g.ids)).toEqual([['rounded-back', 'bar-drift'], ['fast-lowering']]);
    expect(unjudgedText(r)).toBe(
      'Rounded back, Bar drifts forward (Turn side-on to the camera so your back and hips can be seen); Lowering too fast (The lowering was not in the recording)',
    );
  });
});
