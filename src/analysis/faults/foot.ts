/**
 * `weight-shift`: the weight rolling off mid-foot, seen as the planted foot's
 * heel (or toes) leaving the floor: the foot's pitch against its own standing
 * pitch (foot-pitch.ts), the larger excursion while bent over. Needs the
 * standing calibration (without it a flat foot's image pitch is unknown).
 */
import type { FaultCheck } from './types';
import { makeEvidence, unjudged } from './evidence';

export const weightShift: FaultCheck = {
  id: 'weight-shift',
  stage: 'rise',
  lifts: ['deadlift', 'rdl', 'sl-rdl', 'kickstand-rdl'],
  evaluate(m, ctx) {
    const th = ctx.thresholds;
    if (!ctx.calibration) return unjudged('weight-shift', 'no-calibration', 'No standing frames to learn how your feet rest flat.');
    const v = Math.abs(m.footPitch);
    return makeEvidence(
      {
        id: 'weight-shift',
        value: v,
        threshold: th.weightShiftFootDeg,
        unit: m.footPitch < 0 ? 'deg toes up' : 'deg heel up',
        past: v > th.weightShiftFootDeg,
        base: 0.7,
        visibility: m.visFeet,
        scale: 8,
        missing: { reason: 'visibility', text: 'Your feet were not clearly in view.' },
      },
      ctx,
    );
  },
};
