/**
 * Offline pipeline: a recorded clip of at least 30 s through the review flow
 * (real file input, real decoder, worker and analyzer), timed from choosing
 * the file to the report being ready.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from '../e2e/browser';
import { footage } from '../e2e/clips';
import { guardOrigin } from '../e2e/origin-guard';
import type { ModelVariant } from '../src/shared/pose-protocol';
import { repoRoot } from './preview-server';

const round = (x: number, d = 2) => (Number.isFinite(x) ? Math.round(x * 10 ** d) / 10 ** d : null);

/** Two passes of a shared clip joined without re-encoding (42 s): kept in bench/out, never committed. */
export function longClip(): string {
  const src = footage('TBY66_Intelligent-Deadlift-Diagnosis-System/0016c_1.mp4');
  const out = path.join(repoRoot, 'bench', 'out', 'long-0016c_1x2.mp4');
  if (existsSync(out)) return out;
  mkdirSync(path.dirname(out), { recursive: true });
  const list = path.join(path.dirname(out), 'concat.txt');
  execFileSync('bash', ['-c', `printf "file '%s'\\nfile '%s'\\n" "${src}" "${src}" > "${list}"`]);
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'concat', '-safe', '0', '-i', list, '-c', 'copy', out]);
  return out;
}

export async function runOffline(url: string, model: ModelVariant): Promise<Record<string, unknown>> {
  const clip = longClip();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const offending = await guardOrigin(context, new URL(url).origin);
  const page = await context.newPage();
  await page.goto(`${url}/?debug#/review`);
  await page.getByTestId('review-model').selectOption(model);
  await page.getByTestId('review-lift').selectOption('deadlift');
  const t0 = Date.now();
  await page.getByTestId('review-file').setInputFiles(clip);
  await page.waitForFunction(() => (window as any).__hinge?.review?.status === 'ready' || (window as any).__hinge?.review?.status === 'error', undefined, {
    timeout: 15 * 60_000,
    polling: 100,
  });
  const wallSeconds = (Date.now() - t0) / 1000;
  const info = await page.evaluate(() => {
    const r = (window as any).__hinge.review;
    const frames = r.clip?.frames ?? [];
    const st = r.stats;
    const pipeline = st && st.frames ? { msPerFrame: st.wallMs / st.frames, inferenceMsPerFrame: st.inferenceMs / st.frames, decoderWaitMs: st.waitMs, utilisation: st.utilisation } : null;
    return { pipeline, status: r.status, message: r.message, frames: frames.length, lastT: frames.length ? frames[frames.length - 1].t : 0, fps: r.clip?.fps, reps: r.report?.reps.length };
  });
  await browser.close();
  if (info.status !== 'ready') throw new Error(`review failed: ${info.message}`);
  const clipSeconds = info.lastT / 1000 + 1 / (info.fps || 30);
  const fps = info.frames / wallSeconds;
  return {
    model,
    frames: info.frames,
    clipSeconds: round(clipSeconds, 1),
    wallSeconds: round(wallSeconds, 1),
    fps: round(fps),
    realtimeFactor: round(clipSeconds / wallSeconds, 3),
    reps: info.reps,
    /** the decode → worker loop alone (no file probing, model load or report): where the wall time went */
    pipeline: info.pipeline && {
      msPerFrame: round(info.pipeline.msPerFrame),
      inferenceMsPerFrame: round(info.pipeline.inferenceMsPerFrame),
      decoderWaitS: round(info.pipeline.decoderWaitMs / 1000, 1),
      workerBusy: round(info.pipeline.utilisation, 3),
    },
    offOriginRequests: offending.length,
  };
}
