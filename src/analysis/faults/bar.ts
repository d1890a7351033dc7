/**
 * `bar-drift`: the bar (wrist mid-point) floating forward, off mid-foot, while
 * bent over. Measured against where the bar hung at lockout, so the
 * implement's grip and the landmark bias of the feet cancel out; in the
 * lifter's foot lengths.
 */
import type { FaultCheck } from './types';
import { makeEvidence } from './evidence';

export const barDrift: FaultCheck = {
  id: 'bar-drift',
  stage: 'rise',
  lifts: ['deadlift', 'rdl'],
  evaluate(m, ctx) {
    const th = ctx.thresholds;
    return makeEvidence(
      { id: 'bar-drift', value: m.barDrift, threshold: th.barDriftFootLengths, unit: 'foot lengths', past: m.barDrift > th.barDriftFootLengths, base: 0.75, visibility: m.visWrist, scale: 0.5 },
      ctx,
    );
  },
};
