/**
 * The way up: `hips-rise-first` (the hips shoot up while the chest stays down)
 * and `lockout-lean` (leaning back at the top instead of finishing with the
 * glutes).
 */
import type { FaultCheck } from './types';
import { makeEvidence } from './evidence';

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
      { id: 'hips-rise-first', value: m.riseSync, threshold: th.hipsRiseSync, unit: 'shoulder/hip rise share', past: m.riseSync < th.hipsRiseSync, base: 0.85, visibility: m.visTrunk, scale: 0.25 },
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
    const ref = ctx.calibration && Number.isFinite(ctx.calibration.standTrunk) ? ctx.calibration.standTrunk : 0;
    const lean = ref - m.lockoutTrunkMin;
    return makeEvidence(
      { id: 'lockout-lean', value: lean, threshold: th.lockoutLeanDeg, unit: 'deg behind standing', past: lean > th.lockoutLeanDeg, base: 0.8, visibility: m.visTrunk, scale: 8 },
      ctx,
    );
  },
};
