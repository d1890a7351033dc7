/**
 * The floor every speed ratio is measured against: MediaPipe's bare
 * detectForVideo loop on the main thread of a fresh page (src/bench/baseline.html
 * in the bench build), on frames decoded beforehand.
 */
import { chromium } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from '../e2e/browser';
import { footage } from '../e2e/clips';
import type { ModelVariant } from '../src/shared/pose-protocol';

export const CLIP = 'TBY66_Intelligent-Deadlift-Diagnosis-System/0016c_1.mp4';

export interface Checkpoint {
  plain: number;
  masked: number;
  frames: number;
}

/** The chosen model's bare loop in a fresh browser: plain, then with masks (as the live screen runs). */
export async function bareCheckpoint(url: string, model: ModelVariant): Promise<Checkpoint> {
  const bare = await openBareLoop(url);
  try {
    const plain = await bare.time(model, false);
    const masked = await bare.time(model, true);
    return { plain: plain.msPerFrame, masked: masked.msPerFrame, frames: masked.frames };
  } finally {
    await bare.close();
  }
}

export interface BaselineRow {
  model: string;
  delegate: string;
  masks: boolean;
  inWorker?: boolean;
  msPerFrame: number;
  p95: number;
  frames: number;
}

/** The bare-loop page in its own browser, the clip's frames decoded once, to time as often as needed. */
export async function openBareLoop(url: string) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const page = await browser.newPage();
  await page.goto(`${url}/src/bench/baseline.html`);
  await page.setInputFiles('#clip', footage(CLIP));
  await page.evaluate(async () => {
    const w = window as any;
    w.__frames = await w.__bench.decodeFrames((document.getElementById('clip') as HTMLInputElement).files![0], 200);
  });
  return {
    page,
    /** one model's bare loop on the main thread, plain or with masks */
    time: (model: ModelVariant, masks: boolean) =>
      page.evaluate(async ([m, k]) => (await (window as any).__bench.runBaseline((window as any).__frames, [m], ['CPU'], {}, 5, k))[0] as BaselineRow, [model, masks] as const),
    close: () => browser.close(),
  };
}

