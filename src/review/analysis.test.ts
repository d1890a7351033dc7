import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Landmark, PoseClip } from '../analysis/types';
import { analyse, analyseInSlices, checkClip, frameResults, parseRecording } from './analysis';

const body = (): Landmark[] => Array.from({ length: 33 }, () => [0.5, 0.5, 0, 1] as Landmark);
const clip = (frames: { person: boolean; people?: number }[]): PoseClip => ({
  fps: 30,
  width: 360,
  height: 640,
  frames: frames.map((f, i) => ({ t: i * 33.3, landmarks: f.person ? body() : null, world: null, people: f.people ?? (f.person ? 1 : 0) })),
});

describe('checkClip', () => {
  it('says plainly when no person was found', () => {
    const c = checkClip(clip(Array.from({ length: 60 }, () => ({ person: false }))), 'room.webm');
    expect(c.error).toMatch(/No person was found in “room.webm”/);
  });
  it('warns when the lifter is missing for much of the video', () => {
    const c = checkClip(clip(Array.from({ length: 100 }, (_, i) => ({ person: i < 30 }))), 'a.mp4');
    expect(c.error).toBeNull();
    expect(c.warnings.join(' ')).toMatch(/only 30% of the frames/);
  });
  it('warns about a second person', () => {
    const c = checkClip(clip(Array.from({ length: 100 }, (_, i) => ({ person: true, people: i < 40 ? 2 : 1 }))), 'a.mp4');
    expect(c.error).toBeNull();
    expect(c.warnings.join(' ')).toMatch(/More than one person is in view in 40% of the video/);
  });
  it('says why a degenerate recording can give no reps', () => {
    const one = clip([{ person: true }]);
    expect(checkClip(one, 'a.json').error).toMatch(/single frame/);
    const still = { ...clip(Array.from({ length: 90 }, () => ({ person: true }))), frames: clip(Array.from({ length: 90 }, () => ({ person: true }))).frames.map((f) => ({ ...f, t: 0 })) };
    expect(checkClip(still, 'a.json').error).toMatch(/Every frame of “a.json” has the same time \(0 ms\)/);
    // a real pull can be filmed in under a second
    expect(checkClip(clip(Array.from({ length: 20 }, () => ({ person: true }))), 'a.json').error).toBeNull();
  });
  it('has nothing to say about a clean clip', () => {
    expect(checkClip(clip(Array.from({ length: 50 }, () => ({ person: true }))), 'a.mp4')).toEqual({ error: null, warnings: [], personFrames: 50 });
  });
});

const recording = path.resolve(__dirname, '../../../shared/landmarks/TBY66_Intelligent-Deadlift-Diagnosis-System__0016h_1.json');

describe('analyseInSlices (a real 11-rep recording)', () => {
  const clip = parseRecording(readFileSync(recording, 'utf8'));
  const opts = { lift: 'auto' as const, side: null, thresholds: {} };

  it('gives the same report and frames as one long run, with the page free in between', async () => {
    const report = analyse(clip, opts);
    const shares: number[] = [];
    let timers = 0;
    const other = setInterval(() => timers++, 0);
    const sliced = await analyseInSlices(clip, opts, { sliceMs: 0, onProgress: (s) => shares.push(s) });
    clearInterval(other);
    expect(sliced.report).toEqual(report);
    expect(sliced.frames).toEqual(frameResults(clip, opts, report));
    expect(report.reps.length).toBeGreaterThan(5);
    // two analyzer passes and the replay, a slice of frames at a time
    expect(shares.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < shares.length; i++) expect(shares[i]).toBeGreaterThan(shares[i - 1]);
    expect(shares[shares.length - 1]).toBeLessThanOrEqual(1);
    expect(timers).toBeGreaterThan(0);
  });

  it('stops when cancelled', async () => {
    const run = new AbortController();
    const p = analyseInSlices(clip, opts, { sliceMs: 0, signal: run.signal, onProgress: () => run.abort() });
    await expect(p).rejects.toThrow(/abort/i);
  });
});
