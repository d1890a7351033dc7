/** `fast-lowering`: the descent shorter than the lift's minimum (dropping, not lowering). */
import type { FaultCheck } from './types';
import { makeEvidence } from './evidence';

export const fastLowering: FaultCheck = {
  id: 'fast-lowering',
  stage: 'bottom',
  lifts: ['deadlift', 'rdl', 'sl-rdl', 'kickstand-rdl'],
  evaluate(m, ctx) {
    const min = ctx.thresholds.minLoweringMs[ctx.lift];
    return makeEvidence(
      { id: 'fast-lowering', value: m.loweringMs, threshold: min, unit: 'ms lowering', past: m.loweringMs < min, base: 0.9, visibility: m.visTrunk, scale: min * 0.5 },
      ctx,
    );
  },
};
