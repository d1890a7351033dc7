/**
 * Bilateral vs single-leg vs kickstand, and the working (stance) side, from
 * the feet (FAULTS.md): both feet planted = bilateral; one foot off the floor
 * = single-leg; the rear foot behind on its toes with the heel up = kickstand.
 * Heights are taken relative to the standing calibration (side-on, the far
 * foot looks higher in the image). Frames are voted while bent over (a
 * single-leg lifter often stands on both feet between reps).
 */
import type { Features } from './features';
import type { Calibration, Lift, Side } from './types';

export interface LiftDetectParams {
  singleLegFootUpShin: number;
  kickstandHeelUpShin: number;
}

export interface FootFrame {
  /** free-foot (higher ankle) height above the stance ankle beyond standing, shin lengths */
  footUp: number;
  /** the higher ankle's side */
  freeSide: Side;
  /** free heel raised above its toe beyond standing, shin lengths */
  heelUp: number;
  /** free foot behind the stance foot, foot lengths (NaN when the view cannot tell) */
  behind: number;
}

/** Foot geometry of one frame against the standing calibration. */
export function footFrame(f: Features, cal: Calibration, out: FootFrame): FootFrame {
  const rel = f.ankleRY - f.ankleLY - cal.ankleDy; // + = left ankle higher than when standing
  const leftFree = rel > 0;
  out.freeSide = leftFree ? 'left' : 'right';
  out.footUp = Math.abs(rel) / cal.shin;
  out.heelUp = leftFree ? (f.toeLY - f.heelLY - cal.heelUpLeft) / cal.shin : (f.toeRY - f.heelRY - cal.heelUpRight) / cal.shin;
  const freeX = leftFree ? f.ankleLX : f.ankleRX;
  const stanceX = leftFree ? f.ankleRX : f.ankleLX;
  out.behind = f.forward !== 0 ? ((stanceX - freeX) * f.forward * f.xScale) / cal.foot : NaN;
  return out;
}

export type LiftClass = 'bilateral' | 'single' | 'kickstand';

/** Classify one bent-over frame. `sideView`: "behind" can be seen. */
export function classifyFeet(ff: FootFrame, p: LiftDetectParams, sideView: boolean): LiftClass {
  if (ff.footUp >= p.singleLegFootUpShin) return 'single';
  const behind = sideView && Number.isFinite(ff.behind) ? ff.behind > 0.6 : true;
  if (ff.heelUp >= p.kickstandHeelUpShin && behind) return 'kickstand';
  return 'bilateral';
}

export class LiftDetector {
  private votes = { bilateral: 0, single: 0, kickstand: 0 };
  private sideVotes = { left: 0, right: 0 };

  reset(): void {
    this.votes = { bilateral: 0, single: 0, kickstand: 0 };
    this.sideVotes = { left: 0, right: 0 };
  }

  get total(): number {
    return this.votes.bilateral + this.votes.single + this.votes.kickstand;
  }

  vote(c: LiftClass, freeSide: Side): void {
    this.votes[c]++;
    // the working side is the stance leg, opposite the free one
    if (c !== 'bilateral') this.sideVotes[freeSide === 'left' ? 'right' : 'left']++;
  }

  /** Current verdict; `bilateralLift` names the bilateral lift (deadlift vs rdl) decided elsewhere. */
  verdict(bilateralLift: Lift): { lift: Lift; side: Side | null } {
    const v = this.votes;
    let lift: Lift = bilateralLift;
    const n = v.bilateral + v.single + v.kickstand;
    // a clear share is needed: a bilateral lifter shifting weight must not flip it
    if (n > 0 && (v.single + v.kickstand) / n > 0.5) lift = v.kickstand > v.single ? 'kickstand-rdl' : 'sl-rdl';
    const side: Side | null = lift === 'sl-rdl' || lift === 'kickstand-rdl' ? (this.sideVotes.left >= this.sideVotes.right ? 'left' : 'right') : null;
    return { lift, side };
  }
}

/**
 * Deadlift (from the floor, knees bend a lot) vs RDL (from standing, soft
 * knees): the knee flexion at the bottom of the first rep decides.
 */
export function bilateralLiftFromKneeFlex(kneeFlexDeg: number): Lift {
  return kneeFlexDeg > 60 ? 'deadlift' : 'rdl';
}
