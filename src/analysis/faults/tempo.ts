/**
 * `fast-lowering`: the descent shorter than the lift's minimum (dropping, not
 * lowering). Only a lowering that was seen is timed: one that went by in
 * fewer than MIN_LOWERING_FRAMES frames is a drop after a pull, a cut in the
 * video or a landmark jump, and is left unjudged.
 */
import type { FaultCheck } from './types';
import { makeEvidence, unjudged } from './evidence';

export const MIN_LOWERING_FRAMES = 4;

export const fastLowering: FaultCheck = {
  id: 'fast-lowering',
  stage: 'bottom',
  lifts: ['deadlift', 'rdl', 'sl-rdl', 'kickstand-rdl'],
  evaluate(m, ctx) {
    const min = ctx.thresholds.minLoweringMs[ctx.lift];
    if (Number.isFinite(m.loweringMs) && m.loweringFrames < MIN_LOWERING_FRAMES) {
      return unjudged('fast-lowering', 'not-seen', 'The lowering went by in too few frames to time it.');
    }
    return makeEvidence(
      { id: 'fast-lowering', value: m.loweringMs, threshold: min, unit: 'ms lowering', past: m.loweringMs < min, base: 0.9, visibility: m.visTrunk, scale: min * 0.5, missing: { reason: 'cut-off', text: 'The lowering was not in the recording.' } },
      ctx,
    );
  },
};
