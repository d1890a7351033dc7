/**
 * The shared real clips (../shared beside the repo, as CI has it) against
 * ../shared/footage/labels.csv: rep counts, the labelled faults, clean good
 * clips, and how the oblique (_2) views are handled.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeClip, parseRecording } from './index';
import type { FaultId, Lift, SetReport } from './types';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const shared = path.resolve(repoRoot, '../shared');
const labels = path.join(shared, 'footage/labels.csv');
const have = existsSync(labels);

interface Row { landmarks: string; lift: Lift; expected: string; reps: number; view: string }
const rows: Row[] = have
  ? readFileSync(labels, 'utf8').trim().split('\n').slice(1).map((l) => {
      const c = l.split(',');
      return { landmarks: c[1], lift: c[2] as Lift, view: c[4], expected: c[5], reps: Number(c[6]) };
    })
  : [];

const cache = new Map<string, SetReport>();
function report(row: Row): SetReport {
  let r = cache.get(row.landmarks);
  if (!r) {
    const clip = parseRecording(readFileSync(path.join(shared, 'landmarks', row.landmarks), 'utf8'));
    r = analyzeClip(clip, { lift: row.lift });
    cache.set(row.landmarks, r);
  }
  return r;
}
const flagged = (r: SetReport) => new Set(r.reps.flatMap((x) => x.faults));

describe.skipIf(!have)('shared real clips', () => {
  it('has the labelled clips', () => {
    expect(rows.length).toBeGreaterThanOrEqual(20);
  });

  for (const row of rows) {
    const name = row.landmarks.replace(/\.json$/, '');
    it(`${name}: ${row.reps} reps, expected ${row.expected}`, () => {
      const r = report(row);
      expect(r.reps.length).toBe(row.reps);
      const got = flagged(r);
      if (row.expected === 'good') expect([...got]).toEqual([]);
      else if (row.expected === 'bad') expect(got.size).toBeGreaterThan(0);
      else if (row.expected !== 'unknown') for (const f of row.expected.split(';') as FaultId[]) expect(got.has(f)).toBe(true);
    });
  }

  it('TBY66 k/r/h clips flag their fault on most reps, not just one', () => {
    for (const [letter, fault] of [['k', 'hips-back'], ['r', 'rounded-back'], ['h', 'hips-rise-first']] as const) {
      for (const cam of ['1', '2']) {
        const row = rows.find((x) => x.landmarks.endsWith(`0016${letter}_${cam}.json`))!;
        const r = report(row);
        const n = r.reps.filter((x) => x.faults.includes(fault)).length;
        expect(n, `${letter}_${cam}`).toBeGreaterThanOrEqual(Math.floor(r.reps.length * 0.7));
      }
    }
  });

  it('detects the side (_1) and oblique (_2) views and the facing', () => {
    for (const row of rows.filter((x) => x.landmarks.startsWith('TBY66'))) {
      const r = report(row);
      expect(r.view).toBe(row.landmarks.includes('_2.json') ? 'oblique' : 'side');
      expect(r.facing).toBe('left');
    }
  });

  it('oblique clips: sagittal checks run with reduced confidence and the report says so', () => {
    const row = rows.find((x) => x.landmarks.endsWith('0016k_2.json'))!;
    const side = report(rows.find((x) => x.landmarks.endsWith('0016k_1.json'))!);
    const r = report(row);
    expect(r.summary.notes.some((n) => /oblique/i.test(n) && /side-on/i.test(n))).toBe(true);
    const conf = (rep: SetReport) => Math.max(...rep.reps.flatMap((x) => x.evidence.filter((e) => e.id === 'hips-back').map((e) => e.confidence)));
    expect(conf(r)).toBeLessThanOrEqual(0.5);
    expect(conf(side)).toBeGreaterThan(conf(r));
  });

  it('rounded-back is reported as a proxy with a modest confidence', () => {
    const r = report(rows.find((x) => x.landmarks.endsWith('0016r_1.json'))!);
    const ev = r.reps.flatMap((x) => x.evidence.filter((e) => e.id === 'rounded-back' && e.active));
    expect(ev.length).toBeGreaterThan(0);
    for (const e of ev) {
      expect(e.confidence).toBeLessThanOrEqual(0.6);
      expect(e.value).toBeGreaterThan(e.threshold);
    }
    expect(r.summary.notes.some((n) => /proxies/.test(n))).toBe(true);
  });

  it('a clip that starts mid-descent marks its first rep incomplete', () => {
    const right = report(rows.find((x) => x.landmarks.includes('RIGHT_faulty'))!);
    expect(right.reps[0].complete).toBe(false);
    expect(right.reps[1].complete).toBe(true);
  });
});
