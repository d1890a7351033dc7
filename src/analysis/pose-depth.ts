/**
 * How deep a body with these angles stands, from its own segment lengths:
 * the shin, thigh and trunk stacked at their inclinations (sagittal plane).
 * A rep whose measured drop in shoulder height disagrees with what its
 * angles allow was not one body moving in one picture (a zoom, a cut, the
 * landmarks jumping to someone else) and is not judged.
 */
export interface Segments {
  trunk: number;
  thigh: number;
  shin: number;
}

/**
 * Typical adult proportions, for a lifter not yet calibrated: joint heights as
 * fractions of body height from Winter, Biomechanics and Motor Control of Human
 * Movement (4th ed., 2009, Fig. 4.1): ankle 0.039, knee 0.285, hip 0.530, shoulder 0.818.
 */
export const TYPICAL_SEGMENTS: Segments = { shin: 0.285 - 0.039, thigh: 0.53 - 0.285, trunk: 0.818 - 0.53 };

const rad = (d: number) => (d * Math.PI) / 180;

/**
 * Depth (1 − shoulder height over its standing value) implied by the trunk
 * inclination from vertical, the knee angle (180 = straight) and the shin
 * inclination from vertical (+ = knee ahead of the ankle), all in degrees.
 */
export function depthFromAngles(trunkDeg: number, kneeDeg: number, shinDeg: number, s: Segments): number {
  const thighDeg = 180 - kneeDeg - shinDeg;
  const up = s.shin * Math.cos(rad(shinDeg)) + s.thigh * Math.cos(rad(thighDeg)) + s.trunk * Math.cos(rad(trunkDeg));
  const total = s.shin + s.thigh + s.trunk;
  return total > 0 ? 1 - up / total : NaN;
}
