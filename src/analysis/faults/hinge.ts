/**
 * The hinge itself: `hips-back` (squatting the hinge: the knees do the work
 * instead of the hips moving back) and `locked-knees` (a stance knee locked
 * straight in an RDL).
 */
import type { FaultCheck } from './types';
import { makeEvidence } from './evidence';

/**
 * Deadlift: hip flexion over knee flexion at the bottom. A knee-dominant pull
 * bends the knees more than the hips (ratio < 1); a hinge does the opposite.
 * Proportions: a lifter with short thighs for their trunk sits more upright in
 * a good pull, so the threshold relaxes with the calibrated thigh/trunk ratio
 * (long femurs only make the ratio larger, never a false flag).
 * RDL family: the knees should stay soft with near-vertical shins; a shin
 * tilted well forward at the bottom means the knees travelled instead.
 */
export const hipsBack: FaultCheck = {
  id: 'hips-back',
  stage: 'bottom',
  lifts: ['deadlift', 'rdl', 'sl-rdl', 'kickstand-rdl'],
  evaluate(m, ctx) {
    const th = ctx.thresholds;
    const vis = Math.min(m.visTrunk, m.visLeg);
    if (ctx.lift === 'deadlift') {
      const cal = ctx.calibration;
      const prop = cal ? Math.min(1, cal.thigh / cal.trunk / th.hipsBackRefThighTrunk) : 1;
      const thr = th.hipsBackMinRatio * Math.max(0.75, prop);
      const judged = m.kneeFlexBottom >= th.hipsBackMinKneeFlexDeg;
      return makeEvidence(
        { id: 'hips-back', value: m.hingeRatio, threshold: thr, unit: 'hip/knee flexion ratio', past: judged && m.hingeRatio < thr, base: 0.9, visibility: vis, scale: 0.3 },
        ctx,
      );
    }
    return makeEvidence(
      { id: 'hips-back', value: m.shinBottom, threshold: th.hipsBackRdlShinDeg, unit: 'deg shin tilt', past: m.shinBottom > th.hipsBackRdlShinDeg, base: 0.85, visibility: vis, scale: 8 },
      ctx,
    );
  },
};

export const lockedKnees: FaultCheck = {
  id: 'locked-knees',
  stage: 'bottom',
  lifts: ['rdl', 'sl-rdl'],
  evaluate(m, ctx) {
    const th = ctx.thresholds;
    // single-leg lifts: the stance knee from the world landmarks when the frames carry them (side-on it is
    // often the far knee, hidden behind the free leg, and its image angle reads straighter than it is)
    const knee = ctx.lift !== 'rdl' && Number.isFinite(m.kneeBottomWorld) ? m.kneeBottomWorld : m.kneeBottom;
    return makeEvidence(
      { id: 'locked-knees', value: knee, threshold: th.lockedKneeDeg, unit: 'deg knee angle', past: knee > th.lockedKneeDeg, base: 0.8, visibility: m.visLeg, scale: 5 },
      ctx,
    );
  },
};
