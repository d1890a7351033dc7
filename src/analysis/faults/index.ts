import type { RepMetrics } from '../rep-metrics';
import type { FaultEvidence, FaultId, Lift, UnjudgedCheck } from '../types';
import { isUnjudged, unjudged } from './evidence';
import type { FaultCheck, FaultContext, FaultStage } from './types';
import { roundedBack, neckExtension } from './back';
import { barDrift } from './bar';
import { hipsBack, lockedKnees } from './hinge';
import { hipsRiseFirst, lockoutLean } from './rise';
import { hipRotation, lostBalance } from './single-leg';
import { fastLowering } from './tempo';
import { weightShift } from './foot';

/** Every check, in the safety order of FAULTS.md. */
export const CHECKS: FaultCheck[] = [
  roundedBack,
  barDrift,
  hipsBack,
  hipsRiseFirst,
  hipRotation,
  weightShift,
  lockoutLean,
  neckExtension,
  lockedKnees,
  fastLowering,
  lostBalance,
];

const ORDER: Record<FaultStage, number> = { bottom: 0, rise: 1, lockout: 2 };

/**
 * The checks a rep must have been judged on to be called clean: the back, the
 * hinge, the bar, the rise and, on one leg, the hips and balance. The others
 * (tempo, lockout, head, knees, feet) are reported as unjudged when they could
 * not be judged, but a coach can still call the rep good without them.
 */
const CLEAN_NEEDS: ReadonlySet<FaultId> = new Set<FaultId>(['rounded-back', 'hips-back', 'bar-drift', 'hips-rise-first', 'hip-rotation', 'lost-balance']);
export const neededForClean = (id: FaultId): boolean => CLEAN_NEEDS.has(id);

export interface Verdicts {
  evidence: FaultEvidence[];
  unjudged: UnjudgedCheck[];
}

/** Run every check that applies to the lift and is due at `stage` (or earlier). */
export function evaluateFaults(m: RepMetrics, ctx: FaultContext, stage: FaultStage): Verdicts {
  const out: Verdicts = { evidence: [], unjudged: [] };
  // side-on, a rep whose drop in height its angles cannot explain was not one body in one picture
  const sideOn = ctx.view === 'side' || ctx.view === 'oblique';
  // from any view, limbs that stretch and shrink, or no leg under the body, are not one body;
  // a rep of too few frames to tell (NaN) is not judged either
  const tooFew = !Number.isFinite(m.boneSpread) || !Number.isFinite(m.legsUnder);
  const notOneBody = m.boneSpread > ctx.thresholds.maxBoneSpread || m.legsUnder < ctx.thresholds.minLegsUnder;
  const implausible = (sideOn && Math.abs(m.depthGap) > ctx.thresholds.maxDepthGap) || notOneBody;
  const away = m.maxGapMs > ctx.thresholds.gapResetMs;
  for (const c of CHECKS) {
    if (ORDER[c.stage] > ORDER[stage]) continue;
    if (!c.lifts.includes(ctx.lift)) continue;
    if (away) {
      out.unjudged.push(unjudged(c.id, 'visibility', 'You were out of view for part of this rep, so it was not judged.'));
      continue;
    }
    if (tooFew) {
      out.unjudged.push(unjudged(c.id, 'cut-off', 'Too few frames of this rep were seen to judge it.'));
      continue;
    }
    if (implausible) {
      const why = notOneBody ? 'The tracked points did not hold together as one body during this rep' : 'The picture changed during this rep (a zoom, a cut or the body lost)';
      out.unjudged.push(unjudged(c.id, 'not-seen', `${why}, so it was not judged.`));
      continue;
    }
    const e = c.evaluate(m, ctx);
    if (isUnjudged(e)) out.unjudged.push(e);
    else out.evidence.push(e);
  }
  return out;
}

/** Which faults apply to which lift (FAULTS.md "lifts" column). */
export const LIFT_FAULTS: Record<Lift, FaultId[]> = Object.fromEntries(
  (['deadlift', 'rdl', 'sl-rdl', 'kickstand-rdl'] as const).map((l) => [l, CHECKS.filter((c) => c.lifts.includes(l)).map((c) => c.id)]),
) as Record<Lift, FaultId[]>;
