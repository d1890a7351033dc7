/**
 * `bar-drift`: the bar (visibility-weighted wrist mid-point) floating forward,
 * away from the legs and off mid-foot. A good bar path is about vertical, so
 * the bar at the bottom is compared with where it hung when the lifter stood
 * upright (before the descent and after lockout, the more forward of the two);
 * the implement's grip and the feet's landmark bias (hidden behind the plates
 * at the floor) cancel out. A pull that opened the recording at the floor is
 * measured on the way up from the floor. In the lifter's foot lengths; judged
 * side-on only (turned, part of the distance is depth), once the frames after
 * lockout are in.
 */
import type { FaultCheck } from './types';
import { makeEvidence } from './evidence';

export const barDrift: FaultCheck = {
  id: 'bar-drift',
  stage: 'lockout',
  lifts: ['deadlift', 'rdl'],
  evaluate(m, ctx) {
    const th = ctx.thresholds;
    return makeEvidence(
      { id: 'bar-drift', value: m.barDrift, threshold: th.barDriftFootLengths, unit: 'foot lengths', past: m.barDrift > th.barDriftFootLengths, base: 0.75, visibility: m.visWrist, scale: 0.5, missing: ctx.calibration ? { reason: 'not-seen', text: 'The bar was not seen hanging before or after the rep.' } : { reason: 'no-calibration', text: 'No standing frames to measure the foot length.' } },
      ctx,
    );
  },
};
