/**
 * `npm run soak` (not in CI): live coaching for a long time with a shared clip
 * looping as the fake camera. Every 30 s it samples, after a forced GC: the
 * page's JS heap, DOM nodes (and detached ones, where this Chromium reports
 * them), live VideoFrame and ImageBitmap objects on the page, the measured
 * frames per second, and the current set's reps. Writes bench/soak.csv and bench/soak.svg and
 * prints the heap drift after warm-up. SOAK_MINUTES (default 30).
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
const EVERY_MS = 30_000;
/** samples before this are warm-up (model load, JIT, first sets) */
const WARM_UP_MS = 5 * 60_000;

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
    while (Date.now() - t0 < MINUTES * 60_000) {
      await page.waitForTimeout(EVERY_MS);
      const s = await sample(page, cdp, t0, last);
      samples.push(s);
      console.log(Object.values(s).join('\t'));
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
