import type { RepMetrics } from '../rep-metrics';
import type { FaultEvidence } from '../types';
import type { FaultCheck, FaultContext, FaultStage } from './types';
import { roundedBack, neckExtension } from './back';
import { barDrift } from './bar';
import { hipsBack, lockedKnees } from './hinge';
import { hipsRiseFirst, lockoutLean } from './rise';
import { hipRotation, lostBalance } from './single-leg';
import { fastLowering } from './tempo';

/** Every check, in the safety order of FAULTS.md. */
export const CHECKS: FaultCheck[] = [
  roundedBack,
  barDrift,
  hipsBack,
  hipsRiseFirst,
  hipRotation,
  lockoutLean,
  neckExtension,
  lockedKnees,
  fastLowering,
  lostBalance,
];

const ORDER: Record<FaultStage, number> = { bottom: 0, rise: 1, lockout: 2 };

/** Run every check that applies to the lift and is due at `stage` (or earlier). */
export function evaluateFaults(m: RepMetrics, ctx: FaultContext, stage: FaultStage): FaultEvidence[] {
  const out: FaultEvidence[] = [];
  for (const c of CHECKS) {
    if (ORDER[c.stage] > ORDER[stage]) continue;
    if (!c.lifts.includes(ctx.lift)) continue;
    const e = c.evaluate(m, ctx);
    if (e) out.push(e);
  }
  return out;
}

/** Which faults apply to which lift (FAULTS.md "lifts" column). */
export const LIFT_FAULTS: Record<import('../types').Lift, import('../types').FaultId[]> = {
  deadlift: ['rounded-back', 'bar-drift', 'hips-back', 'hips-rise-first', 'lockout-lean', 'neck-extension', 'fast-lowering'],
  rdl: ['rounded-back', 'bar-drift', 'hips-back', 'lockout-lean', 'neck-extension', 'locked-knees', 'fast-lowering'],
  'sl-rdl': ['rounded-back', 'hips-back', 'hip-rotation', 'neck-extension', 'locked-knees', 'fast-lowering', 'lost-balance'],
  'kickstand-rdl': ['rounded-back', 'hips-back', 'hip-rotation', 'neck-extension', 'fast-lowering'],
};
