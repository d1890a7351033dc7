import type { RepMetrics } from '../rep-metrics';
import type { Thresholds } from '../thresholds';
import type { Calibration, FaultEvidence, FaultId, Lift, UnjudgedCheck, View } from '../types';

/** What a fault check knows besides the rep's metrics. */
export interface FaultContext {
  lift: Lift;
  view: View;
  thresholds: Thresholds;
  calibration: Calibration | null;
  /** true when the frames carried the mask "dorsal rise" feature */
  hasDorsal: boolean;
}

/**
 * The rep stage a check needs: 'bottom' checks can run as soon as the lifter
 * starts rising, 'rise' ones after lockout, 'lockout' ones once the frames
 * after lockout are in.
 */
export type FaultStage = 'bottom' | 'rise' | 'lockout';

export interface FaultCheck {
  id: FaultId;
  stage: FaultStage;
  /** lifts the fault applies to (FAULTS.md) */
  lifts: readonly Lift[];
  /** a verdict, or why none could be given (view, visibility, cut off, no calibration) */
  evaluate(m: RepMetrics, ctx: FaultContext): FaultEvidence | UnjudgedCheck;
}
