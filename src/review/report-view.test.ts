import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FrameResult, RepReport, SetReport } from '../analysis/types';
import { analyse, frameResults, parseRecording } from './analysis';
import { ANGLES_CSV_HEADER, anglesCsv, barAhead, barPath, FAULT_LABELS, faultTime, formatEvidence, repAt, repRows, REPS_CSV_HEADER, repsCsv, timelineLayout, verdictText } from './report-view';
import { FAULT_IDS } from '../analysis/types';

const rep = (index: number, startMs: number, bottomMs: number, endMs: number, faults: RepReport['faults'] = [], over: Partial<RepReport> = {}): RepReport => ({
  index, startMs, bottomMs, endMs, complete: true, faults, metrics: {}, evidence: [], unjudged: [], verdict: faults.length ? 'fault' : 'clean', ...over,
});
const report = (reps: RepReport[], over: Partial<SetReport> = {}): SetReport => ({
  lift: 'deadlift', side: null, view: 'side', facing: 'left', calibration: null, reps,
  summary: {
    repCount: reps.length, cleanReps: reps.filter((r) => r.verdict === 'clean').length, unjudgedReps: reps.filter((r) => r.verdict === 'unjudged').length,
    unjudgedCounts: {}, faultCounts: {}, mainFault: null, meanLoweringMs: null, meanRisingMs: null, unsupported: [], notes: [],
  },
  ...over,
});

/** A rep cut off by the start of the video: nothing found, the lowering checks not judged. */
const cutRep = (index: number) =>
  rep(index, 0, 400, 1500, [], {
    complete: false,
    verdict: 'unjudged',
    unjudged: [
      { id: 'fast-lowering', reason: 'cut-off', text: 'the lowering was not in the recording' },
      { id: 'rounded-back', reason: 'visibility', text: '' },
    ],
    evidence: [{ id: 'hips-back', value: 1.4, threshold: 1, unit: 'hip/knee flexion ratio', confidence: 0.3, active: false }],
  });

describe('verdicts', () => {
  const frames = [] as FrameResult[];
  const clip = { fps: 30, width: 360, height: 640, frames: [] };
  const r = report([
    rep(1, 1000, 2000, 3000, ['hips-back'], { unjudged: [{ id: 'neck-extension', reason: 'view', text: 'the head is hidden side-on' }] }),
    rep(2, 4000, 5000, 6000),
    cutRep(3),
  ]);
  const rows = repRows(clip, r, frames, []);

  it('label every fault in plain words, weight-shift too', () => {
    for (const id of FAULT_IDS) expect(FAULT_LABELS[id]).toMatch(/^[A-Z][a-z]/);
    expect(FAULT_LABELS['weight-shift']).toMatch(/mid-foot/);
  });

  it('carry the verdict and each unjudged check with its reason into the table rows', () => {
    expect(rows.map((x) => x.verdict)).toEqual(['fault', 'clean', 'unjudged']);
    expect(rows[0].verdictText).toBe('fault: Squatting the hinge (hips not back)');
    expect(rows[0].unjudged).toEqual([{ id: 'neck-extension', label: 'Head cranked up', reason: 'view', why: 'the head is hidden side-on' }]);
    expect(rows[1].verdictText).toBe('clean');
    // never clean: it says what could not be judged and why (the reason's words when the analyzer gave none)
    expect(rows[2].verdictText).toBe(
      "couldn't judge: Lowering too fast (the lowering was not in the recording); Rounded back (the body parts it needs were hidden or unclear)",
    );
    expect(rows[2].verdictText).not.toMatch(/clean/);
    expect(rows[2].lowConfidence).toEqual([{ id: 'hips-back', label: 'Squatting the hinge (hips not back)' }]);
  });

  it('say a low confidence as such', () => {
    expect(formatEvidence({ id: 'hips-back', value: 0.8, threshold: 1, unit: 'hip/knee flexion ratio', confidence: 0.3, active: true })).toBe(
      '0.80 hip/knee flexion ratio (threshold 1.00, confidence 30%, low confidence)',
    );
    const low = repRows(clip, report([rep(1, 0, 1, 2, ['hips-back'], { evidence: [{ id: 'hips-back', value: 0.8, threshold: 1, unit: 'ratio', confidence: 0.4, active: true }] })]), frames, []);
    expect(low[0].faults[0].lowConfidence).toBe(true);
  });

  it('mark unjudged reps on the timeline apart from clean ones', () => {
    const { segments } = timelineLayout(r, 10_000);
    expect(segments.map((s) => s.verdict)).toEqual(['fault', 'clean', 'unjudged']);
    expect(segments[2].verdictText).toMatch(/^couldn't judge: /);
  });

  it('write the verdict and the unjudged checks with their reasons in the reps CSV', () => {
    const lines = repsCsv(rows).trimEnd().split('\r\n');
    expect(lines[0]).toBe(REPS_CSV_HEADER.join(','));
    expect(lines).toHaveLength(4);
    const col = (name: (typeof REPS_CSV_HEADER)[number]) => REPS_CSV_HEADER.indexOf(name);
    const row3 = lines[3].split(',');
    expect(row3[col('rep')]).toBe('3');
    expect(row3[col('complete')]).toBe('0');
    expect(row3[col('verdict')]).toBe('unjudged');
    expect(row3[col('unjudged')]).toBe('fast-lowering; rounded-back');
    expect(row3[col('unjudged_reasons')]).toBe('fast-lowering: the lowering was not in the recording; rounded-back: the body parts it needs were hidden or unclear');
    expect(row3[col('low_confidence')]).toBe('hips-back');
    expect(lines[2].split(',')[col('verdict')]).toBe('clean');
    expect(lines[1].split(',')[col('faults')]).toBe('hips-back');
  });

  it('tell a rep saved without a verdict from a clean one', () => {
    expect(verdictText({ faults: [] })).toBe("couldn't judge");
    expect(verdictText({ faults: ['bar-drift'] })).toBe('fault: Bar drifts forward');
  });
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

describe('on a shared landmark recording (knee-dominant clip)', () => {
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
    // each frame inside a rep carries that rep's verdict
    const verdicts = new Set(csv.slice(1).map((l) => l.split(',').at(-1)));
    for (const v of verdicts) expect(['', 'fault', 'clean', 'unjudged']).toContain(v);
    expect([...verdicts].some((v) => v !== '')).toBe(true);
  });

  it('gives every rep a verdict; a rep that is not clean is never rendered as clean', () => {
    const rows = repRows(clip, r, frames, times);
    for (const row of rows) {
      expect(['fault', 'clean', 'unjudged']).toContain(row.verdict);
      if (row.verdict !== 'clean') expect(row.verdictText).not.toBe('clean');
      if (row.verdict === 'unjudged') expect(row.unjudged.length).toBeGreaterThan(0);
    }
    expect(rows.filter((x) => x.verdict === 'clean')).toHaveLength(r.summary.cleanReps);
    expect(rows.filter((x) => x.verdict === 'unjudged')).toHaveLength(r.summary.unjudgedReps);
  });
});
