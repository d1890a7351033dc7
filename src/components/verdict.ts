/**
 * Words for the analyzer's per-rep verdicts, shared by the live screen and
 * the review screen. No judging here: the verdict, the unjudged checks and
 * their reasons come from the analyzer's report; this only says them in
 * plain words and counts them.
 */
import type { FaultId, RepReport, RepVerdict, SetReport, UnjudgedCheck, UnjudgedReason } from '../analysis/types';

/** Plain words per fault, for a lifter or a physio. */
export const FAULT_LABELS: Record<FaultId, string> = {
  'rounded-back': 'Rounded back',
  'bar-drift': 'Bar drifts forward',
  'hips-back': 'Squatting the hinge (hips not back)',
  'hips-rise-first': 'Hips rise first',
  'hip-rotation': 'Hips open (rotation)',
  'weight-shift': 'Weight off mid-foot (heels or toes up)',
  'lockout-lean': 'Leaning back at lockout',
  'neck-extension': 'Head cranked up',
  'locked-knees': 'Locked knees',
  'fast-lowering': 'Lowering too fast',
  'lost-balance': 'Lost balance',
};

export const faultLabel = (id: string): string => FAULT_LABELS[id as FaultId] ?? id;

/** Why a check gave no verdict, in plain words (used when the analyzer's own text is empty). */
export const UNJUDGED_REASON_WORDS: Record<UnjudgedReason, string> = {
  view: 'the camera angle cannot show it',
  visibility: 'the body parts it needs were hidden or unclear',
  'cut-off': 'the recording cut off the part of the rep it needs',
  'no-calibration': 'there was no standing still before the rep to measure you first',
  'not-seen': 'it was not seen',
};

/** Below this evidence confidence a verdict is said to be a low-confidence one. */
export const LOW_CONFIDENCE = 0.5;

/** The analyzer's words for why a check was not judged (its reason category as a fallback). */
export function unjudgedWhy(u: Pick<UnjudgedCheck, 'reason' | 'text'>): string {
  return u.text?.trim() || UNJUDGED_REASON_WORDS[u.reason] || String(u.reason);
}

/**
 * The rep's verdict as the analyzer gave it. A rep saved before verdicts
 * existed (set history on the device) has none: with a fault it is a fault
 * rep, otherwise it is not counted as clean, since nobody checked that every
 * check was judged.
 */
export function verdictOf(rep: Pick<RepReport, 'faults'> & { verdict?: RepVerdict }): RepVerdict {
  if (rep.verdict === 'fault' || rep.verdict === 'clean' || rep.verdict === 'unjudged') return rep.verdict;
  return rep.faults.length ? 'fault' : 'unjudged';
}

export const unjudgedOf = (rep: { unjudged?: UnjudgedCheck[] }): UnjudgedCheck[] => (Array.isArray(rep.unjudged) ? rep.unjudged : []);

/** Checks that share one reason, said once: "Rounded back, Bar drifts forward: turn side-on to the camera…" */
export interface UnjudgedGroup {
  why: string;
  reason: UnjudgedReason;
  ids: FaultId[];
  labels: string[];
}

/** The rep's unjudged checks grouped by the analyzer's words for why, in the analyzer's order. */
export function groupUnjudged(rep: { unjudged?: UnjudgedCheck[] }): UnjudgedGroup[] {
  const out: UnjudgedGroup[] = [];
  for (const u of unjudgedOf(rep)) {
    const why = unjudgedWhy(u);
    const g = out.find((x) => x.why === why);
    if (g) {
      g.ids.push(u.id);
      g.labels.push(faultLabel(u.id));
    } else out.push({ why, reason: u.reason, ids: [u.id], labels: [faultLabel(u.id)] });
  }
  return out;
}

/** The set's unsupported checks grouped by reason: one line per reason instead of one per check. */
export function groupUnsupported(list: readonly { id: FaultId; reason: string }[] | undefined): { reason: string; ids: FaultId[]; labels: string[] }[] {
  const out: { reason: string; ids: FaultId[]; labels: string[] }[] = [];
  for (const u of list ?? []) {
    const g = out.find((x) => x.reason === u.reason);
    if (g) {
      g.ids.push(u.id);
      g.labels.push(faultLabel(u.id));
    } else out.push({ reason: u.reason, ids: [u.id], labels: [faultLabel(u.id)] });
  }
  return out;
}

/** "Rounded back, Bar drifts forward (turn side-on…); Lowering too fast (the lowering was not in the recording)" */
export const unjudgedText = (rep: { unjudged?: UnjudgedCheck[] }): string =>
  groupUnjudged(rep)
    .map((g) => `${g.labels.join(', ')} (${g.why.replace(/\.$/, '')})`)
    .join('; ');

export interface VerdictCounts {
  reps: number;
  clean: number;
  fault: number;
  unjudged: number;
}

/** Clean, fault and couldn't-judge reps, counted apart (a rep that could not be judged is not a pass). */
export function verdictCounts(reps: readonly (Pick<RepReport, 'faults'> & { verdict?: RepVerdict })[]): VerdictCounts {
  const out: VerdictCounts = { reps: reps.length, clean: 0, fault: 0, unjudged: 0 };
  for (const r of reps) out[verdictOf(r)]++;
  return out;
}

/** The set's counts: the summary's own where it has them, the reps' verdicts otherwise. */
export function setCounts(report: Pick<SetReport, 'reps' | 'summary'>): VerdictCounts {
  const c = verdictCounts(report.reps);
  const s = report.summary as Partial<SetReport['summary']>;
  return {
    reps: report.reps.length,
    clean: typeof s.cleanReps === 'number' ? s.cleanReps : c.clean,
    unjudged: typeof s.unjudgedReps === 'number' ? s.unjudgedReps : c.unjudged,
    fault: c.fault,
  };
}

/** "11 reps: 3 clean, 6 with a fault, 2 couldn't be judged" */
export function countsText(c: VerdictCounts): string {
  const parts = [`${c.clean} clean`, `${c.fault} with a fault`, `${c.unjudged} couldn't be judged`];
  return `${c.reps} rep${c.reps === 1 ? '' : 's'}: ${parts.join(', ')}`;
}

/** The checks whose evidence on this rep is low-confidence (judged, but the camera gave little to go on). */
export function lowConfidenceChecks(rep: Pick<RepReport, 'evidence'> & { unjudged?: UnjudgedCheck[] }): FaultId[] {
  const unjudged = new Set(unjudgedOf(rep).map((u) => u.id));
  const out: FaultId[] = [];
  for (const e of rep.evidence) {
    if (unjudged.has(e.id) || out.includes(e.id)) continue;
    if (Number.isFinite(e.confidence) && e.confidence < LOW_CONFIDENCE) out.push(e.id);
  }
  return out;
}

/** What the live screen says about a finished rep: "good rep", "fix: …" or "couldn't see". */
export interface LiveRepState {
  index: number;
  /** 'pending' while the rep's last checks (lockout) are still being made */
  verdict: RepVerdict | 'pending';
  /** "good rep" | "fix: Rounded back" | "couldn't see" | "checking…" */
  headline: string;
  /** why it could not be judged, or which checks were low-confidence; '' when nothing to add */
  detail: string;
}

export const pendingRepState = (index: number): LiveRepState => ({ index, verdict: 'pending', headline: 'checking…', detail: '' });

export function liveRepState(rep: Pick<RepReport, 'index' | 'faults' | 'evidence'> & { verdict?: RepVerdict; unjudged?: UnjudgedCheck[] }): LiveRepState {
  const verdict = verdictOf(rep);
  const unjudged = unjudgedOf(rep);
  const low = lowConfidenceChecks(rep);
  if (verdict === 'fault') {
    return { index: rep.index, verdict, headline: `fix: ${faultLabel(rep.faults[0])}`, detail: rep.faults.length > 1 ? `also ${rep.faults.slice(1).map(faultLabel).join(', ')}` : '' };
  }
  if (verdict === 'unjudged') {
    // What the lifter can act on: the reasons, most checks first.
    const groups = groupUnjudged({ unjudged }).sort((a, b) => b.ids.length - a.ids.length);
    const detail = groups.length ? `${groups[0].why}${groups.length > 1 ? ` (and ${groups.length - 1} other reason${groups.length > 2 ? 's' : ''})` : ''}` : '';
    return { index: rep.index, verdict, headline: "couldn't see", detail };
  }
  return { index: rep.index, verdict, headline: 'good rep', detail: low.length ? `low confidence: ${low.map(faultLabel).join(', ')}` : '' };
}
