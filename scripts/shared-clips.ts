/**
 * The shared labelled clips (../shared/footage/labels.csv) with their landmark
 * recordings, for tests and the accuracy bench (node only). `app` recordings
 * are the ones `npm run recordings` made through the app's own review pipeline
 * (masks and the back outline included); `reference` ones are the mask-free
 * recordings in ../shared/landmarks. A missing shared folder or cache entry is
 * an error, never a silent skip.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseRecording } from '../src/analysis/recording';
import type { Lift, PoseClip } from '../src/analysis/types';
import { LIFTS } from '../src/analysis/types';
import { readCachedRecording } from './recordings-cache';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const sharedDir = path.resolve(repoRoot, '../shared');
export const labelsPath = path.join(sharedDir, 'footage/labels.csv');

export interface LabelRow {
  /** path under ../shared/footage */
  file: string;
  /** the source folder (the unit of leave-one-source-out) */
  source: string;
  /** file name of the mask-free reference recording in ../shared/landmarks */
  landmarks: string;
  lift: Lift;
  load: string;
  view: string;
  expected: string;
  /** null when nobody counted them */
  reps: number | null;
  notes: string;
}

/** Parses labels.csv (its notes column may hold commas: everything after the seventh comma). */
export function parseLabels(csv: string): LabelRow[] {
  const lines = csv.trim().split(/\r?\n/);
  const head = lines[0].split(',');
  const want = ['file', 'landmarks', 'lift', 'load', 'view', 'expected', 'reps', 'notes'];
  if (want.some((w, i) => head[i] !== w)) throw new Error(`labels.csv: unexpected header ${lines[0]}`);
  return lines.slice(1).map((line, i) => {
    const c = line.split(',');
    const lift = c[2] as Lift;
    if (!(LIFTS as readonly string[]).includes(lift)) throw new Error(`labels.csv line ${i + 2}: unknown lift ${c[2]}`);
    const reps = c[6] === '' ? null : Number(c[6]);
    if (reps !== null && !Number.isInteger(reps)) throw new Error(`labels.csv line ${i + 2}: bad reps ${c[6]}`);
    return { file: c[0], source: c[0].split('/')[0], landmarks: c[1], lift, load: c[3], view: c[4], expected: c[5], reps, notes: c.slice(7).join(',') };
  });
}

export function readLabels(): LabelRow[] {
  if (!existsSync(labelsPath)) throw new Error(`shared labels missing: ${labelsPath} (CI has ../shared beside the repo)`);
  return parseLabels(readFileSync(labelsPath, 'utf8'));
}

export type RecordingKind = 'app' | 'reference';

export function recordingOf(row: LabelRow, kind: RecordingKind): PoseClip {
  if (kind === 'reference') return parseRecording(readFileSync(path.join(sharedDir, 'landmarks', row.landmarks), 'utf8'));
  const clip = readCachedRecording(path.join(sharedDir, 'footage', row.file));
  if (!clip) throw new Error(`no app recording of ${row.file} in the cache: run \`npm run recordings\``);
  return clip;
}

/** Which rows have an app recording in the cache (the rest need `npm run recordings`). */
export function missingRecordings(rows: LabelRow[]): LabelRow[] {
  return rows.filter((r) => !readCachedRecording(path.join(sharedDir, 'footage', r.file)));
}
