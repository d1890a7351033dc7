/**
 * Accuracy benchmark (not a timed test): per-fault precision / recall / F1 on
 * the synthetic corpus (rep level: a rep's predicted faults against its truth)
 * and on the shared real clips (clip level, against ../shared/footage/labels.csv),
 * rep-count accuracy, lift auto-detection, and the analyzer's cost per frame.
 * Prints a markdown table and writes bench/accuracy.md and bench/accuracy.json.
 *
 *   npx tsx scripts/bench-accuracy.ts [--small] [--seed N]
 *
 * The synthetic corpus is drawn with seed 2718 by default: a held-out seed. The
 * generator's degree scale and the analyzer's detectors were developed on the
 * seed-7 corpus (and the real clips); seed 101 served as a first held-out check
 * and its misses were looked at (generic fixes followed), so the reported seed
 * is a fresh one that nothing was tuned on.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeClip, createHingeAnalyzer, DEFAULT_THRESHOLDS, parseRecording } from '../src/analysis/index';
import { FAULT_IDS, type FaultId, type Lift, type PoseClip, type SetReport } from '../src/analysis/types';
import { faultApplies, faultVisibleIn, syntheticCorpus } from '../src/analysis/synthetic/index';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sharedDir = path.resolve(repoRoot, '../shared');
const small = process.argv.includes('--small');
const seedArg = process.argv.indexOf('--seed');
/** held-out corpus seed (tuning used seed 7; 101 was a first held-out check that was looked at) */
const SEED = seedArg >= 0 ? Number(process.argv[seedArg + 1]) : 2718;
const TUNING_SEED = 7;

interface Counts { tp: number; fp: number; fn: number }
const newCounts = () => Object.fromEntries(FAULT_IDS.map((f) => [f, { tp: 0, fp: 0, fn: 0 }])) as Record<FaultId, Counts>;
const prf = (c: Counts) => {
  const p = c.tp + c.fp ? c.tp / (c.tp + c.fp) : NaN;
  const r = c.tp + c.fn ? c.tp / (c.tp + c.fn) : NaN;
  const f1 = p + r > 0 ? (2 * p * r) / (p + r) : c.tp + c.fp + c.fn === 0 ? NaN : 0;
  return { precision: p, recall: r, f1 };
};
const fmt = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : '–');
const pctStr = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)}%` : '–');

// ---------------------------------------------------------------- synthetic corpus (rep level)
const synth = newCounts();
let synthReps = 0;
let synthRepCountOk = 0;
let synthClips = 0;
let synthLiftOk = 0;
let synthViewOk = 0;
/** lift auto-detection: the family (bilateral / single-leg / kickstand), deadlift vs RDL, the working side */
const family = (l: Lift | null) => (l === 'deadlift' || l === 'rdl' ? 'bilateral' : l === 'sl-rdl' ? 'single-leg' : l === 'kickstand-rdl' ? 'kickstand' : 'none');
let famOk = 0;
let dlRdlOk = 0;
let dlRdlN = 0;
let sideOk = 0;
let sideN = 0;
const liftConfusion: Record<string, number> = {};
const synthMisses: string[] = [];
const corpus = syntheticCorpus({ seed: SEED, size: small ? 'small' : 'full' });
for (const entry of corpus) {
  const { clip, truth } = entry;
  const rep = analyzeClip(clip, { lift: truth.lift, side: truth.side ?? undefined });
  synthClips++;
  if (rep.reps.length === truth.reps.length) synthRepCountOk++;
  if (rep.view === truth.view) synthViewOk++;
  const auto = analyzeClip(clip, { lift: 'auto' });
  if (auto.lift === truth.lift) synthLiftOk++;
  const ck = `${truth.lift} → ${auto.lift ?? 'none'}`;
  liftConfusion[ck] = (liftConfusion[ck] ?? 0) + 1;
  if (family(auto.lift) === family(truth.lift)) famOk++;
  if (family(truth.lift) === 'bilateral') {
    dlRdlN++;
    if (auto.lift === truth.lift) dlRdlOk++;
  }
  if (truth.side && auto.lift === truth.lift) {
    sideN++;
    if (auto.side === truth.side) sideOk++;
  }
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
    const autoLift = analyzeClip(clip, { lift: 'auto' }).lift;
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
    realRows.push({ clip: row.landmarks.replace(/\.json$/, ''), view: rep.view, expected: row.expected, flagged: [...got].join(';') || 'none', reps: `${rep.reps.length}/${row.reps}`, right, lift: row.lift, autoLift });
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
lines.push(`${synthClips} clips, ${synthReps} reps, corpus seed ${SEED} (${small ? 'small' : 'full'}; held out: the generator's degree scale and the detectors were tuned on seed ${TUNING_SEED}, and seed 101 was a first held-out check whose misses were looked at). Faults at degree ≥ 0.6 (0.5 = the threshold a coach would call, see src/analysis/synthetic/README.md), clean reps at 0; views side / front / back / oblique, noise, dropouts, 15-60 fps, varied proportions, implements and tempo. Only faults the truth can label are scored: applicable to the lift and visible from the clip's view (FAULTS.md).`);
lines.push('');
lines.push('| fault | precision | recall | F1 | tp | fp | fn |');
lines.push('|---|---|---|---|---|---|---|');
for (const f of FAULT_IDS) {
  const c = synth[f];
  const m = prf(c);
  lines.push(`| \`${f}\` | ${fmt(m.precision)} | ${fmt(m.recall)} | ${fmt(m.f1)} | ${c.tp} | ${c.fp} | ${c.fn} |`);
}
lines.push('');
lines.push(`Rep count exact: ${synthRepCountOk}/${synthClips} clips. View detected: ${synthViewOk}/${synthClips}.`);
lines.push('');
lines.push(`### Lift auto-detection (\`lift: 'auto'\`)`);
lines.push('');
lines.push(`- bilateral vs single-leg vs kickstand: **${famOk}/${synthClips}** (${pctStr(famOk, synthClips)})`);
lines.push(`- working side of the single-leg / kickstand clips detected as such: ${sideOk}/${sideN}`);
lines.push(`- deadlift vs RDL (bilateral clips, the soft call: median hip drop at the bottom > ${DEFAULT_THRESHOLDS.rdlMaxHipDrop} of the standing hip height = deadlift): ${dlRdlOk}/${dlRdlN}`);
lines.push(`- exact lift: ${synthLiftOk}/${synthClips}`);
lines.push('');
lines.push('| true → detected | clips |');
lines.push('|---|---|');
for (const [k, n] of Object.entries(liftConfusion).sort()) lines.push(`| ${k} | ${n} |`);
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
lines.push('| clip | view | expected | flagged | reps | right | lift auto-detected |');
lines.push('|---|---|---|---|---|---|---|');
for (const r of realRows) lines.push(`| ${r.clip} | ${r.view} | ${r.expected} | ${r.flagged} | ${r.reps} | ${r.right === null ? 'n/a' : r.right ? 'yes' : 'NO'} | ${r.autoLift === r.lift ? r.autoLift : `${r.autoLift} (labelled ${r.lift})`} |`);
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
        seed: SEED, tuningSeed: TUNING_SEED, size: small ? 'small' : 'full',
        clips: synthClips, reps: synthReps, repCountExact: synthRepCountOk, viewOk: synthViewOk, liftAutoOk: synthLiftOk,
        liftFamilyOk: famOk, deadliftVsRdlOk: dlRdlOk, deadliftVsRdlClips: dlRdlN, sideOk, sideClips: sideN, liftConfusion,
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
