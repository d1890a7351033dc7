/**
 * Public API of the hinge analysis (pure TypeScript, no DOM: runs in Node,
 * in the worker and on the main thread). See README.md in this folder.
 */
import { orderedFrames } from './frame-guard';
import { createHingeAnalyzer, type AnalyzerOptions } from './analyzer';
import type { PoseClip, SetReport } from './types';

export { createHingeAnalyzer } from './analyzer';
export type { AnalyzerOptions, HingeAnalyzer } from './analyzer';
export { DEFAULT_THRESHOLDS, resolveThresholds } from './thresholds';
export type { Thresholds, ThresholdOverrides } from './thresholds';
export { CUE_TEXT } from './cues';
export { parseRecording, serializeRecording, RecordingError } from './recording';
export * from './types';

/**
 * Analyse a whole recording. Two passes: the first only learns the lifter's
 * standing proportions (so a clip that opens at the floor is measured
 * against the standing height seen later) and, on a single-leg lift, the
 * working leg (so the first rep is measured on it); the second analyses.
 */
export function analyzeClip(input: PoseClip, options: Omit<AnalyzerOptions, 'width' | 'height'> = {}): SetReport {
  const clip = { ...input, frames: orderedFrames(input.frames ?? []) };
  const base = { ...options, width: clip.width, height: clip.height };
  let calibration = options.calibration ?? null;
  let heightHint: number | undefined;
  let side = options.side;
  const single = (l: string | null | undefined) => l === 'sl-rdl' || l === 'kickstand-rdl';
  if (!calibration || (!side && options.lift !== 'deadlift' && options.lift !== 'rdl')) {
    const pre = createHingeAnalyzer({ ...base, lift: options.lift ?? 'auto' });
    for (const f of clip.frames) pre.push(f);
    calibration ??= pre.calibration;
    if (!calibration) heightHint = pre.tallestHeight;
    // the working leg decided over the whole recording, so the first rep is measured on it too
    if (!side) {
      const r = pre.report();
      if (single(r.lift)) side = r.side ?? undefined;
    }
  }
  const an = createHingeAnalyzer({ ...base, calibration, heightHint, side });
  for (const f of clip.frames) an.push(f);
  return an.report();
}
