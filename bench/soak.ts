/**
 * `npm run soak` (not in CI): live coaching for a long time with a shared clip
 * looping as the fake camera. Every 30 s it samples, after a forced GC: the
 * page's JS heap, DOM nodes (and detached ones, where this Chromium reports
 * them), live VideoFrame and ImageBitmap objects on the page, the measured
 * frames per second, and the current set's reps. Writes bench/soak.csv and bench/soak.svg and
 * prints the heap drift after warm-up. SOAK_MINUTES (default 30), SOAK_WARM_UP_MINUTES
 * (default 5). With
 * SOAK_SNAPSHOTS=1 it also takes a heap snapshot at the end of warm-up and at
 * the end and prints what grew, by constructor (to find a leak).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type CDPSession, type Page } from '@playwright/test';
import { withFakeCamera } from '../e2e/browser';
import { mjpegFor } from '../e2e/clips';
import { guardOrigin } from '../e2e/origin-guard';
import { repoRoot, startPreview } from './preview-server';

const CLIP = 'TBY66_Intelligent-Deadlift-Diagnosis-System/0016c_1.mp4';
const MINUTES = Number(process.env.SOAK_MINUTES ?? 30);
const SNAPSHOTS = process.env.SOAK_SNAPSHOTS === '1';
const EVERY_MS = 30_000;
/** samples before this are warm-up (model load, JIT, first sets) */
const WARM_UP_MS = Number(process.env.SOAK_WARM_UP_MINUTES ?? 5) * 60_000;

interface Sample {
  s: number;
  heapMB: number;
  nodes: number;
  detached: number | null;
  videoFrames: number;
  imageBitmaps: number;
  fps: number;
  /** reps in the current set */
  setReps: number;
}

async function liveObjects(cdp: CDPSession, ctor: string): Promise<number> {
  // Everything in one object group, released after: the result array would otherwise keep the objects it found alive.
  const objectGroup = 'soak';
  const proto = await cdp.send('Runtime.evaluate', { expression: `${ctor}.prototype`, objectGroup });
  if (!proto.result.objectId) return 0;
  const found = await cdp.send('Runtime.queryObjects', { prototypeObjectId: proto.result.objectId, objectGroup });
  const len = await cdp.send('Runtime.callFunctionOn', { objectId: found.objects.objectId!, functionDeclaration: 'function () { return this.length; }', returnByValue: true, objectGroup });
  await cdp.send('Runtime.releaseObjectGroup', { objectGroup });
  return Number(len.result.value);
}

async function detachedNodes(cdp: CDPSession): Promise<number | null> {
  try {
    const r = (await cdp.send('DOM.getDetachedDomNodes' as never)) as { detachedNodes: unknown[] };
    return r.detachedNodes.length;
  } catch {
    return null;
  }
}

type HeapCensus = Map<string, { count: number; bytes: number }>;
interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[]; edge_types: [string[]] } };
  nodes: number[];
  edges: number[];
  strings: string[];
}

async function takeSnapshot(cdp: CDPSession): Promise<Snapshot> {
  const chunks: string[] = [];
  const onChunk = (e: { chunk: string }) => chunks.push(e.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  return JSON.parse(chunks.join('')) as Snapshot;
}

/** A node's kind: constructor name for objects, closures and native objects, else its type. */
function kindOf(snap: Snapshot, i: number): string {
  const f = snap.snapshot.meta.node_fields;
  const type = snap.snapshot.meta.node_types[0][snap.nodes[i + f.indexOf('type')]];
  return type === 'object' || type === 'closure' || type === 'native' ? `${type} ${snap.strings[snap.nodes[i + f.indexOf('name')]]}` : type;
}

/** Live objects by kind, and the newest node id (ids grow with allocation). */
function census(snap: Snapshot): { byKind: HeapCensus; maxId: number } {
  const f = snap.snapshot.meta.node_fields;
  const [iId, iSize] = ['id', 'self_size'].map((k) => f.indexOf(k));
  const byKind: HeapCensus = new Map();
  let maxId = 0;
  for (let i = 0; i < snap.nodes.length; i += f.length) {
    const key = kindOf(snap, i);
    const c = byKind.get(key) ?? { count: 0, bytes: 0 };
    c.count++;
    c.bytes += snap.nodes[i + iSize];
    byKind.set(key, c);
    maxId = Math.max(maxId, snap.nodes[i + iId]);
  }
  return { byKind, maxId };
}

/** For the kinds that grew most, what holds a few of their objects allocated after `sinceId`: the retainer chain. */
function retainerChains(snap: Snapshot, sinceId: number, kinds: string[]): void {
  const nf = snap.snapshot.meta.node_fields.length;
  const ef = snap.snapshot.meta.edge_fields;
  const [eType, eName, eTo] = ['type', 'name_or_index', 'to_node'].map((k) => ef.indexOf(k));
  const edgeTypes = snap.snapshot.meta.edge_types[0];
  const iEdges = snap.snapshot.meta.node_fields.indexOf('edge_count');
  const iId = snap.snapshot.meta.node_fields.indexOf('id');
  const retainers = new Map<number, { from: number; edge: string }[]>();
  let e = 0;
  for (let i = 0; i < snap.nodes.length; i += nf) {
    for (let k = 0; k < snap.nodes[i + iEdges]; k++, e += ef.length) {
      const type = edgeTypes[snap.edges[e + eType]];
      if (type === 'weak' || type === 'shortcut') continue;
      const name = type === 'element' || type === 'hidden' ? `[${snap.edges[e + eName]}]` : snap.strings[snap.edges[e + eName]];
      const to = snap.edges[e + eTo];
      const list = retainers.get(to) ?? [];
      list.push({ from: i, edge: name });
      retainers.set(to, list);
    }
  }
  for (const kind of kinds) {
    const samples: number[] = [];
    for (let i = 0; i < snap.nodes.length && samples.length < 2; i += nf) if (snap.nodes[i + iId] > sinceId && kindOf(snap, i) === kind) samples.push(i);
    for (const start of samples) {
      const chain: string[] = [];
      const seen = new Set<number>([start]);
      let at = start;
      for (let step = 0; step < 40; step++) {
        const r = (retainers.get(at) ?? []).find((x) => !seen.has(x.from));
        if (!r) break;
        chain.push(`${kindOf(snap, r.from)}.${r.edge}`);
        seen.add(r.from);
        at = r.from;
      }
      console.log(`  ${kind} ← ${chain.join(' ← ')}`);
    }
  }
}

function printGrowth(a: HeapCensus, b: HeapCensus): string[] {
  const rows = [...b].map(([k, v]) => ({ k, dBytes: v.bytes - (a.get(k)?.bytes ?? 0), dCount: v.count - (a.get(k)?.count ?? 0) }));
  rows.sort((x, y) => y.dBytes - x.dBytes);
  console.log('\nheap growth from the end of warm-up to the end (top 20 by bytes):');
  for (const r of rows.slice(0, 20)) console.log(`${(r.dBytes / 1e3).toFixed(1).padStart(9)} kB ${String(r.dCount).padStart(8)} objects  ${r.k.slice(0, 100)}`);
  return rows.slice(0, 8).map((r) => r.k);
}

async function sample(page: Page, cdp: CDPSession, t0: number, last: { frames: number; at: number }): Promise<Sample> {
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const metrics = await cdp.send('Performance.getMetrics');
  const nodes = metrics.metrics.find((m) => m.name === 'Nodes')?.value ?? NaN;
  const live = (await page.evaluate('(() => { const s = window.__hinge; return { frames: s.live.frames, reps: s.coach?.repCount ?? 0 }; })()')) as { frames: number; reps: number };
  const now = Date.now();
  const fps = ((live.frames - last.frames) * 1000) / Math.max(1, now - last.at);
  last.frames = live.frames;
  last.at = now;
  return {
    s: Math.round((now - t0) / 1000),
    heapMB: Math.round((heap.usedSize / 1e6) * 10) / 10,
    nodes,
    detached: await detachedNodes(cdp),
    videoFrames: await liveObjects(cdp, 'VideoFrame'),
    imageBitmaps: await liveObjects(cdp, 'ImageBitmap'),
    fps: Math.round(fps * 10) / 10,
    setReps: Number(live.reps) || 0,
  };
}

function plot(samples: Sample[]): string {
  const W = 640;
  const H = 240;
  const pad = 40;
  const maxS = Math.max(...samples.map((s) => s.s), 1);
  const series: [keyof Sample, string, number][] = [
    ['heapMB', '#0a7', Math.max(...samples.map((s) => s.heapMB)) * 1.2],
    ['fps', '#27c', Math.max(...samples.map((s) => s.fps)) * 1.2],
  ];
  const lines = series.map(([k, colour, top]) => {
    const pts = samples.map((s) => `${(pad + ((W - 2 * pad) * s.s) / maxS).toFixed(1)},${(H - pad - ((H - 2 * pad) * (s[k] as number)) / (top || 1)).toFixed(1)}`).join(' ');
    return `<polyline fill="none" stroke="${colour}" stroke-width="2" points="${pts}"/><text x="${W - pad}" y="${pad - 8 + (k === 'fps' ? 14 : 0)}" fill="${colour}" font-size="12" text-anchor="end">${k === 'heapMB' ? `JS heap, MB (top ${top.toFixed(0)})` : `fps (top ${top.toFixed(0)})`}</text>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif"><rect width="100%" height="100%" fill="#fff"/><line x1="${pad}" y1="${H - pad}" x2="${W - pad}" y2="${H - pad}" stroke="#999"/><line x1="${pad}" y1="${pad}" x2="${pad}" y2="${H - pad}" stroke="#999"/>${lines.join('')}<text x="${W / 2}" y="${H - 10}" font-size="12" text-anchor="middle">minutes (0–${(maxS / 60).toFixed(0)})</text></svg>\n`;
}

async function main(): Promise<void> {
  // The bench build (bench/out/dist): never rebuilds dist/ under another command's feet.
  const preview = await startPreview(4180, { fresh: true, bench: true });
  // Each loop: 12 s standing (the clip's first frame; its last is a crouch at the laptop), then
  // the reps: sets with a rest between, as a lifter trains (one endless set would grow its own
  // report without bound).
  const browser = await chromium.launch(withFakeCamera(mjpegFor(CLIP, { holdStartS: 12 })));
  const samples: Sample[] = [];
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const offending = await guardOrigin(context, new URL(preview.url).origin);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(`${preview.url}/?debug`);
    await page.getByTestId('start-camera').click();
    await page.waitForFunction(() => (window as unknown as { __hinge?: { live?: { frames: number } } }).__hinge?.live?.frames! > 10, undefined, { timeout: 120_000 });
    const t0 = Date.now();
    const last = { frames: 0, at: t0 };
    let warmHeap: { byKind: HeapCensus; maxId: number } | null = null;
    while (Date.now() - t0 < MINUTES * 60_000) {
      await page.waitForTimeout(EVERY_MS);
      const s = await sample(page, cdp, t0, last);
      samples.push(s);
      console.log(Object.values(s).join('\t'));
      if (SNAPSHOTS && !warmHeap && Date.now() - t0 >= WARM_UP_MS) warmHeap = census(await takeSnapshot(cdp));
    }
    if (warmHeap) {
      const snap = await takeSnapshot(cdp);
      const grew = printGrowth(warmHeap.byKind, census(snap).byKind);
      console.log('\nwhat holds objects allocated since then (retainer chains):');
      retainerChains(snap, warmHeap.maxId, grew);
    }
    const head = Object.keys(samples[0]).join(',');
    writeFileSync(path.join(repoRoot, 'bench', 'soak.csv'), `${head}\n${samples.map((s) => Object.values(s).join(',')).join('\n')}\n`);
    writeFileSync(path.join(repoRoot, 'bench', 'soak.svg'), plot(samples));
    const warm = samples.filter((s) => s.s * 1000 >= WARM_UP_MS);
    const base = warm[0]?.heapMB ?? NaN;
    const drift = Math.max(...warm.map((s) => Math.abs(s.heapMB - base) / base));
    console.log(`\n${MINUTES} min; heap after warm-up ${base} MB, largest drift ${(drift * 100).toFixed(1)}% (goal ±10%);`);
    console.log(`live VideoFrames max ${Math.max(...samples.map((s) => s.videoFrames))}, ImageBitmaps max ${Math.max(...samples.map((s) => s.imageBitmaps))}; fps median ${[...samples.map((s) => s.fps)].sort((a, b) => a - b)[samples.length >> 1]}; requests off the origin ${offending.length}`);
  } finally {
    await browser.close();
    preview.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
