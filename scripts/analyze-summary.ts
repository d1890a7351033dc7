/**
 * What `npm run analyze` says about a batch: a progress line per video, the
 * summary CSV across all videos (one row per rep; one row for a video with no
 * reps or that failed), the final line and the exit status.
 */
import { toCsv, type Cell } from '../src/review/csv';

/** The parts of a SetReport (src/analysis/types.ts) the summary reads. */
export interface ReportLike {
  lift: string | null;
  side: string | null;
  view: string;
  reps: {
    index: number;
    complete: boolean;
    faults: string[];
    unjudged: { id: string }[];
    verdict: string;
  }[];
  summary: { cleanReps: number };
}

/** How one video of the batch ended. */
export type VideoResult =
  | {
      ok: true;
      /** as in progress lines: relative to the folder given, or the path as given */
      file: string;
      report: ReportLike;
      /** the saved report, relative to the out folder */
      reportPath: string;
      warnings: string[];
      seconds: number;
    }
  | { ok: false; file: string; error: string; seconds: number };

/** "0016k_1.mp4: 11 reps (1 clean), faults: hips-back ×10 [deadlift, side view]" */
export function summaryLine(file: string, r: Pick<ReportLike, 'lift' | 'view' | 'summary'> & { reps: { faults: string[] }[] }): string {
  const counts = new Map<string, number>();
  for (const rep of r.reps) for (const f of rep.faults) counts.set(f, (counts.get(f) ?? 0) + 1);
  const faults = counts.size ? [...counts].map(([id, n]) => `${id} ×${n}`).join(', ') : 'none';
  return `${file}: ${r.reps.length} rep${r.reps.length === 1 ? '' : 's'} (${r.summary.cleanReps} clean), faults: ${faults} [${r.lift ?? 'lift not recognised'}, ${r.view} view]`;
}

/** "[3/12] anna/set1.mp4: 5 reps (3 clean), … [deadlift, side view] (14.2 s)" or "[4/12] ben/x.mov: FAILED — why" */
export function progressLine(n: number, total: number, r: VideoResult): string {
  const tag = `[${n}/${total}]`;
  if (!r.ok) return `${tag} ${r.file}: FAILED — ${r.error}`;
  const warning = r.warnings.length ? ` (warning: ${r.warnings.join(' ')})` : '';
  return `${tag} ${summaryLine(r.file, r.report)} (${r.seconds.toFixed(1)} s)${warning}`;
}

export const SUMMARY_COLUMNS = ['file', 'status', 'error', 'lift', 'side', 'view', 'reps', 'clean_reps', 'rep', 'complete', 'verdict', 'faults', 'unjudged', 'warnings', 'report'] as const;

const ids = (a: readonly string[]) => [...new Set(a)].join(';');

/** The CSV rows, in SUMMARY_COLUMNS order. */
export function summaryRows(results: readonly VideoResult[]): Cell[][] {
  const rows: Cell[][] = [];
  for (const r of results) {
    if (!r.ok) {
      rows.push([r.file, 'failed', r.error, null, null, null, null, null, null, null, null, null, null, null, null]);
      continue;
    }
    const { report } = r;
    const video: Cell[] = [r.file, 'ok', null, report.lift, report.side, report.view, report.reps.length, report.summary.cleanReps];
    const tail: Cell[] = [r.warnings.join(' '), r.reportPath];
    if (report.reps.length === 0) rows.push([...video, null, null, null, null, null, ...tail]);
    report.reps.forEach((rep, i) => {
      rows.push([...video, i + 1, rep.complete, rep.verdict, ids(rep.faults), ids(rep.unjudged.map((u) => u.id)), ...tail]);
    });
  }
  return rows;
}

/** summary.csv: RFC 4180, CRLF, formula-guarded text (src/review/csv.ts). */
export function summaryCsv(results: readonly VideoResult[]): string {
  return toCsv(SUMMARY_COLUMNS, summaryRows(results));
}

/** 0 when every video was reviewed (and the page stayed on its origin), else 1. Usage errors (2) never get this far. */
export function exitStatus(results: readonly VideoResult[], offOrigin = 0): 0 | 1 {
  return results.every((r) => r.ok) && offOrigin === 0 ? 0 : 1;
}

/** "12 videos: 11 reviewed, 1 failed; summary: reports/summary.csv" */
export function finalLine(results: readonly VideoResult[], summaryPath: string): string {
  const failed = results.filter((r) => !r.ok).length;
  const n = results.length;
  return `${n} video${n === 1 ? '' : 's'}: ${n - failed} reviewed, ${failed} failed; summary: ${summaryPath}`;
}

/** An error's first line: Playwright appends call logs that belong in no progress line or CSV cell. */
export function firstLine(e: unknown): string {
  const s = (e instanceof Error ? e.message : String(e)).trim();
  return s.split(/\r?\n/, 1)[0] || 'unknown error';
}
