/**
 * Single-leg lifts: `hip-rotation` (the free side of the pelvis opening up)
 * and `lost-balance` (the free foot touching down or the stance foot moving).
 */
import type { FaultCheck } from './types';
import { makeEvidence, unjudged } from './evidence';

/**
 * Pelvis tilt, free side up, at the bottom (median of the bottom window):
 * degrees of the hip line (front/back view) or, side-on, the asin of the hips'
 * vertical separation over a typical hip width.
 */
export const hipRotation: FaultCheck = {
  id: 'hip-rotation',
  stage: 'bottom',
  lifts: ['sl-rdl', 'kickstand-rdl'],
  evaluate(m, ctx) {
    const th = ctx.thresholds;
    return makeEvidence(
      { id: 'hip-rotation', value: m.hipTilt, threshold: th.hipRotationDeg, unit: 'deg pelvis tilt', past: m.hipTilt > th.hipRotationDeg, base: 0.8, visibility: m.visTrunk, scale: 8 },
      ctx,
    );
  },
};

export const lostBalance: FaultCheck = {
  id: 'lost-balance',
  stage: 'rise',
  lifts: ['sl-rdl'],
  evaluate(m, ctx) {
    const th = ctx.thresholds;
    // the free foot touching down (its lowest point level with the stance foot's), or the stance
    // foot shifting: whichever is worse, in threshold units (1 = at the threshold)
    const foot = Number.isFinite(m.freeToeMin) ? th.balanceFootDownShin / Math.max(m.freeToeMin, 0.01) : 0;
    const shift = Number.isFinite(m.stanceShift) ? m.stanceShift / th.balanceStanceShiftFoot : 0;
    const score = Math.max(foot, shift);
    if (!Number.isFinite(m.freeToeMin) && !Number.isFinite(m.stanceShift)) return unjudged('lost-balance', 'visibility', 'Your feet were not clearly in view.');
    return makeEvidence({ id: 'lost-balance', value: score, threshold: 1, unit: 'score (1 = foot down or stance shift at threshold)', past: score > 1, base: 0.75, visibility: m.visLeg, scale: 0.5 }, ctx);
  },
};
