/**
 * Rep phase machine on the depth signal (0 standing .. ~0.5 at a deadlift
 * bottom: the fraction of standing shoulder height lost).
 *
 * top/lockout → lowering (depth passes `enterDepth`) → bottom (slow near the
 * deepest point) → rising (depth back up by `riseDelta` from the deepest
 * point) → lockout (depth under `exitFraction` of the rep's depth). Hysteresis
 * on every edge keeps jitter and pauses from double counting; a descent that
 * never reaches `minRepDepth` is a partial and is not counted. A recording
 * that starts bent over (a deadlift set up at the floor, or a clip cut
 * mid-descent) opens with a rep whose start was cut off (`openedBent`).
 */
import type { Phase } from './types';

export interface RepParams {
  /** depth at which a descent starts (fraction of standing height) */
  enterDepth: number;
  /** deepest point a descent must reach to count as a rep */
  minRepDepth: number;
  /** rising is confirmed once depth is this far above the deepest point (and ≥ 10% of it) */
  riseDelta: number;
  /** lockout once depth falls under this fraction of the rep's deepest point (and under 2× enterDepth) */
  exitFraction: number;
  /** depth speed under which the lifter is "at the bottom", standing heights per second */
  bottomSpeed: number;
  /** a frame gap longer than this during a rise may hide the lockout, ms */
  gapMs: number;
}

export const RepEvent = {
  None: 0,
  /** a descent began (startT is set) */
  Start: 1,
  /** the bottom is behind: rising confirmed (bottomT, peak are set) */
  Bottom: 2,
  /** the rep finished at lockout */
  Lockout: 3,
  /** a descent came back up without reaching minRepDepth */
  Partial: 4,
} as const;
export type RepEvent = (typeof RepEvent)[keyof typeof RepEvent];

export class RepMachine {
  phase: Phase = 'unknown';
  /** counted (finished) reps */
  count = 0;
  startT = NaN;
  bottomT = NaN;
  /** time rising was confirmed */
  riseT = NaN;
  peak = 0;
  /** the first thing seen was a lifter bent over: the first rep's start was cut off */
  openedBent = false;
  private lastTopT = NaN;
  /** shallowest depth since the last lockout: a new descent must go clearly below it (re-arm) */
  private minSinceTop = Infinity;
  private lastD = NaN;
  private lastT = NaN;
  private vel = 0;

  constructor(private readonly p: RepParams) {}

  reset(): void {
    this.phase = 'unknown';
    this.startT = NaN;
    this.bottomT = NaN;
    this.riseT = NaN;
    this.peak = 0;
    this.openedBent = false;
    this.lastTopT = NaN;
    this.minSinceTop = Infinity;
    this.lastD = NaN;
    this.lastT = NaN;
    this.vel = 0;
  }

  /** Depth speed (standing heights per second, + = going down), lightly smoothed. */
  get speed(): number {
    return this.vel;
  }

  /** True while a rep has started and not finished. */
  get inRep(): boolean {
    return this.phase === 'lowering' || this.phase === 'bottom' || this.phase === 'rising';
  }

  update(t: number, d: number): RepEvent {
    if (!Number.isFinite(d)) return RepEvent.None;
    // the person vanished for a while mid-rise (blur, occlusion) and came back: if the rise was well
    // under way, the lockout happened unseen
    if (this.phase === 'rising' && t - this.lastT > this.p.gapMs && this.lastD < 0.6 * this.peak) {
      this.phase = 'unknown';
      this.lastTopT = this.lastT;
      this.minSinceTop = this.lastD;
      this.lastD = NaN;
      this.count++;
      return RepEvent.Lockout;
    }
    if (Number.isFinite(this.lastD) && t > this.lastT) {
      const v = ((d - this.lastD) * 1000) / (t - this.lastT);
      this.vel = this.vel * 0.7 + v * 0.3;
    }
    this.lastD = d;
    this.lastT = t;
    const p = this.p;
    switch (this.phase) {
      case 'unknown':
        if (d < p.enterDepth) {
          this.phase = this.count > 0 ? 'lockout' : 'top';
          this.lastTopT = t;
          this.minSinceTop = d;
        } else if (d >= p.minRepDepth) {
          // first sight of the lifter is bent over: a rep whose start we missed
          this.phase = 'bottom';
          this.openedBent = this.count === 0;
          this.startT = t;
          this.bottomT = t;
          this.peak = d;
          return RepEvent.Start;
        }
        return RepEvent.None;
      case 'top':
      case 'lockout':
        if (d < this.minSinceTop) this.minSinceTop = d;
        // a lifter who never quite stands between reps still re-arms once the depth turns down again
        if (d < p.enterDepth || d < this.minSinceTop + p.enterDepth * 0.5) {
          if (d <= this.minSinceTop + 0.01) this.lastTopT = t;
          return RepEvent.None;
        }
        this.phase = 'lowering';
        this.startT = Number.isFinite(this.lastTopT) ? this.lastTopT : t;
        this.peak = d;
        this.bottomT = t;
        return RepEvent.Start;
      case 'lowering':
      case 'bottom': {
        if (d > this.peak) {
          this.peak = d;
          this.bottomT = t;
        }
        if (this.peak >= p.minRepDepth && d < this.peak - Math.max(p.riseDelta, 0.1 * this.peak)) {
          this.phase = 'rising';
          this.riseT = t;
          return RepEvent.Bottom;
        }
        if (d < p.enterDepth * 0.75) {
          // came back up without enough depth: a partial, not a rep
          this.phase = this.count > 0 ? 'lockout' : 'top';
          this.lastTopT = t;
          this.minSinceTop = d;
          return RepEvent.Partial;
        }
        // once at the bottom, stay there until the rise is confirmed (no phase flicker); going clearly deeper is lowering again
        if (this.phase === 'bottom') {
          if (this.vel > p.bottomSpeed * 2 && d >= this.peak) this.phase = 'lowering';
        } else if (this.peak >= p.minRepDepth && Math.abs(this.vel) < p.bottomSpeed && d > this.peak - p.riseDelta) {
          this.phase = 'bottom';
        }
        return RepEvent.None;
      }
      case 'rising': {
        if (d > this.peak) {
          // went back down past the deepest point (a bounce or a re-set): still the same rep
          this.peak = d;
          this.bottomT = t;
          this.phase = 'bottom';
          return RepEvent.None;
        }
        if (d < Math.max(p.enterDepth, Math.min(p.enterDepth * 2, this.peak * p.exitFraction))) {
          this.phase = 'lockout';
          this.lastTopT = t;
          this.minSinceTop = d;
          this.count++;
          return RepEvent.Lockout;
        }
        return RepEvent.None;
      }
    }
  }

  /** Interrupt (the person left): an unfinished rep is dropped from the machine; the caller decides what it was. */
  interrupt(): void {
    this.phase = 'unknown';
    this.lastD = NaN;
    this.vel = 0;
  }
}
