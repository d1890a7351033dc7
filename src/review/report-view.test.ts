import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FrameResult, RepReport, SetReport } from '../analysis/types';
import { analyse, frameResults, parseRecording } from './analysis';
import { ANGLES_CSV_HEADER, anglesCsv, barAhead, barPath, faultTime, formatEvidence, repAt, repRows, timelineLayout } from './report-view';

const rep = (index: number, startMs: number, bottomMs: number, endMs: number, faults: RepReport['faults'] = []): RepReport => ({
  index, startMs, bottomMs, endMs, complete: true, faults, metrics: {}, evidence: [],
});
const report = (reps: RepReport[], over: Partial<SetReport> = {}): SetReport => ({
  lift: 'deadlift', side: null, view: 'side', facing: 'left', calibration: null, reps,
  summary: { repCount: reps.length, cleanReps: 0, faultCounts: {}, mainFault: null, meanLoweringMs: null, meanRisingMs: null, unsupported: [], notes: [] },
  ...over,
});

describe('timeline layout', () => {
  it('places reps and their fault markers on the clip', () => {
    const r = report([rep(1, 1000, 2000, 3000, ['hips-back', 'lockout-lean']), rep(2, 5000, 6000, 8000)]);
    const { segments, markers } = timelineLayout(r, 10_000);
    expect(segments.map((s) => [s.left, s.width, s.bottom])).toEqual([[10, 20, 20], [50, 30, 60]]);
    expect(markers).toEqual([
      { rep: 1, id: 'hips-back', atMs: 2000, left: 20, row: 0 },
      { rep: 1, id: 'lockout-lean', atMs: 3000, left: 30, row: 1 },
    ]);
    expect(faultTime(r.reps[0], 'fast-lowering')).toBe(1500);
    expect(repAt(r, 5500)?.index).toBe(2);
    expect(repAt(r, 4000)).toBeNull();
  });
});

describe('bar offset', () => {
  const fr = (barX: number, midFootX: number) => ({ bar: { x: barX, y: 0.5 }, midFootX }) as FrameResult;
  const clip = { width: 360, height: 640 };
  it('is in foot lengths, positive toward where the lifter faces', () => {
    const calibration = { trunk: 0.15, thigh: 0.1, shin: 0.1, foot: 0.05625, standHeight: 0.37, frames: 10 } as SetReport['calibration'];
    const r = report([], { calibration, facing: 'left' });
    // 0.1 of the width = 0.05625 frame heights = one foot, toward -x (facing left)
    expect(barAhead(fr(0.4, 0.5), clip, r)).toBeCloseTo(1);
    expect(barAhead(fr(0.6, 0.5), clip, { ...r, facing: 'right' })).toBeCloseTo(1);
    expect(barAhead(fr(0.6, 0.5), clip, r)).toBeCloseTo(-1);
    expect(barAhead(fr(0.6, 0.5), clip, { ...r, calibration: null })).toBeNull();
  });
  it('draws the wrist mid-point path of the rep up to now', () => {
    const lm = (x: number) => Array.from({ length: 33 }, () => [x, 0.5, 0, 1] as [number, number, number, number]);
    const frames = [0, 1, 2, 3].map((i) => ({ t: i * 100, landmarks: lm(i / 10), world: null }));
    expect(barPath(frames, [0, 100, 200, 300], rep(1, 100, 200, 300), 250)).toEqual([[0.1, 0.5], [0.2, 0.5]]);
    expect(barPath(frames, [0, 100, 200, 300], null, 250)).toEqual([]);
  });
  it('formats evidence with its unit and threshold', () => {
    expect(formatEvidence({ id: 'hips-back', value: 0.784, threshold: 1, unit: 'hip/knee flexion ratio', confidence: 0.72, active: true })).toBe(
      '0.78 hip/knee flexion ratio (threshold 1.00, confidence 72%)',
    );
    expect(formatEvidence({ id: 'lockout-lean', value: 21.3, threshold: 18, unit: 'deg', confidence: 0.9, active: true })).toBe('21° (threshold 18°, confidence 90%)');
  });
});

const recording = path.resolve(__dirname, '../../../shared/landmarks/TBY66_Intelligent-Deadlift-Diagnosis-System__0016k_1.json');

describe.skipIf(!existsSync(recording))('on a shared landmark recording (knee-dominant clip)', () => {
  const clip = parseRecording(readFileSync(recording, 'utf8'));
  const opts = { lift: 'deadlift' as const, side: null, thresholds: {} };
  const r = analyse(clip, opts);
  const frames = frameResults(clip, opts, r);
  const times = clip.frames.map((f) => f.t);

  it('replays the report pass frame by frame', () => {
    expect(frames).toHaveLength(clip.frames.length);
    expect(Math.max(...frames.map((f) => f.repCount))).toBeGreaterThanOrEqual(r.reps.length - 1);
  });

  it('fills a table row per rep with the bottom angles and the faults as measured', () => {
    const rows = repRows(clip, r, frames, times);
    expect(rows).toHaveLength(r.reps.length);
    for (const row of rows.filter((x) => x.complete)) {
      expect(row.hip).toBeGreaterThan(30);
      expect(row.hip).toBeLessThan(180);
      expect(row.knee).toBeGreaterThan(30);
      expect(row.depth).toBeGreaterThan(0.1);
      expect(row.loweringMs).toBeGreaterThan(0);
      expect(row.maxBarAhead).not.toBeNull();
    }
    const flagged = rows.flatMap((x) => x.faults);
    expect(flagged.some((f) => f.id === 'hips-back' && /threshold/.test(f.measured))).toBe(true);
  });

  it('writes one CSV row per frame', () => {
    const csv = anglesCsv(clip, r, frames).trimEnd().split('\r\n');
    expect(csv[0]).toBe(ANGLES_CSV_HEADER.join(','));
    expect(csv).toHaveLength(clip.frames.length + 1);
    const cells = csv[600].split(',');
    expect(cells).toHaveLength(ANGLES_CSV_HEADER.length);
    expect(Number(cells[1])).toBeCloseTo(clip.frames[599].t, 2);
  });
});
