/**
 * What the review screen shows, derived from the analyzer's output: the
 * timeline layout, the per-rep table rows, the bar path and the per-frame
 * angles CSV. Pure functions of (clip, report, frame results): no DOM, and
 * no judgement of its own: every verdict comes from the analyzer.
 */
import type { FaultEvidence, FaultId, FrameResult, PoseClip, PoseFrame, RepReport, RepVerdict, SetReport, UnjudgedReason } from '../analysis/types';
import { faultLabel, groupUnjudged, LOW_CONFIDENCE, lowConfidenceChecks, unjudgedOf, unjudgedText, unjudgedWhy, verdictOf, type UnjudgedGroup } from '../components/verdict';
import { round, toCsv, type Cell } from './csv';
import { frameAt } from './frames';

// The fault labels live with the verdict words shared by the live and review screens.
export { FAULT_LABELS, faultLabel, groupUnjudged } from '../components/verdict';

// ---------------------------------------------------------------- timeline

export interface RepSegment {
  index: number;
  /** percent of the clip */
  left: number;
  width: number;
  bottom: number;
  startMs: number;
  bottomMs: number;
  endMs: number;
  faults: FaultId[];
  complete: boolean;
  verdict: RepVerdict;
  /** the verdict in words, for the segment's label: "fault: …", "clean", "couldn't judge: …" */
  verdictText: string;
}

export interface FaultMarker {
  rep: number;
  id: FaultId;
  atMs: number;
  left: number;
  /** stacking row when a rep has several faults */
  row: number;
}

const pct = (t: number, dur: number) => (dur > 0 ? Math.max(0, Math.min(100, (100 * t) / dur)) : 0);

/** Where in the rep a fault shows best, for its marker and its key frame. */
export function faultTime(rep: Pick<RepReport, 'startMs' | 'bottomMs' | 'endMs'>, id: FaultId): number {
  switch (id) {
    case 'lockout-lean':
      return rep.endMs;
    case 'fast-lowering':
      return (rep.startMs + rep.bottomMs) / 2;
    case 'hips-rise-first':
      return rep.bottomMs + (rep.endMs - rep.bottomMs) / 3;
    default:
      return rep.bottomMs;
  }
}

export function timelineLayout(report: SetReport, durationMs: number): { segments: RepSegment[]; markers: FaultMarker[] } {
  const segments = report.reps.map((r) => ({
    index: r.index,
    left: pct(r.startMs, durationMs),
    width: Math.max(0.3, pct(r.endMs, durationMs) - pct(r.startMs, durationMs)),
    bottom: pct(r.bottomMs, durationMs),
    startMs: r.startMs,
    bottomMs: r.bottomMs,
    endMs: r.endMs,
    faults: r.faults,
    complete: r.complete,
    verdict: verdictOf(r),
    verdictText: verdictText(r),
  }));
  const markers: FaultMarker[] = [];
  for (const r of report.reps) {
    r.faults.forEach((id, row) => {
      const atMs = faultTime(r, id);
      markers.push({ rep: r.index, id, atMs, left: pct(atMs, durationMs), row });
    });
  }
  return { segments, markers };
}

/** The rep being shown at `t` (or null between reps). */
export function repAt(report: SetReport | null, t: number): RepReport | null {
  if (!report) return null;
  for (const r of report.reps) if (t >= r.startMs && t <= r.endMs) return r;
  return null;
}

// ---------------------------------------------------------------- bar

/**
 * How far the bar (wrist mid-point) is ahead of mid-foot, in the lifter's
 * own foot lengths (+ = toward where the lifter faces), or null.
 */
export function barAhead(fr: FrameResult, clip: Pick<PoseClip, 'width' | 'height'>, report: SetReport): number | null {
  if (!fr.bar || fr.midFootX === null || !Number.isFinite(fr.midFootX)) return null;
  const foot = report.calibration?.foot;
  if (!foot || !(foot > 0)) return null;
  const dx = ((fr.bar.x - fr.midFootX) * clip.width) / clip.height;
  const dir = report.facing === 'left' ? -1 : report.facing === 'right' ? 1 : Math.sign(dx) || 1;
  return (dir * dx) / foot;
}

/**
 * Bar path of the rep around `t`, up to `t`: the wrist mid-point of the
 * measured landmarks (normalised image points), so it lines up with the
 * skeleton drawn on the video.
 */
export function barPath(frames: readonly PoseFrame[], times: ArrayLike<number>, rep: RepReport | null, t: number, minVisibility = 0.3): [number, number][] {
  if (!rep) return [];
  const a = frameAt(times, rep.startMs);
  const b = frameAt(times, Math.min(t, rep.endMs));
  const out: [number, number][] = [];
  for (let i = Math.max(0, a); i <= b && i < frames.length; i++) {
    const lm = frames[i].landmarks;
    if (!lm) continue;
    const l = lm[15], r = lm[16];
    if (Math.max(l[3], r[3]) < minVisibility) continue;
    out.push([(l[0] + r[0]) / 2, (l[1] + r[1]) / 2]);
  }
  return out;
}

// ---------------------------------------------------------------- rep table

export interface RepRow {
  index: number;
  complete: boolean;
  startMs: number;
  bottomMs: number;
  endMs: number;
  /** fraction of standing shoulder height lost at the bottom */
  depth: number | null;
  loweringMs: number | null;
  bottomHoldMs: number | null;
  risingMs: number | null;
  totalMs: number;
  /** angles at the bottom frame, degrees */
  hip: number | null;
  knee: number | null;
  trunk: number | null;
  /** largest bar offset ahead of mid-foot during the rep, foot lengths */
  maxBarAhead: number | null;
  /** the analyzer's verdict: a rep that could not be fully judged is not clean */
  verdict: RepVerdict;
  /** "fault: Rounded back" | "clean" | "couldn't judge: Rounded back (…)" */
  verdictText: string;
  faults: { id: FaultId; label: string; measured: string; lowConfidence: boolean }[];
  /** checks that gave no verdict on this rep, with the analyzer's reason in plain words */
  unjudged: { id: FaultId; label: string; reason: UnjudgedReason; why: string }[];
  /** the same, grouped by reason: "Rounded back, Bar drifts forward: turn side-on to the camera…" */
  unjudgedGroups: UnjudgedGroup[];
  /** judged checks whose evidence was low-confidence (said next to the verdict) */
  lowConfidence: { id: FaultId; label: string }[];
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** "0.78 hip/knee flexion ratio (threshold 1.00, confidence 72%)" */
export function formatEvidence(e: FaultEvidence): string {
  const deg = e.unit === 'deg' || e.unit === '°';
  const digits = Math.abs(e.value) >= 10 || Math.abs(e.threshold) >= 10 ? 0 : 2;
  const v = (x: number) => `${x.toFixed(digits)}${deg ? '°' : ''}`;
  const unit = !deg && e.unit ? ` ${e.unit}` : '';
  const low = e.confidence < LOW_CONFIDENCE ? ', low confidence' : '';
  return `${v(e.value)}${unit} (threshold ${v(e.threshold)}, confidence ${Math.round(e.confidence * 100)}%${low})`;
}

/** The rep's verdict in words: "fault: Rounded back, Hips rise first", "clean", "couldn't judge: Rounded back (the camera angle…)". */
export function verdictText(r: Pick<RepReport, 'faults'> & Partial<Pick<RepReport, 'verdict' | 'unjudged'>>): string {
  const v = verdictOf(r);
  if (v === 'fault') return `fault: ${r.faults.map(faultLabel).join(', ')}`;
  if (v === 'clean') return 'clean';
  const why = unjudgedText(r);
  return why ? `couldn't judge: ${why}` : "couldn't judge";
}

export function repRows(clip: PoseClip, report: SetReport, frames: readonly FrameResult[], times: ArrayLike<number>): RepRow[] {
  return report.reps.map((r) => {
    const bottom = frames[frameAt(times, r.bottomMs)];
    let maxBar: number | null = null;
    const a = frameAt(times, r.startMs);
    const b = frameAt(times, r.endMs);
    for (let i = Math.max(0, a); i <= b && i < frames.length; i++) {
      const v = barAhead(frames[i], clip, report);
      if (v !== null && (maxBar === null || Math.abs(v) > Math.abs(maxBar))) maxBar = v;
    }
    const m = r.metrics;
    return {
      index: r.index,
      complete: r.complete,
      startMs: r.startMs,
      bottomMs: r.bottomMs,
      endMs: r.endMs,
      depth: num(m.depth),
      loweringMs: num(m.loweringMs),
      bottomHoldMs: num(m.bottomHoldMs),
      risingMs: num(m.risingMs),
      totalMs: r.endMs - r.startMs,
      hip: num(bottom?.angles?.hip),
      knee: num(bottom?.angles?.knee),
      trunk: num(bottom?.angles?.trunk),
      maxBarAhead: maxBar,
      verdict: verdictOf(r),
      verdictText: verdictText(r),
      faults: r.faults.map((id) => {
        const e = r.evidence.find((x) => x.id === id && x.active) ?? r.evidence.find((x) => x.id === id);
        return { id, label: faultLabel(id), measured: e ? formatEvidence(e) : '', lowConfidence: !!e && e.confidence < LOW_CONFIDENCE };
      }),
      unjudged: unjudgedOf(r).map((u) => ({ id: u.id, label: faultLabel(u.id), reason: u.reason, why: unjudgedWhy(u) })),
      unjudgedGroups: groupUnjudged(r),
      lowConfidence: lowConfidenceChecks(r)
        .filter((id) => !r.faults.includes(id))
        .map((id) => ({ id, label: faultLabel(id) })),
    };
  });
}

// ---------------------------------------------------------------- CSV

export const ANGLES_CSV_HEADER = [
  'frame', 't_ms', 'person', 'rep', 'phase', 'depth',
  'trunk_deg', 'hip_deg', 'knee_deg', 'hip_left_deg', 'hip_right_deg', 'knee_left_deg', 'knee_right_deg', 'shin_deg', 'neck_deg',
  'bar_x', 'bar_y', 'midfoot_x', 'bar_ahead_foot_lengths', 'rep_verdict',
] as const;

/** One row per frame: the angles and positions the analyzer measured. */
export function anglesCsv(clip: PoseClip, report: SetReport, frames: readonly FrameResult[]): string {
  const rows = function* (): Generator<Cell[]> {
    for (let i = 0; i < frames.length; i++) {
      const f = frames[i];
      const a = f.angles;
      const rep = repAt(report, f.t);
      yield [
        i, round(clip.frames[i]?.t ?? f.t, 3), f.person, rep ? rep.index : null, f.phase, round(f.depth, 4),
        round(a?.trunk, 2), round(a?.hip, 2), round(a?.knee, 2), round(a?.hipLeft, 2), round(a?.hipRight, 2),
        round(a?.kneeLeft, 2), round(a?.kneeRight, 2), round(a?.shin, 2), round(a?.neck, 2),
        round(f.bar?.x, 4), round(f.bar?.y, 4), round(f.midFootX, 4), round(barAhead(f, clip, report), 3),
        rep ? verdictOf(rep) : null,
      ];
    }
  };
  return toCsv(ANGLES_CSV_HEADER, rows());
}

export const REPS_CSV_HEADER = [
  'rep', 'complete', 'start_ms', 'bottom_ms', 'end_ms', 'verdict', 'faults', 'unjudged', 'unjudged_reasons', 'low_confidence',
  'depth', 'lowering_ms', 'bottom_ms_held', 'rising_ms', 'hip_bottom_deg', 'knee_bottom_deg', 'trunk_bottom_deg', 'max_bar_ahead_foot_lengths', 'evidence',
] as const;

/**
 * One row per rep: the verdict, the faults, the checks that could not be
 * judged (ids, and "id: why" in plain words), the low-confidence checks and
 * the table's numbers. Lists inside a cell are separated by "; ".
 */
export function repsCsv(rows: readonly RepRow[]): string {
  const list = (xs: readonly string[]) => xs.join('; ');
  return toCsv(
    REPS_CSV_HEADER,
    rows.map((r) => [
      r.index, r.complete, round(r.startMs, 1), round(r.bottomMs, 1), round(r.endMs, 1), r.verdict,
      list(r.faults.map((f) => f.id)), list(r.unjudged.map((u) => u.id)), list(r.unjudged.map((u) => `${u.id}: ${u.why}`)),
      list([...r.faults.filter((f) => f.lowConfidence).map((f) => f.id), ...r.lowConfidence.map((l) => l.id)]),
      round(r.depth, 4), round(r.loweringMs, 1), round(r.bottomHoldMs, 1), round(r.risingMs, 1),
      round(r.hip, 1), round(r.knee, 1), round(r.trunk, 1), round(r.maxBarAhead, 3),
      list(r.faults.map((f) => `${f.id}: ${f.measured}`)),
    ]),
  );
}

// ---------------------------------------------------------------- formatting

export const fmtMs = (ms: number | null) => (ms === null ? '–' : `${(ms / 1000).toFixed(2)} s`);
export const fmtDeg = (d: number | null) => (d === null ? '–' : `${Math.round(d)}°`);
export const fmtPct = (f: number | null) => (f === null ? '–' : `${Math.round(f * 100)}%`);
export function fmtClock(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  const m = Math.floor(s / 60);
  return `${m}:${(s - m * 60).toFixed(2).padStart(5, '0')}`;
}
