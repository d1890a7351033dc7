/**
 * Public API of the hinge analysis (pure TypeScript, no DOM: runs in Node,
 * in the worker and on the main thread). See README.md in this folder.
 */
import { orderedFrames } from './frame-guard';
import { createHingeAnalyzer, type AnalyzerOptions, type HingeAnalyzer } from './analyzer';
import type { PoseClip, SetReport } from './types';

export { createHingeAnalyzer } from './analyzer';
export type { AnalyzerOptions, HingeAnalyzer } from './analyzer';
export { DEFAULT_THRESHOLDS, resolveThresholds } from './thresholds';
export type { Thresholds, ThresholdOverrides } from './thresholds';
export { CUE_SHORT, CUE_TEXT } from './cues';
export { parseRecording, serializeRecording, RecordingError } from './recording';
export * from './types';

/**
 * Analyse a whole recording. Two passes: the first only learns the lifter's
 * standing proportions (so a clip that opens at the floor is measured
 * against the standing height seen later) and, on a single-leg lift, the
 * working leg (so the first rep is measured on it); the second analyses.
 */
export function analyzeClip(input: PoseClip, options: Omit<AnalyzerOptions, 'width' | 'height'> = {}): SetReport {
  return drain(analyzeClipSteps(input, options));
}

/**
 * analyzeClip a slice at a time: yields the share of the work done every
 * `chunk` frames and returns the same report, so a page can spread a long
 * recording's analysis over many short tasks.
 */
export function* analyzeClipSteps(input: PoseClip, options: Omit<AnalyzerOptions, 'width' | 'height'> = {}, chunk = 1024): Generator<number, SetReport, void> {
  const clip = { ...input, frames: orderedFrames(input.frames ?? []) };
  const base = { ...options, width: clip.width, height: clip.height };
  let calibration = options.calibration ?? null;
  let heightHint: number | undefined;
  let side = options.side;
  const single = (l: string | null | undefined) => l === 'sl-rdl' || l === 'kickstand-rdl';
  const n = clip.frames.length;
  const twoPasses = !calibration || (!side && options.lift !== 'deadlift' && options.lift !== 'rdl');
  const total = Math.max(1, twoPasses ? 2 * n : n);
  let done = 0;
  function* pass(an: HingeAnalyzer): Generator<number, void, void> {
    for (let a = 0; a < n; a += chunk) {
      const b = Math.min(n, a + chunk);
      for (let i = a; i < b; i++) an.push(clip.frames[i]);
      done += b - a;
      yield done / total;
    }
  }
  if (twoPasses) {
    const pre = createHingeAnalyzer({ ...base, lift: options.lift ?? 'auto' });
    yield* pass(pre);
    calibration ??= pre.calibration;
    if (!calibration) heightHint = pre.tallestHeight;
    // the working leg decided over the whole recording, so the first rep is measured on it too
    if (!side) {
      const r = pre.report();
      if (single(r.lift)) side = r.side ?? undefined;
    }
  }
  const an = createHingeAnalyzer({ ...base, calibration, heightHint, side });
  yield* pass(an);
  return an.report();
}

/** Runs a stepped computation to its end. */
export function drain<T>(steps: Generator<unknown, T, void>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}
