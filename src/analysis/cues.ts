/**
 * One cue at a time. Active faults are ranked by the safety order of
 * FAULTS.md; a cue stays up long enough to read (`cueMinHoldMs`), only a more
 * important fault may replace it early, it clears after `cueShowMs`, and the
 * same fault is not cued again within `cueRepeatMs`. A rep that finishes with
 * no fault gets praise. Setup problems (no person, wrong view) are cued when
 * no fault or praise is due.
 */
import { neededForClean } from './faults';
import type { Thresholds } from './thresholds';
import { FAULT_IDS, type Cue, type FaultEvidence, type FaultId, type UnjudgedCheck } from './types';

/** Cue text per fault (our own words; the ideas are from FAULTS.md and the coaching articles). */
export const CUE_TEXT: Record<FaultId, string> = {
  'rounded-back': 'Keep your back long and your chest proud. Only go as low as you can with a flat back.',
  'bar-drift': 'Keep the weight close: let it slide down your legs.',
  'hips-back': 'Send your hips back first, as if shutting a door behind you with your glutes.',
  'hips-rise-first': 'Push the floor away and bring your chest up with your hips.',
  'hip-rotation': 'Keep both hip bones pointing at the floor; shorten the range if they open.',
  'weight-shift': 'Mid-foot pressure: keep the whole foot on the floor, heels down.',
  'lockout-lean': 'Finish tall by squeezing your glutes; no leaning back at the top.',
  'neck-extension': 'Keep your neck long: look at the floor a couple of metres ahead.',
  'locked-knees': 'Keep a soft bend in your knee; it does not need to be locked straight.',
  'fast-lowering': 'Lower under control: take about three seconds on the way down.',
  'lost-balance': 'Rest your back toes on the floor (kickstand) until you feel steady.',
};

/** The same cues in two to four words, for the set screen read from three metres away. */
export const CUE_SHORT: Record<FaultId, string> = {
  'rounded-back': 'Long flat back',
  'bar-drift': 'Weight close',
  'hips-back': 'Hips back first',
  'hips-rise-first': 'Chest up with hips',
  'hip-rotation': 'Hips square',
  'weight-shift': 'Mid-foot pressure',
  'lockout-lean': 'Finish tall',
  'neck-extension': 'Neck long',
  'locked-knees': 'Soft knee',
  'fast-lowering': 'Lower slowly',
  'lost-balance': 'Use the kickstand',
};

const PRAISE = ['Good rep: hips back, back long.', 'Clean rep, nice control.', 'That one looked solid. Keep it up.'];

/** Safety rank: lower = more important (FAULT_IDS is in the FAULTS.md safety order). */
export function safetyRank(id: FaultId): number {
  return FAULT_IDS.indexOf(id);
}

/** The most important active fault, or null. */
export function topFault(faults: readonly FaultEvidence[]): FaultId | null {
  let best: FaultId | null = null;
  for (const f of faults) {
    if (!f.active) continue;
    if (best === null || safetyRank(f.id) < safetyRank(best)) best = f.id;
  }
  return best;
}

export class CueManager {
  private current: Cue | null = null;
  private readonly lastCued = new Map<FaultId, number>();
  private pending: FaultId | null = null;
  private praiseDue = false;
  private unjudgedDue: string | null = null;
  /** the rep each due cue is about (a cue can wait behind another until the next rep has begun) */
  private pendingRep = 0;
  private praiseRep = 0;
  private unjudgedRep = 0;
  private praiseCount = 0;

  constructor(private readonly th: Pick<Thresholds, 'cueMinHoldMs' | 'cueShowMs' | 'cueRepeatMs'>) {}

  /** New verdicts for the rep in progress (at its bottom or lockout). */
  faultsSeen(evidence: readonly FaultEvidence[], t: number, rep = 0): void {
    const id = topFaultDue(evidence, this.lastCued, t, this.th.cueRepeatMs);
    if (id && (this.pending === null || safetyRank(id) < safetyRank(this.pending))) {
      this.pending = id;
      this.pendingRep = rep;
    }
  }

  /**
   * The rep's checks are complete: praise it when nothing was found and the
   * checks a clean verdict needs were judged; otherwise say what could not be
   * judged (a silent card would read as "that rep was fine").
   */
  repFinished(evidence: readonly FaultEvidence[], unjudged: readonly UnjudgedCheck[], _t: number, rep = 0): void {
    if (evidence.some((e) => e.active)) return;
    const missing = unjudged.find((u) => neededForClean(u.id));
    if (!missing) {
      this.praiseDue = true;
      this.praiseRep = rep;
    } else {
      this.unjudgedDue = missing.text;
      this.unjudgedRep = rep;
    }
  }

  update(_active: readonly FaultEvidence[], setup: readonly string[], t: number, _last: unknown): Cue | null {
    const cur = this.current;
    const held = cur !== null && t - cur.sinceMs < this.th.cueMinHoldMs;
    // a more important fault may take over a showing cue early; nothing else may
    if (this.pending && cur && cur.kind === 'fault' && cur.faultId && held && safetyRank(this.pending) < safetyRank(cur.faultId)) {
      return this.show(this.pending, t);
    }
    if (held) return cur;
    if (this.pending) return this.show(this.pending, t);
    if (this.praiseDue) {
      this.praiseDue = false;
      this.current = { faultId: null, text: PRAISE[this.praiseCount++ % PRAISE.length], kind: 'praise', sinceMs: t, rep: this.praiseRep };
      return this.current;
    }
    if (this.unjudgedDue) {
      this.current = { faultId: null, text: "Couldn't see that rep", detail: this.unjudgedDue, kind: 'unjudged', sinceMs: t, rep: this.unjudgedRep };
      this.unjudgedDue = null;
      return this.current;
    }
    if (cur && cur.kind !== 'setup' && t - cur.sinceMs < this.th.cueShowMs) return cur;
    if (setup.length) {
      if (cur && cur.kind === 'setup' && cur.text === setup[0]) return cur;
      this.current = { faultId: null, text: setup[0], kind: 'setup', sinceMs: t };
      return this.current;
    }
    this.current = null;
    return null;
  }

  private show(id: FaultId, t: number): Cue {
    this.pending = null;
    this.praiseDue = false;
    this.unjudgedDue = null;
    this.lastCued.set(id, t);
    this.current = { faultId: id, text: CUE_TEXT[id], kind: 'fault', sinceMs: t, rep: this.pendingRep };
    return this.current;
  }
}

function topFaultDue(evidence: readonly FaultEvidence[], lastCued: Map<FaultId, number>, t: number, repeatMs: number): FaultId | null {
  let best: FaultId | null = null;
  for (const f of evidence) {
    if (!f.active) continue;
    const last = lastCued.get(f.id);
    if (last !== undefined && t - last < repeatMs) continue;
    if (best === null || safetyRank(f.id) < safetyRank(best)) best = f.id;
  }
  return best;
}
