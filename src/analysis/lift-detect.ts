/**
 * Bilateral vs single-leg vs kickstand, and the working (stance) side, from
 * the feet (FAULTS.md): both feet planted = bilateral; one foot off the floor
 * = single-leg; the rear foot behind on its toes with the heel up = kickstand.
 * Frames are voted while bent over.
 *
 * - Foot up: the higher ankle above the other, beyond the planted baseline of
 *   the calibration (side-on the far foot looks higher in the image; the
 *   baseline is taken from the most level standing frames, so a single-leg
 *   lifter standing on one leg between reps does not hide the lift).
 * - Heel up: one foot's heel-to-toe height difference against the other
 *   foot's in the same frame (the flat stance foot is the perspective
 *   baseline; a kickstand lifter never stands with the rear foot flat, so a
 *   standing baseline would hide it).
 * - Behind (side views): the free foot is behind the stance foot; a far foot
 *   guessed level with the near one (hidden by the plates) is not.
 *
 * Deadlift vs RDL (both bilateral) is the soft call: a deadlift bends the
 * knees until the weight reaches the floor, so the hips drop a lot; an RDL
 * keeps the knees soft and moves the hips back, so they barely drop. The
 * median hip drop of the reps decides (`rdlMaxHipDrop`); a knee-dominant
 * ("squatted") RDL can look like a deadlift.
 */
import type { Features } from './features';
import type { Calibration, Lift, Side } from './types';

export interface LiftDetectParams {
  singleLegFootUpShin: number;
  kickstandHeelUpShin: number;
  /** side view: a foot this far behind the stance foot is the free leg held back (off the floor), foot lengths */
  singleLegBehindFoot: number;
  /** side view: the kickstand / free foot is at least this far behind the stance foot, foot lengths */
  kickstandBehindFoot: number;
}

export interface FootFrame {
  /** the higher ankle's height above the other beyond the planted baseline, shin lengths */
  footUp: number;
  /** the higher ankle's side */
  freeSide: Side;
  /** the larger heel raise (heel above toe) beyond the other foot's, shin lengths */
  heelUp: number;
  /** the side with the raised heel */
  heelSide: Side;
  /** the higher foot behind the other, foot lengths (NaN when the view cannot tell) */
  behind: number;
  /** the raised-heel foot behind the other, foot lengths (NaN when the view cannot tell) */
  heelBehind: number;
}

export function newFootFrame(): FootFrame {
  return { footUp: 0, freeSide: 'left', heelUp: 0, heelSide: 'left', behind: NaN, heelBehind: NaN };
}

/** Foot geometry of one frame against the standing calibration. */
export function footFrame(f: Features, cal: Calibration, out: FootFrame): FootFrame {
  const rel = f.ankleRY - f.ankleLY - (Number.isFinite(cal.ankleDy) ? cal.ankleDy : 0); // + = left ankle higher than planted
  const leftUp = rel > 0;
  out.freeSide = leftUp ? 'left' : 'right';
  out.footUp = Math.abs(rel) / cal.shin;
  const pd = f.toeLY - f.heelLY - (f.toeRY - f.heelRY); // + = left heel raised more than the right
  const leftHeel = pd > 0;
  out.heelSide = leftHeel ? 'left' : 'right';
  out.heelUp = Math.abs(pd) / cal.shin;
  const behindOf = (left: boolean) =>
    f.forward !== 0 ? (((left ? f.ankleRX - f.ankleLX : f.ankleLX - f.ankleRX) * f.forward * f.xScale) / cal.foot) : NaN;
  out.behind = behindOf(leftUp);
  out.heelBehind = behindOf(leftHeel);
  return out;
}

export type LiftClass = 'bilateral' | 'single' | 'kickstand';

/** Classify one bent-over frame (`sideView`: "behind" can be seen); returns the class and the free side. */
export function classifyFeet(ff: FootFrame, p: LiftDetectParams, sideView: boolean): LiftClass {
  const side = sideView && Number.isFinite(ff.behind);
  if (ff.footUp >= p.singleLegFootUpShin && (!side || ff.behind > p.kickstandBehindFoot)) return 'single';
  if (side && ff.behind > p.singleLegBehindFoot) return 'single';
  const kbehind = sideView && Number.isFinite(ff.heelBehind) ? ff.heelBehind > p.kickstandBehindFoot : true;
  if (ff.heelUp >= p.kickstandHeelUpShin && kbehind) return 'kickstand';
  return 'bilateral';
}

/** The free (non-working) side a frame's class points at. */
export function freeSideOf(ff: FootFrame, c: LiftClass): Side {
  return c === 'kickstand' ? ff.heelSide : ff.freeSide;
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
 * Deadlift (the knees bend until the weight reaches the floor: the hips drop)
 * vs RDL (soft knees, hips back: they barely drop), from the median hip drop
 * of the reps (1 - hip height at the bottom / standing).
 */
export function bilateralLiftFromHipDrop(hipDrop: number, rdlMaxHipDrop: number): Lift {
  return hipDrop > rdlMaxHipDrop ? 'deadlift' : 'rdl';
}

/** Deadlift vs RDL by the knee flexion at the bottom (legacy: the analyzer uses the hip drop, which any view can see). */
export function bilateralLiftFromKneeFlex(kneeFlexDeg: number): Lift {
  return kneeFlexDeg > 60 ? 'deadlift' : 'rdl';
}
