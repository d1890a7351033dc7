import { describe, expect, it } from 'vitest';
import { parseRecording, RecordingError, serializeRecording } from './recording';
import type { Landmark } from './types';

const lms = (): Landmark[] => Array.from({ length: 33 }, (_, i) => [Math.round((i / 33) * 1e4) / 1e4, 0.5, 0, 0.9] as Landmark);
const doc = () => ({ fps: 30, width: 640, height: 480, frames: [{ t: 0, landmarks: lms(), world: null }, { t: 33.3, landmarks: null, world: null, dorsal: 0.01 }] });

describe('recording', () => {
  it('parses the shared format and round-trips', () => {
    const clip = parseRecording(JSON.stringify(doc()));
    expect(clip.frames).toHaveLength(2);
    expect(clip.frames[1].landmarks).toBeNull();
    expect(clip.frames[1].dorsal).toBe(0.01);
    const again = parseRecording(serializeRecording(clip));
    expect(again).toEqual(clip);
  });

  it('gives clear errors for malformed input', () => {
    expect(() => parseRecording('{not json')).toThrow(RecordingError);
    expect(() => parseRecording('{not json')).toThrow(/not valid JSON/);
    expect(() => parseRecording({ ...doc(), fps: -1 })).toThrow(/fps/);
    const short = doc();
    short.frames[0].landmarks = lms().slice(0, 10);
    expect(() => parseRecording(short)).toThrow(/frames\[0\]\.landmarks: expected 33 landmarks, got 10/);
    const back = doc();
    back.frames[1].t = -5;
    expect(() => parseRecording(back)).toThrow(/backwards/);
    const bad = doc();
    (bad.frames[0].landmarks as unknown as unknown[][])[4][1] = 'x';
    expect(() => parseRecording(bad)).toThrow(/frames\[0\]\.landmarks\[4\]\[1\]/);
  });
});
