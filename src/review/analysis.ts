/**
 * The one place the review screen calls the analyzer. Everything it shows
 * or exports comes from `analyse` (the SetReport, exactly as analyzeClip
 * gives it) and `frameResults` (the analyzer's per-frame view of the same
 * pass, for the overlay, the timeline and the angles CSV).
 */
import { analyzeClip, analyzeClipSteps, createHingeAnalyzer, drain, parseRecording, serializeRecording, DEFAULT_THRESHOLDS, resolveThresholds } from '../analysis';
import type { ThresholdOverrides, Thresholds } from '../analysis';
import type { FrameResult, LiftOption, PoseClip, SetReport, Side } from '../analysis/types';

export { parseRecording, serializeRecording, DEFAULT_THRESHOLDS, resolveThresholds };
export type { ThresholdOverrides, Thresholds };

export interface AnalysisOptions {
  lift: LiftOption;
  side: Side | null;
  thresholds: ThresholdOverrides;
}

function analyzerOptions(o: AnalysisOptions) {
  return {
    lift: o.lift,
    ...(o.side ? { side: o.side } : {}),
    ...(Object.keys(o.thresholds).length ? { thresholds: o.thresholds } : {}),
  };
}

/** The set report for a clip: the same call the CLI's report comes from. */
export function analyse(clip: PoseClip, o: AnalysisOptions): SetReport {
  return analyzeClip(clip, analyzerOptions(o));
}

/**
 * Per-frame results of the report's own pass: analyzeClip's second pass
 * runs with the calibration it reports, so replaying with that calibration
 * sees the same frames the same way.
 */
export function frameResults(clip: PoseClip, o: AnalysisOptions, report: SetReport): FrameResult[] {
  return drain(frameResultsSteps(clip, o, report));
}

function* frameResultsSteps(clip: PoseClip, o: AnalysisOptions, report: SetReport, chunk = 1024): Generator<number, FrameResult[], void> {
  const an = createHingeAnalyzer({ ...analyzerOptions(o), width: clip.width, height: clip.height, calibration: report.calibration });
  const n = clip.frames.length;
  const out: FrameResult[] = new Array(n);
  for (let a = 0; a < n; a += chunk) {
    const b = Math.min(n, a + chunk);
    for (let i = a; i < b; i++) out[i] = an.push(clip.frames[i]);
    yield b / n;
  }
  return out;
}

export interface SlicedOptions {
  signal?: AbortSignal;
  /** share of the analysis done, 0..1 */
  onProgress?: (share: number) => void;
  /** longest stretch of analysis between two yields to the page, ms */
  sliceMs?: number;
}

/**
 * `analyse` and `frameResults` together, in slices of at most `sliceMs`
 * with the page free in between (an hour of landmarks takes seconds to
 * analyse; the screen stays responsive and shows how far it got). Rejects
 * with an AbortError when `signal` aborts.
 */
export async function analyseInSlices(clip: PoseClip, o: AnalysisOptions, opts: SlicedOptions = {}): Promise<{ report: SetReport; frames: FrameResult[] }> {
  const sliceMs = opts.sliceMs ?? 40;
  const report = await runSliced(analyzeClipSteps(clip, analyzerOptions(o)), sliceMs, opts, 0, 2 / 3);
  const frames = await runSliced(frameResultsSteps(clip, o, report), sliceMs, opts, 2 / 3, 1 / 3);
  return { report, frames };
}

async function runSliced<T>(steps: Generator<number, T, void>, sliceMs: number, opts: SlicedOptions, from: number, weight: number): Promise<T> {
  let t0 = performance.now();
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (performance.now() - t0 >= sliceMs) {
      opts.onProgress?.(from + weight * r.value);
      await new Promise((resolve) => setTimeout(resolve, 0));
      opts.signal?.throwIfAborted();
      t0 = performance.now();
    }
  }
}

export interface ClipCheck {
  /** a message when there is nothing to analyse */
  error: string | null;
  warnings: string[];
  personFrames: number;
}

/** Is there a lifter in this clip at all, and was anyone else? */
export function checkClip(clip: PoseClip, name: string): ClipCheck {
  const n = clip.frames.length;
  let person = 0;
  let multi = 0;
  for (const f of clip.frames) {
    if (f.landmarks) person++;
    if ((f.people ?? 0) > 1) multi++;
  }
  const warnings: string[] = [];
  if (n === 0) return { error: `“${name}” has no frames to analyse.`, warnings, personFrames: 0 };
  const timing = timingProblem(clip, name);
  if (timing) return { error: timing, warnings, personFrames: person };
  if (person === 0 || person < Math.min(10, n * 0.05)) {
    return {
      error: `No person was found in “${name}”. Film the whole body (head to feet) from the side, with the lifter clearly visible, and try again.`,
      warnings,
      personFrames: person,
    };
  }
  if (person < n * 0.5) warnings.push(`A person was found in only ${Math.round((100 * person) / n)}% of the frames: the lifter may be out of the picture for part of the video.`);
  if (multi > 0) warnings.push(twoPeopleWarning(Math.max(1, Math.round((100 * multi) / n))));
  return { error: null, warnings, personFrames: person };
}

/** Why a recording's frame times cannot hold a rep, or null. */
function timingProblem(clip: PoseClip, name: string): string | null {
  if (clip.frames.length === 1) return `“${name}” has a single frame: a rep needs a movement, seen over many frames.`;
  let lo = Infinity;
  let hi = -Infinity;
  for (const f of clip.frames) {
    if (!Number.isFinite(f.t)) continue;
    lo = Math.min(lo, f.t);
    hi = Math.max(hi, f.t);
  }
  // (A short clip is judged: real ones of under a second hold a pull.)
  if (!(hi > lo)) return `Every frame of “${name}” has the same time${Number.isFinite(lo) ? ` (${lo} ms)` : ''}: the recording carries no timing, so no movement in it can be measured.`;
  return null;
}

export function twoPeopleWarning(percent: number): string {
  return `More than one person is in view in ${percent}% of the video. Those frames are not judged, as the analysis cannot tell who is lifting: crop the video or film one lifter at a time.`;
}
