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
}

export interface SetControlOptions {
  /** standing still this long arms → starts the set */
  stillMs: number;
  /** below this speed counts as still */
  stillSpeed: number;
  /** out of frame this long pauses the set */
  awayMs: number;
  /** out of frame this long ends it (the lifter went to rest); the next still stand starts a new set */
  endMs: number;
}

export const DEFAULT_SET_CONTROL: SetControlOptions = { stillMs: 1500, stillSpeed: 0.08, awayMs: 2000, endMs: 15000 };

export class SetControl {
  state: SetState = 'setup';
  /** why the state last changed, for the screen and the screen reader */
  reason = 'Get into position: whole body in view, side-on to the camera.';
  private stillSince = NaN;
  private awaySince = NaN;
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
        if (awayFor >= this.opt.awayMs) {
          this.state = 'paused';
          this.reason = 'Paused: you left the frame. Step back into position to carry on.';
          this.stillSince = NaN;
        }
        break;
    }
    return this.state !== before ? this.state : null;
  }

  /** Start button / key: start now, skipping the still-standing wait. */
  start(): void {
    this.manualPause = false;
    this.state = 'active';
    this.reason = 'Set started.';
  }

  /** Pause button / key: pause until start is pressed (hands-free resume is off while paused by hand). */
  pause(): void {
    if (this.state !== 'active') return;
    this.manualPause = true;
    this.state = 'paused';
    this.reason = 'Paused. Press Start (or the space bar) to carry on.';
  }

  end(): void {
    this.state = 'ended';
    this.manualPause = false;
    this.stillSince = NaN;
    this.reason = 'Set finished. Stand still in position to start the next one.';
  }

  reset(): void {
    this.state = 'setup';
    this.manualPause = false;
    this.stillSince = NaN;
    this.awaySince = NaN;
    this.reason = 'Get into position: whole body in view, side-on to the camera.';
  }
}
