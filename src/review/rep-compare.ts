/**
 * Two reps side by side, synchronised by phase rather than clock time: the
 * lowering of one lines up with the lowering of the other, bottom with
 * bottom, however long each took. Phase u runs 0→1 over the lowering
 * (start→bottom) and 1→2 over the rise (bottom→end).
 */
export interface RepSpan {
  startMs: number;
  bottomMs: number;
  endMs: number;
}

export const PHASE_END = 2;

export function timeAtPhase(rep: RepSpan, u: number): number {
  const v = Math.max(0, Math.min(PHASE_END, u));
  if (v <= 1) return rep.startMs + v * (rep.bottomMs - rep.startMs);
  return rep.bottomMs + (v - 1) * (rep.endMs - rep.bottomMs);
}

export function phaseAtTime(rep: RepSpan, t: number): number {
  if (t <= rep.startMs) return 0;
  if (t >= rep.endMs) return PHASE_END;
  if (t <= rep.bottomMs) {
    const d = rep.bottomMs - rep.startMs;
    return d > 0 ? (t - rep.startMs) / d : 1;
  }
  const d = rep.endMs - rep.bottomMs;
  return d > 0 ? 1 + (t - rep.bottomMs) / d : PHASE_END;
}

/** Where rep `b` is when rep `a` is at time `tA`. */
export function alignedTime(a: RepSpan, b: RepSpan, tA: number): number {
  return timeAtPhase(b, phaseAtTime(a, tA));
}

export function phaseLabel(u: number): string {
  if (u <= 0) return 'start';
  if (u < 1) return `lowering ${Math.round(u * 100)}%`;
  if (u === 1) return 'bottom';
  if (u < PHASE_END) return `rising ${Math.round((u - 1) * 100)}%`;
  return 'lockout';
}

/**
 * Advances the shared phase by `dtMs` of playback, at the pace of rep `a`
 * (so rep `a` plays in real time and rep `b` is stretched to match).
 */
export function advancePhase(a: RepSpan, u: number, dtMs: number, rate = 1): number {
  const t = timeAtPhase(a, u) + dtMs * rate;
  return phaseAtTime(a, t);
}
