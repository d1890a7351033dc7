/**
 * Accuracy benchmark (not a timed test): per-fault precision / recall / F1 on
 * the synthetic corpus (rep level: a rep's predicted faults against its truth)
 * and on the shared real clips (clip level, against ../shared/footage/labels.csv),
 * rep-count accuracy, lift auto-detection, and the analyzer's cost per frame.
 * Prints a markdown table and writes bench/accuracy.md and bench/accuracy.json.
 *
 *   npx tsx scripts/bench-accuracy.ts [--small]
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeClip, createHingeAnalyzer, parseRecording } from '../src/analysis/index';
import { FAULT_IDS, type FaultId, type Lift, type PoseClip, type SetReport } from '../src/analysis/types';
import { faultApplies, faultVisibleIn, syntheticCorpus } from '../src/analysis/synthetic/index';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sharedDir = path.resolve(repoRoot, '../shared');
const small = process.argv.includes('--small');

interface Counts { tp: number; fp: number; fn: number }
const newCounts = () => Object.fromEntries(FAULT_IDS.map((f) => [f, { tp: 0, fp: 0, fn: 0 }])) as Record<FaultId, Counts>;
const prf = (c: Counts) => {
  const p = c.tp + c.fp ? c.tp / (c.tp + c.fp) : NaN;
  const r = c.tp + c.fn ? c.tp / (c.tp + c.fn) : NaN;
  const f1 = p + r > 0 ? (2 * p * r) / (p + r) : c.tp + c.fp + c.fn === 0 ? NaN : 0;
  return { precision: p, recall: r, f1 };
};
const fmt = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : '–');

// ---------------------------------------------------------------- synthetic corpus (rep level)
const synth = newCounts();
let synthReps = 0;
let synthRepCountOk = 0;
let synthClips = 0;
let synthLiftOk = 0;
let synthViewOk = 0;
const synthMisses: string[] = [];
const corpus = syntheticCorpus({ seed: 7, size: small ? 'small' : 'full' });
for (const entry of corpus) {
  const { clip, truth } = entry;
  const rep = analyzeClip(clip, { lift: truth.lift, side: truth.side ?? undefined });
  synthClips++;
  if (rep.reps.length === truth.reps.length) synthRepCountOk++;
  if (rep.view === truth.view) synthViewOk++;
  const auto = analyzeClip(clip, { lift: 'auto' });
  if (auto.lift === truth.lift) synthLiftOk++;
  // match predicted reps to true reps by their bottom times
  const used = new Set<number>();
  for (const tr of truth.reps) {
    synthReps++;
    let best = -1;
    let bestD = Infinity;
    rep.reps.forEach((r, i) => {
      const d = Math.abs(r.bottomMs - tr.bottomMs);
      if (!used.has(i) && d < bestD) { bestD = d; best = i; }
    });
    const pred = best >= 0 && bestD < 1500 ? rep.reps[best] : null;
    if (pred) used.add(best);
    for (const f of FAULT_IDS) {
      // only faults the truth can speak about: applicable to the lift and visible from the view
      if (!faultApplies(f, truth.lift) || !faultVisibleIn(f, truth.view)) continue;
      const t = tr.faults.includes(f);
      const p = pred ? pred.faults.includes(f) : false;
      if (t && p) synth[f].tp++;
      else if (p) synth[f].fp++;
      else if (t) synth[f].fn++;
      if (t !== p && synthMisses.length < 400) synthMisses.push(`${entry.name} rep${tr.index} ${f} truth=${t} pred=${p}`);
    }
  }
}

// ---------------------------------------------------------------- shared real clips (clip level)
interface RealRow { file: string; landmarks: string; lift: Lift; view: string; expected: string; reps: number }
const real = newCounts();
const realRows: Record<string, unknown>[] = [];
let realJudgedRight = 0;
let realLabelled = 0;
let realRepOk = 0;
let realGoodClean = 0;
let realGood = 0;
const clips: PoseClip[] = [];
const labelsPath = path.join(sharedDir, 'footage/labels.csv');
if (existsSync(labelsPath)) {
  const rows: RealRow[] = readFileSync(labelsPath, 'utf8').trim().split('\n').slice(1).map((l) => {
    const c = l.split(',');
    return { file: c[0], landmarks: c[1], lift: c[2] as Lift, view: c[4], expected: c[5], reps: Number(c[6]) };
  });
  for (const row of rows) {
    const clip = parseRecording(readFileSync(path.join(sharedDir, 'landmarks', row.landmarks), 'utf8'));
    clips.push(clip);
    const rep: SetReport = analyzeClip(clip, { lift: row.lift });
    const got = new Set(rep.reps.flatMap((r) => r.faults));
    const repsOk = rep.reps.length === row.reps;
    if (repsOk) realRepOk++;
    let right: boolean | null = null;
    if (row.expected === 'good') {
      realGood++;
      right = got.size === 0;
      if (right) realGoodClean++;
      for (const f of got) real[f].fp++;
    } else if (row.expected === 'bad') {
      right = got.size > 0;
    } else if (row.expected !== 'unknown') {
      const exp = row.expected.split(';') as FaultId[];
      right = exp.every((f) => got.has(f));
      for (const f of exp) (got.has(f) ? real[f].tp++ : real[f].fn++);
      // other flags on a clip labelled with named faults are not counted against it (the label is not exhaustive)
    }
    if (right !== null) {
      realLabelled++;
      if (right) realJudgedRight++;
    }
    realRows.push({ clip: row.landmarks.replace(/\.json$/, ''), view: rep.view, expected: row.expected, flagged: [...got].join(';') || 'none', reps: `${rep.reps.length}/${row.reps}`, right });
  }
}

// ---------------------------------------------------------------- cost per frame (warm, one analyzer per clip)
function microsPerFrame(all: PoseClip[]): number {
  let frames = 0;
  let ms = 0;
  for (let pass = 0; pass < 3; pass++) {
    for (const clip of all) {
      const an = createHingeAnalyzer({ width: clip.width, height: clip.height, lift: 'auto' });
      const t0 = performance.now();
      for (const f of clip.frames) an.push(f);
      const dt = performance.now() - t0;
      if (pass > 0) { ms += dt; frames += clip.frames.length; }
    }
  }
  return (ms * 1000) / frames;
}
const costClips = clips.length ? clips : corpus.slice(0, 20).map((c) => c.clip);
const usPerFrame = microsPerFrame(costClips);

// ---------------------------------------------------------------- output
const lines: string[] = [];
lines.push(`# Accuracy benchmark`);
lines.push('');
lines.push(`Generated by \`npm run bench:accuracy\` (scripts/bench-accuracy.ts)${small ? ' with --small' : ''}.`);
lines.push('');
lines.push(`## Synthetic corpus (rep level)`);
lines.push('');
lines.push(`${synthClips} clips, ${synthReps} reps (seed 7, ${small ? 'small' : 'full'}). Only faults the truth can label are scored: applicable to the lift and visible from the clip's view (FAULTS.md).`);
lines.push('');
lines.push('| fault | precision | recall | F1 | tp | fp | fn |');
lines.push('|---|---|---|---|---|---|---|');
for (const f of FAULT_IDS) {
  const c = synth[f];
  const m = prf(c);
  lines.push(`| \`${f}\` | ${fmt(m.precision)} | ${fmt(m.recall)} | ${fmt(m.f1)} | ${c.tp} | ${c.fp} | ${c.fn} |`);
}
lines.push('');
lines.push(`Rep count exact: ${synthRepCountOk}/${synthClips} clips. View detected: ${synthViewOk}/${synthClips}. Lift auto-detected: ${synthLiftOk}/${synthClips}.`);
lines.push('');
lines.push(`## Shared real clips (clip level)`);
lines.push('');
lines.push(`Labelled clips judged right: **${realJudgedRight}/${realLabelled}**; clips labelled good with no fault: ${realGoodClean}/${realGood}; rep count exact: ${realRepOk}/${realRows.length}.`);
lines.push('');
lines.push('| fault | precision | recall | F1 | tp | fp | fn |');
lines.push('|---|---|---|---|---|---|---|');
for (const f of FAULT_IDS) {
  const c = real[f];
  if (c.tp + c.fp + c.fn === 0) continue;
  const m = prf(c);
  lines.push(`| \`${f}\` | ${fmt(m.precision)} | ${fmt(m.recall)} | ${fmt(m.f1)} | ${c.tp} | ${c.fp} | ${c.fn} |`);
}
lines.push('');
lines.push('| clip | view | expected | flagged | reps | right |');
lines.push('|---|---|---|---|---|---|');
for (const r of realRows) lines.push(`| ${r.clip} | ${r.view} | ${r.expected} | ${r.flagged} | ${r.reps} | ${r.right === null ? 'n/a' : r.right ? 'yes' : 'NO'} |`);
lines.push('');
lines.push(`## Cost`);
lines.push('');
lines.push(`${usPerFrame.toFixed(1)} µs per frame (warm, Node ${process.version}, incremental analyzer, ${costClips.length} clips).`);
const md = lines.join('\n') + '\n';
console.log(md);
const outDir = path.join(repoRoot, 'bench');
mkdirSync(outDir, { recursive: true });
writeFileSync(path.join(outDir, 'accuracy.md'), md);
writeFileSync(
  path.join(outDir, 'accuracy.json'),
  JSON.stringify(
    {
      synthetic: {
        clips: synthClips, reps: synthReps, repCountExact: synthRepCountOk, viewOk: synthViewOk, liftAutoOk: synthLiftOk,
        faults: Object.fromEntries(FAULT_IDS.map((f) => [f, { ...synth[f], ...prf(synth[f]) }])),
      },
      real: {
        labelled: realLabelled, judgedRight: realJudgedRight, goodClean: realGoodClean, good: realGood, repCountExact: realRepOk,
        faults: Object.fromEntries(FAULT_IDS.map((f) => [f, { ...real[f], ...prf(real[f]) }])),
        clips: realRows,
      },
      usPerFrame,
    },
    null,
    2,
  ) + '\n',
);
if (process.env.BENCH_MISSES) writeFileSync(path.join(outDir, 'misses.txt'), synthMisses.join('\n') + '\n');
