/**
 * The planted foot's pitch against its own standing pitch, in degrees:
 * + = heel up (weight tipping onto the toes), − = toes up (rocking back onto
 * the heels). Side-on the heel and toe landmarks of a flat foot are not level
 * in the image (the model places them on the shoe, the camera sits above or
 * below the floor), so each foot is measured against the toe-minus-heel height
 * it had while the lifter stood calibrating (FAULTS.md: "calibrate on the
 * lifter's own standing frames").
 */
import type { Side } from './types';

export interface FootPoints {
  heelLY: number;
  toeLY: number;
  heelRY: number;
  toeRY: number;
  /** visibility of each foot's heel and toe (min of the two) */
  visL: number;
  visR: number;
}

/** Pitch of one foot, deg: `toeY − heelY` now against `standing`, over the foot length (frame-height units). */
export function footPitchDeg(toeY: number, heelY: number, standing: number, foot: number): number {
  if (!(foot > 0) || !Number.isFinite(standing)) return NaN;
  const s = (toeY - heelY - standing) / foot;
  return (Math.asin(Math.max(-1, Math.min(1, s))) * 180) / Math.PI;
}

/**
 * The planted foot's pitch: for a single-leg lift the stance foot; otherwise
 * both feet weighted by how well each is seen (side-on the far foot is often
 * hidden). NaN when neither foot is seen well enough (visibility < `minVis`).
 */
export function plantedFootPitch(
  p: FootPoints,
  base: { heelUpLeft: number; heelUpRight: number; foot: number },
  stance: Side | null,
  minVis: number,
): number {
  const l = p.visL >= minVis ? footPitchDeg(p.toeLY, p.heelLY, base.heelUpLeft, base.foot) : NaN;
  const r = p.visR >= minVis ? footPitchDeg(p.toeRY, p.heelRY, base.heelUpRight, base.foot) : NaN;
  if (stance === 'left') return l;
  if (stance === 'right') return r;
  if (Number.isFinite(l) && Number.isFinite(r)) return (l * p.visL + r * p.visR) / (p.visL + p.visR);
  return Number.isFinite(l) ? l : r;
}
