import { describe, expect, it } from 'vitest';
import type { SetReport } from '../src/analysis/types';
import { exitStatus, finalLine, firstLine, progressLine, summaryCsv, summaryRows, SUMMARY_COLUMNS, type ReportLike, type VideoResult } from './analyze-summary';

// The summary reads the screen's SetReport: this stops compiling if the two drift apart.
const fromScreen = (r: SetReport): ReportLike => r;
void fromScreen;

const rep = (index: number, faults: string[], unjudged: string[] = [], complete = true): ReportLike['reps'][number] => ({
  index,
  complete,
  faults,
  unjudged: unjudged.map((id) => ({ id })),
  verdict: faults.length ? 'fault' : unjudged.length ? 'unjudged' : 'clean',
});

const ok = (file: string, reps: ReportLike['reps'], extra: Partial<Extract<VideoResult, { ok: true }>> = {}): VideoResult => ({
  ok: true,
  file,
  report: { lift: 'deadlift', side: null, view: 'side', reps, summary: { cleanReps: reps.filter((r) => r.verdict === 'clean').length } },
  reportPath: file.replace(/\.[^.]+$/, '.report.json'),
  warnings: [],
  seconds: 14.23,
  ...extra,
});
const failed = (file: string, error: string): VideoResult => ({ ok: false, file, error, seconds: 1 });

const parseCsv = (text: string): string[][] => {
  // A small RFC 4180 reader, to check the writer round-trips.
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += c;
  }
  return rows;
};

describe('summary rows', () => {
  const results = [
    ok('anna/set1.mp4', [rep(1, ['hips-back', 'bar-drift']), rep(2, []), rep(3, [], ['rounded-back', 'rounded-back', 'lost-balance'], false)]),
    ok('anna/empty.mov', [], { warnings: ['Only 3 frames.'] }),
    failed('ben/x.mov', 'This video could not be decoded.'),
  ];
  it('has one row per rep, and one for a video with no reps or that failed', () => {
    const rows = summaryRows(results);
    expect(rows).toHaveLength(5);
    for (const r of rows) expect(r).toHaveLength(SUMMARY_COLUMNS.length);
    const col = (row: number, name: (typeof SUMMARY_COLUMNS)[number]) => rows[row][SUMMARY_COLUMNS.indexOf(name)];
    expect(rows.map((_, i) => [col(i, 'file'), col(i, 'status'), col(i, 'reps'), col(i, 'rep')])).toEqual([
      ['anna/set1.mp4', 'ok', 3, 1],
      ['anna/set1.mp4', 'ok', 3, 2],
      ['anna/set1.mp4', 'ok', 3, 3],
      ['anna/empty.mov', 'ok', 0, null],
      ['ben/x.mov', 'failed', null, null],
    ]);
    expect([col(0, 'verdict'), col(0, 'faults'), col(0, 'unjudged'), col(0, 'clean_reps')]).toEqual(['fault', 'hips-back;bar-drift', '', 1]);
    expect([col(1, 'verdict'), col(1, 'faults')]).toEqual(['clean', '']);
    expect([col(2, 'verdict'), col(2, 'unjudged'), col(2, 'complete')]).toEqual(['unjudged', 'rounded-back;lost-balance', false]);
    expect([col(0, 'lift'), col(0, 'view'), col(0, 'report')]).toEqual(['deadlift', 'side', 'anna/set1.report.json']);
    expect(col(3, 'warnings')).toBe('Only 3 frames.');
    expect([col(4, 'error'), col(4, 'lift'), col(4, 'view')]).toEqual(['This video could not be decoded.', null, null]);
  });
  it('writes RFC 4180 CSV that reads back, with file names guarded against formulas', () => {
    const csv = summaryCsv([ok('=HYPERLINK("x"),1.mp4', [rep(1, [])]), failed('-a, "b"\nc.mp4', 'bad, "really"\nbad'), ok('@home/+1.mp4', [])]);
    expect(csv.startsWith('file,status,error,lift,side,view,reps,clean_reps,rep,complete,verdict,faults,unjudged,warnings,report\r\n')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(csv);
    expect(rows).toHaveLength(4);
    for (const r of rows) expect(r).toHaveLength(SUMMARY_COLUMNS.length);
    expect(rows[1][0]).toBe(`'=HYPERLINK("x"),1.mp4`);
    expect(rows[1].slice(1, 3)).toEqual(['ok', '']);
    expect(rows[1][9]).toBe('1');
    expect(rows[2].slice(0, 3)).toEqual([`'-a, "b"\nc.mp4`, 'failed', 'bad, "really"\nbad']);
    expect(rows[3][0]).toBe(`'@home/+1.mp4`);
    expect(rows[3][6]).toBe('0');
  });
});

describe('progress, final line and exit status', () => {
  it('says what each video gave, or why it failed', () => {
    expect(progressLine(3, 12, ok('anna/set1.mp4', [rep(1, ['hips-back']), rep(2, [])]))).toBe(
      '[3/12] anna/set1.mp4: 2 reps (1 clean), faults: hips-back ×1 [deadlift, side view] (14.2 s)',
    );
    expect(progressLine(1, 1, ok('a.mp4', [], { warnings: ['Short clip.'] }))).toBe('[1/1] a.mp4: 0 reps (0 clean), faults: none [deadlift, side view] (14.2 s) (warning: Short clip.)');
    expect(progressLine(4, 12, failed('ben/x.mov', 'No video track.'))).toBe('[4/12] ben/x.mov: FAILED — No video track.');
  });
  it('counts reviewed and failed videos', () => {
    const all = [ok('a.mp4', []), failed('b.mp4', 'x'), ok('c.mp4', [rep(1, [])])];
    expect(finalLine(all, 'reports/summary.csv')).toBe('3 videos: 2 reviewed, 1 failed; summary: reports/summary.csv');
    expect(finalLine([ok('a.mp4', [])], 's.csv')).toBe('1 video: 1 reviewed, 0 failed; summary: s.csv');
  });
  it('is 0 only when every video was reviewed and the page stayed on its origin', () => {
    expect(exitStatus([ok('a.mp4', []), ok('b.mp4', [rep(1, ['hips-back'])])])).toBe(0);
    expect(exitStatus([ok('a.mp4', []), failed('b.mp4', 'x'), ok('c.mp4', [])])).toBe(1);
    expect(exitStatus([failed('b.mp4', 'x')])).toBe(1);
    expect(exitStatus([ok('a.mp4', [])], 1)).toBe(1);
  });
  it('keeps an error to its first line', () => {
    expect(firstLine(new Error('page.evaluate: Target crashed\nCall log:\n  - waiting'))).toBe('page.evaluate: Target crashed');
    expect(firstLine('')).toBe('unknown error');
  });
});
