/**
 * Scores the analyzer on the synthetic corpus whose truth is physical
 * (src/analysis/synthetic/physical.ts): each rep's fault sizes are measured on
 * the rendered body (deg of spinal flexion, cm of bar drift, ms of lowering ...)
 * and a fault is true when past a line taken from coaching / biomechanics
 * sources, never from the analyzer's thresholds. Per fault: ROC AUC of the
 * analyzer's evidence value against that truth, recall and false-positive rate
 * at the analyzer's operating point (rep.faults), and the flag rate by band
 * around the line.
 *
 *   npx tsx scripts/accuracy-synthetic.ts [--small] [--seed N]
 *
 * Called by scripts/bench-accuracy.ts (runSyntheticAccuracy).
 */
import { pathToFileURL } from 'node:url';
import { analyzeClip } from '../src/analysis/index';
import { FAULT_IDS, type FaultId, type Lift, type RepReport } from '../src/analysis/types';
import { type Band, BANDS, bandOf, faultApplies, faultLine, faultVisibleIn, syntheticCorpus } from '../src/analysis/synthetic/index';

interface Sample {
  truth: boolean;
  magnitude: number;
  band: Band;
  flagged: boolean;
  /** analyzer evidence value (null: no matched rep or no evidence for the fault) */
  value: number | null;
  threshold: number | null;
  active: boolean;
  unit: string | null;
}

export interface SyntheticFaultRow {
  fault: FaultId;
  /** 'deadlift' / 'rdl family' where the line differs by lift, else 'all' */
  lifts: string;
  truthUnit: string;
  line: number;
  lineSense: 'above' | 'below';
  source: string;
  reps: number;
  faulty: number;
  withEvidence: number;
  evidenceUnit: string | null;
  /** 'lower' = a lower evidence value means a fault */
  direction: 'higher' | 'lower';
  auc: number | null;
  recall: number | null;
  fpr: number | null;
  tp: number;
  fn: number;
  fp: number;
  tn: number;
  bands: Record<Band, { n: number; flagged: number; rate: number | null }>;
}

/** Where the analyzer's evidence for a fault is faulty when lower (else higher); used when no evidence was active. */
const LOWER_IS_FAULT: Record<string, boolean> = {
  'hips-back:hip/knee flexion ratio': true,
  'hips-rise-first': true,
  'fast-lowering': true,
};

/** Mann-Whitney AUC (ties count half): P(score of a faulty rep > score of a clean rep). */
function auc(pos: number[], neg: number[]): number | null {
  if (!pos.length || !neg.length) return null;
  const all = [...pos.map((v) => ({ v, p: 1 })), ...neg.map((v) => ({ v, p: 0 }))].sort((a, b) => a.v - b.v);
  let rankSum = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j < all.length && all[j].v === all[i].v) j++;
    const r = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (all[k].p) rankSum += r;
    i = j;
  }
  return (rankSum - (pos.length * (pos.length + 1)) / 2) / (pos.length * neg.length);
}

/** Match predicted reps to true reps by bottom time: nearest pairs first, within 1.5 s. */
function matchReps(trueBottoms: number[], pred: RepReport[]): (RepReport | null)[] {
  const pairs: { i: number; j: number; d: number }[] = [];
  trueBottoms.forEach((b, i) =>
    pred.forEach((r, j) => {
      const d = Math.abs(r.bottomMs - b);
      if (d < 1500) pairs.push({ i, j, d });
    }),
  );
  pairs.sort((a, b) => a.d - b.d);
  const out: (RepReport | null)[] = trueBottoms.map(() => null);
  const used = new Set<number>();
  for (const p of pairs) {
    if (out[p.i] || used.has(p.j)) continue;
    out[p.i] = pred[p.j];
    used.add(p.j);
  }
  return out;
}

const familyOf = (l: Lift) => (l === 'deadlift' ? 'deadlift' : 'rdl family');
const fmt = (v: number | null, d = 2) => (v === null || !Number.isFinite(v) ? '–' : v.toFixed(d));

export function runSyntheticAccuracy(opts: { seed: number; size: 'small' | 'full' }): { markdown: string; json: unknown } {
  const t0 = performance.now();
  const corpus = syntheticCorpus({ seed: opts.seed, size: opts.size });
  const t1 = performance.now();
  const groups = new Map<string, { fault: FaultId; lifts: string; lift: Lift; samples: Sample[] }>();
  let reps = 0;
  let matched = 0;
  for (const { clip, truth } of corpus) {
    const report = analyzeClip(clip, { lift: truth.lift, side: truth.side ?? undefined });
    const pred = matchReps(
      truth.reps.map((r) => r.bottomMs),
      report.reps,
    );
    truth.reps.forEach((tr, i) => {
      reps++;
      const p = pred[i];
      if (p) matched++;
      for (const f of FAULT_IDS) {
        // only what the truth can speak about: applicable to the lift, visible from the view
        if (!faultApplies(f, truth.lift) || !faultVisibleIn(f, truth.view)) continue;
        const m = tr.magnitudes[f];
        if (m === undefined) continue;
        const line = faultLine(f, truth.lift);
        const split = f === 'hips-back' || f === 'fast-lowering';
        const key = split ? `${f}|${familyOf(truth.lift)}` : f;
        let g = groups.get(key);
        if (!g) groups.set(key, (g = { fault: f, lifts: split ? familyOf(truth.lift) : 'all', lift: truth.lift, samples: [] }));
        const ev = p?.evidence.find((e) => e.id === f);
        g.samples.push({
          truth: tr.past[f] === true,
          magnitude: m,
          band: bandOf(line, m),
          flagged: p ? p.faults.includes(f) : false,
          value: ev && Number.isFinite(ev.value) ? ev.value : null,
          threshold: ev ? ev.threshold : null,
          active: ev ? ev.active : false,
          unit: ev ? ev.unit : null,
        });
      }
    });
  }
  const t2 = performance.now();

  const rows: SyntheticFaultRow[] = [];
  const order = (k: string) => FAULT_IDS.indexOf(k.split('|')[0] as FaultId) * 2 + (k.endsWith('rdl family') ? 1 : 0);
  for (const key of [...groups.keys()].sort((a, b) => order(a) - order(b))) {
    const g = groups.get(key)!;
    const line = faultLine(g.fault, g.lift);
    const S = g.samples;
    const withEv = S.filter((s) => s.value !== null);
    const units = new Map<string, number>();
    for (const s of withEv) units.set(s.unit!, (units.get(s.unit!) ?? 0) + 1);
    const evidenceUnit = [...units.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
    // direction: what the analyzer itself calls past its threshold, else the known table
    let lo = 0;
    let hi = 0;
    for (const s of withEv) if (s.active && s.threshold !== null) (s.value! < s.threshold ? lo++ : hi++);
    const lower = lo + hi > 0 ? lo > hi : (LOWER_IS_FAULT[`${g.fault}:${evidenceUnit}`] ?? LOWER_IS_FAULT[g.fault] ?? false);
    const sign = lower ? -1 : 1;
    const scored = withEv.filter((s) => s.unit === evidenceUnit);
    const a = auc(
      scored.filter((s) => s.truth).map((s) => sign * s.value!),
      scored.filter((s) => !s.truth).map((s) => sign * s.value!),
    );
    const tp = S.filter((s) => s.truth && s.flagged).length;
    const fn = S.filter((s) => s.truth && !s.flagged).length;
    const fp = S.filter((s) => !s.truth && s.flagged).length;
    const tn = S.filter((s) => !s.truth && !s.flagged).length;
    const bands = Object.fromEntries(
      BANDS.map((b) => {
        const inB = S.filter((s) => s.band === b);
        const fl = inB.filter((s) => s.flagged).length;
        return [b, { n: inB.length, flagged: fl, rate: inB.length ? fl / inB.length : null }];
      }),
    ) as SyntheticFaultRow['bands'];
    rows.push({
      fault: g.fault,
      lifts: g.lifts,
      truthUnit: line.unit,
      line: line.line,
      lineSense: line.sense,
      source: line.source,
      reps: S.length,
      faulty: tp + fn,
      withEvidence: scored.length,
      evidenceUnit,
      direction: lower ? 'lower' : 'higher',
      auc: a,
      recall: tp + fn ? tp / (tp + fn) : null,
      fpr: fp + tn ? fp / (fp + tn) : null,
      tp,
      fn,
      fp,
      tn,
      bands,
    });
  }

  const clips = corpus.length;
  const L: string[] = [];
  L.push(`### Synthetic corpus, physical truth (seed ${opts.seed}, ${opts.size})`);
  L.push('');
  L.push(
    `${clips} clips, ${reps} reps (${matched} matched to an analyzed rep by bottom time within 1.5 s). Each rep's fault sizes are measured on the rendered body in physical units and a fault is true past a line from coaching or biomechanics sources (src/analysis/synthetic/README.md), not from the analyzer's thresholds. Fault clips put most reps just under or just over the line (± the band), some far under (or clean) and far over. Only faults that apply to the lift and are visible from the clip's view are scored. AUC: the analyzer's evidence value for the fault against the truth (over reps with evidence); recall / FPR: its verdict (rep.faults). Generated in ${((t1 - t0) / 1000).toFixed(1)} s, analyzed in ${((t2 - t1) / 1000).toFixed(1)} s.`,
  );
  L.push('');
  L.push('| fault | lifts | truth: line | reps | faulty | AUC (n) | recall | FPR |');
  L.push('|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    L.push(
      `| \`${r.fault}\` | ${r.lifts} | ${r.lineSense === 'above' ? '>' : '<'} ${r.line} ${r.truthUnit} | ${r.reps} | ${r.faulty} | ${fmt(r.auc)} (${r.withEvidence}) | ${fmt(r.recall)} (${r.tp}/${r.tp + r.fn}) | ${fmt(r.fpr)} (${r.fp}/${r.fp + r.tn}) |`,
    );
  }
  L.push('');
  L.push('Share of reps flagged by band (far under = more than a band on the clean side of the line; just under / just over = within a band; far over = beyond it): under the line it is the false-positive rate, over it the recall.');
  L.push('');
  L.push('| fault | lifts | band (±) | far under | just under | just over | far over |');
  L.push('|---|---|---|---|---|---|---|');
  for (const r of rows) {
    const c = (b: Band) => (r.bands[b].n ? `${fmt(r.bands[b].rate)} (${r.bands[b].flagged}/${r.bands[b].n})` : '–');
    L.push(`| \`${r.fault}\` | ${r.lifts} | ${faultLine(r.fault, r.lifts === 'deadlift' ? 'deadlift' : 'rdl').band} | ${c('far-under')} | ${c('just-under')} | ${c('just-over')} | ${c('far-over')} |`);
  }
  L.push('');
  const markdown = L.join('\n') + '\n';
  const json = {
    seed: opts.seed,
    size: opts.size,
    clips,
    reps,
    matchedReps: matched,
    generateS: (t1 - t0) / 1000,
    analyzeS: (t2 - t1) / 1000,
    date: new Date().toISOString(),
    faults: rows,
  };
  return { markdown, json };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const si = args.indexOf('--seed');
  const seed = si >= 0 ? Number(args[si + 1]) : 2718;
  const r = runSyntheticAccuracy({ seed, size: args.includes('--small') ? 'small' : 'full' });
  console.log(r.markdown);
  if (args.includes('--json')) console.log(JSON.stringify(r.json, null, 2));
}
