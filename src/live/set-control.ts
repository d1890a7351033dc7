/**
 * Hands-free set control. The lifter props the phone up, steps back and
 * trains: the set starts once they stand still in position, pauses when they
 * leave the frame, and resumes when they are back in position. Keyboard and
 * on-screen buttons drive the same machine.
 */

export type SetState = 'setup' | 'arming' | 'active' | 'paused' | 'ended';

export interface Presence {
  /** a person is tracked */
  person: boolean;
  /** head to feet inside the frame, one person only, the view can support the lift's checks */
  inPosition: boolean;
  /** body nearly motionless (normalised units per second of the hips and shoulders) */
  speed: number;
  /** reps counted so far in this set (0 outside a set) */
  reps?: number;
  /** standing tall with no rep under way (the analyzer's top/lockout phase) */
  standing?: boolean;
}

/**
 * Standing at the top this long after a rep ends the set. Inside a set the
 * pauses between reps are a breath or a reset: a few seconds, rarely over 5.
 * A rest between sets is 1–5 minutes, and a lifter who has stood for 10 s
 * after a rep has finished the set (they are chalking, racking, walking off).
 * 10 s is twice the longest normal inter-rep pause, and shorter than the 12 s
 * stand-still of issue 16's looped test that used to stay one 208-rep set.
 */
export const REST_ENDS_SET_MS = 10_000;

export interface SetControlOptions {
  /** standing still this long arms → starts the set */
  stillMs: number;
  /** below this speed counts as still */
  stillSpeed: number;
  /** out of frame this long pauses the set */
  awayMs: number;
  /** out of frame this long ends it (the lifter went to rest); the next still stand starts a new set */
  endMs: number;
  /** standing at the top this long after at least one rep ends it (see REST_ENDS_SET_MS) */
  restMs: number;
}

export const DEFAULT_SET_CONTROL: SetControlOptions = { stillMs: 1500, stillSpeed: 0.08, awayMs: 2000, endMs: 15000, restMs: REST_ENDS_SET_MS };

export class SetControl {
  state: SetState = 'setup';
  /** why the state last changed, for the screen and the screen reader */
  reason = 'Get into position: whole body in view, side-on to the camera.';
  private stillSince = NaN;
  private awaySince = NaN;
  /** since when the lifter has stood at the top after a rep, with no new rep begun */
  private restSince = NaN;
  private manualPause = false;

  constructor(private readonly opt: SetControlOptions = DEFAULT_SET_CONTROL) {}

  /** Feeds one frame; returns the state change, if any. */
  update(t: number, p: Presence): SetState | null {
    const before = this.state;
    if (p.person) this.awaySince = NaN;
    else if (Number.isNaN(this.awaySince)) this.awaySince = t;
    const awayFor = p.person ? 0 : t - this.awaySince;
    switch (this.state) {
      case 'setup':
      case 'arming':
      case 'paused':
      case 'ended':
        if (this.state === 'paused' && awayFor >= this.opt.endMs) {
          this.state = 'ended';
          this.reason = 'Set finished. Stand still in position to start the next one.';
          break;
        }
        if (this.manualPause) break;
        if (p.person && p.inPosition && p.speed < this.opt.stillSpeed) {
          if (Number.isNaN(this.stillSince)) this.stillSince = t;
          if (this.state === 'setup' || this.state === 'ended') this.state = 'arming';
          if (t - this.stillSince >= this.opt.stillMs) {
            this.state = 'active';
            this.reason = before === 'paused' ? 'Welcome back: set resumed.' : 'Set started. Lift when ready.';
          } else if (before !== 'arming') {
            this.reason = 'Hold still…';
          }
        } else {
          this.stillSince = NaN;
          if (this.state === 'arming') {
            this.state = 'setup';
            this.reason = 'Get into position: whole body in view, side-on to the camera.';
          }
        }
        break;
      case 'active':
        // Only after a rep: standing still before the first one is getting ready, not resting.
        if (p.person && p.standing && (p.reps ?? 0) > 0) {
          if (Number.isNaN(this.restSince)) this.restSince = t;
        } else if (p.person) {
          this.restSince = NaN;
        }
        if (t - this.restSince >= this.opt.restMs) {
          this.state = 'ended';
          this.stillSince = NaN;
          this.restSince = NaN;
          this.reason = `Set finished: you rested ${Math.round(this.opt.restMs / 1000)} s after the last rep. Stand still in position to start the next one.`;
          break;
        }
        if (awayFor >= this.opt.awayMs) {
          this.state = 'paused';
          this.reason = 'Paused: you left the frame. Step back into position to carry on.';
          this.stillSince = NaN;
          // Away is its own clock (endMs): the rest starts over when they are back.
          this.restSince = NaN;
        }
        break;
    }
    return this.state !== before ? this.state : null;
  }

  /** Start button / key: start now, skipping the still-standing wait. */
  start(): void {
    this.manualPause = false;
    this.restSince = NaN;
    this.state = 'active';
    this.reason = 'Set started.';
  }

  /** Pause button / key: pause until start is pressed (hands-free resume is off while paused by hand). */
  pause(): void {
    if (this.state !== 'active') return;
    this.manualPause = true;
    this.restSince = NaN;
    this.state = 'paused';
    this.reason = 'Paused. Press Start (or the space bar) to carry on.';
  }

  end(): void {
    this.state = 'ended';
    this.manualPause = false;
    this.stillSince = NaN;
    this.restSince = NaN;
    this.reason = 'Set finished. Stand still in position to start the next one.';
  }

  reset(): void {
    this.state = 'setup';
    this.manualPause = false;
    this.stillSince = NaN;
    this.awaySince = NaN;
    this.restSince = NaN;
    this.reason = 'Get into position: whole body in view, side-on to the camera.';
  }
}
