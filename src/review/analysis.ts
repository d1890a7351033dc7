/**
 * The one place the review screen calls the analyzer. Everything it shows
 * or exports comes from `analyse` (the SetReport, exactly as analyzeClip
 * gives it) and `frameResults` (the analyzer's per-frame view of the same
 * pass, for the overlay, the timeline and the angles CSV).
 */
import { analyzeClip, createHingeAnalyzer, parseRecording, serializeRecording, DEFAULT_THRESHOLDS, resolveThresholds } from '../analysis';
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
  const an = createHingeAnalyzer({ ...analyzerOptions(o), width: clip.width, height: clip.height, calibration: report.calibration });
  const out: FrameResult[] = new Array(clip.frames.length);
  for (let i = 0; i < clip.frames.length; i++) out[i] = an.push(clip.frames[i]);
  return out;
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
