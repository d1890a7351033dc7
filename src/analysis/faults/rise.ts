/**
 * The way up: `hips-rise-first` (the hips shoot up while the chest stays down)
 * and `lockout-lean` (leaning back at the top instead of finishing with the
 * glutes).
 */
import type { FaultCheck } from './types';
import { makeEvidence, unjudged } from './evidence';

/**
 * Rise sync: the shoulders' share of their own rise at the moment the hips
 * have done half of theirs (1 = together, 0 = hips first). Heights only, so
 * it holds in any view that shows the whole body.
 */
export const hipsRiseFirst: FaultCheck = {
  id: 'hips-rise-first',
  stage: 'rise',
  lifts: ['deadlift'],
  evaluate(m, ctx) {
    const th = ctx.thresholds;
    return makeEvidence(
      { id: 'hips-rise-first', value: m.riseSync, threshold: th.hipsRiseSync, unit: 'shoulder/hip rise share', past: m.riseSync < th.hipsRiseSync, base: 0.85, visibility: m.visTrunk, scale: 0.25, missing: { reason: 'cut-off', text: 'The way up from the bottom was not seen.' } },
      ctx,
    );
  },
};

/** Trunk behind the lifter's own standing posture at lockout (calibrated, so a natural stance is not a fault). */
export const lockoutLean: FaultCheck = {
  id: 'lockout-lean',
  stage: 'lockout',
  lifts: ['deadlift', 'rdl'],
  evaluate(m, ctx) {
    const th = ctx.thresholds;
    if (!ctx.calibration || !Number.isFinite(ctx.calibration.standTrunk)) {
      return unjudged('lockout-lean', 'no-calibration', 'No standing frames to compare the lockout with.');
    }
    const lean = ctx.calibration.standTrunk - m.lockoutTrunkMin;
    return makeEvidence(
      { id: 'lockout-lean', value: lean, threshold: th.lockoutLeanDeg, unit: 'deg behind standing', past: lean > th.lockoutLeanDeg, base: 0.8, visibility: m.visTrunk, scale: 8, missing: { reason: 'cut-off', text: 'The recording ended before the lockout could be seen.' } },
      ctx,
    );
  },
};
