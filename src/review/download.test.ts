import { describe, expect, it } from 'vitest';
import { baseName, exportNames } from './download';

describe('export names', () => {
  it('derive from the video or recording name', () => {
    expect(baseName('IMG_0012.MOV')).toBe('IMG_0012');
    expect(baseName('/tmp/a b/0016k_1.mp4')).toBe('0016k_1');
    expect(baseName('0016k_1.landmarks.json')).toBe('0016k_1');
    expect(baseName('')).toBe('review');
    expect(exportNames('set 1.webm')).toEqual({ report: 'set_1.report.json', angles: 'set_1.angles.csv', reps: 'set_1.reps.csv', recording: 'set_1.landmarks.json' });
  });
});
