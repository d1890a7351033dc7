import { describe, expect, it } from 'vitest';
import { parseArgs, summaryLine, UsageError } from './analyze';

describe('npm run analyze arguments', () => {
  it('takes videos and options in any order', () => {
    expect(parseArgs(['a.mp4', '--lift', 'rdl', 'b.mov', '--side=left', '--model', 'lite', '--out', 'out', '--no-build'])).toEqual({
      videos: ['a.mp4', 'b.mov'],
      lift: 'rdl',
      side: 'left',
      model: 'lite',
      out: 'out',
      noBuild: true,
    });
  });
  it('defaults to the review screen defaults', () => {
    expect(parseArgs(['a.mp4'])).toEqual({ videos: ['a.mp4'], lift: 'auto', side: null, model: 'full', out: 'reports', noBuild: false });
  });
  it('refuses bad values, unknown options and no video', () => {
    expect(() => parseArgs(['a.mp4', '--lift', 'squat'])).toThrow(/--lift must be one of/);
    expect(() => parseArgs(['a.mp4', '--model'])).toThrow(UsageError);
    expect(() => parseArgs(['a.mp4', '--fast'])).toThrow(/unknown option --fast/);
    expect(() => parseArgs(['--lift', 'rdl'])).toThrow(/no video/);
  });
});

describe('summary line', () => {
  it('lists reps and fault counts', () => {
    const r = { lift: 'deadlift', view: 'side', reps: [{ faults: ['hips-back'] }, { faults: ['hips-back', 'bar-drift'] }, { faults: [] }], summary: { cleanReps: 1 } };
    expect(summaryLine('k.mp4', r)).toBe('k.mp4: 3 reps (1 clean), faults: hips-back ×2, bar-drift ×1 [deadlift, side view]');
    expect(summaryLine('c.mp4', { lift: null, view: 'front', reps: [{ faults: [] }], summary: { cleanReps: 1 } })).toBe(
      'c.mp4: 1 rep (1 clean), faults: none [lift not recognised, front view]',
    );
  });
});
