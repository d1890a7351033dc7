import { describe, expect, it } from 'vitest';
import type { Cue, SetReport } from '../analysis/types';
import { setScreen } from './set-screen';

const cue = (c: Partial<Cue>): Cue => ({ faultId: null, text: '', kind: 'fault', sinceMs: 0, ...c });

describe('setScreen', () => {
  it('says the cue in a few words and marks every rep, a blank one never reading as good', () => {
    const s = setScreen({
      cue: cue({ faultId: 'hips-back', text: 'Send your hips back first, as if shutting a door behind you with your glutes.' }),
      waiting: '',
      count: 3,
      reps: [
        { index: 1, faults: [], verdict: 'clean' },
        { index: 2, faults: ['hips-back', 'bar-drift'], verdict: 'fault' },
        { index: 3, faults: [], verdict: 'unjudged' },
      ],
      summary: null,
    });
    expect(s.headline).toBe('Hips back first');
    expect(s.tone).toBe('fault');
    expect(s.reps.map((r) => r.word)).toEqual(['good', 'Hips back first', "couldn't see"]);
    expect(s.done).toBeNull();
  });

  it('keeps a setup message whole and shows what the lifter waits for', () => {
    expect(setScreen({ cue: cue({ kind: 'setup', text: 'Turn side-on' }), waiting: '', count: 0, reps: [], summary: null }).headline).toBe('Turn side-on');
    expect(setScreen({ cue: null, waiting: 'Lift when ready', count: 0, reps: [], summary: null })).toMatchObject({ headline: 'Lift when ready', tone: 'idle' });
    expect(setScreen({ cue: cue({ kind: 'praise', text: 'Clean rep, nice control.' }), waiting: '', count: 1, reps: [], summary: null }).headline).toBe('Good rep');
  });

  it('gives the ended set its result', () => {
    const summary = { summary: { repCount: 5, cleanReps: 3, unjudgedReps: 1, mainFault: 'rounded-back' } } as unknown as SetReport;
    expect(setScreen({ cue: null, waiting: '', count: 5, reps: [], summary }).done).toEqual({ reps: 5, good: 3, unjudged: 1, fix: 'Long flat back' });
  });

  it('a rep saved without a verdict and with no fault is not called good', () => {
    expect(setScreen({ cue: null, waiting: '', count: 1, reps: [{ index: 1, faults: [] }], summary: null }).reps[0].word).toBe("couldn't see");
  });
});
