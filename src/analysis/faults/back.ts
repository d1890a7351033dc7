/**
 * The back and the head. There are no spine landmarks, so `rounded-back` is a
 * proxy score with a stated, modest confidence (FAULTS.md):
 *  - the head dropping against the trunk line (a rounded upper back carries
 *    the shoulders and head toward the floor), in units of `roundedHeadDropDeg`;
 *  - hip-to-shoulder over hip-to-knee at the bottom shrinking against
 *    standing (the trunk chord shortens when the spine curls), half weight;
 *  - RDL family: the trunk chord going past `roundedRdlTrunkDeg` (hamstrings
 *    stop the pelvis near horizontal; beyond it the spine does the bending);
 *  - the mask "dorsal rise" when the worker supplies it, averaged in.
 * 1 = at threshold.
 */
import type { FaultCheck } from './types';
import { makeEvidence } from './evidence';

export function roundedScore(
  m: { headDrop: number; hsHkRel: number; trunkBottom: number; dorsal: number },
  th: { roundedHeadDropDeg: number; roundedHsHkRatio: number; roundedRdlTrunkDeg: number; roundedDorsal: number },
  rdlFamily: boolean,
): number {
  const head = Number.isFinite(m.headDrop) ? m.headDrop / th.roundedHeadDropDeg : 0;
  const chord = Number.isFinite(m.hsHkRel) ? Math.max(0, (1 - m.hsHkRel) / (1 - th.roundedHsHkRatio)) : 0;
  let score = head + 0.5 * chord;
  if (rdlFamily && Number.isFinite(m.trunkBottom)) score = Math.max(score, m.trunkBottom / th.roundedRdlTrunkDeg);
  if (Number.isFinite(m.dorsal)) score = (score + m.dorsal / th.roundedDorsal) / 2;
  return score;
}

export const roundedBack: FaultCheck = {
  id: 'rounded-back',
  stage: 'bottom',
  lifts: ['deadlift', 'rdl', 'sl-rdl', 'kickstand-rdl'],
  evaluate(m, ctx) {
    const th = ctx.thresholds;
    // the outline's rise is the back's only side-on: turned, the mask's edge along the dorsal normal
    // is the flank (a front-oblique good pull measured 0.14, seven times a rounded back's scale)
    const dorsal = ctx.view === 'side' ? m.dorsal : NaN;
    const score = roundedScore({ ...m, dorsal }, th, ctx.lift !== 'deadlift');
    // a landmark-only proxy is a flag to review; the mask outline earns more trust
    const base = Number.isFinite(dorsal) ? 0.8 : 0.6;
    return makeEvidence(
      { id: 'rounded-back', value: score, threshold: th.roundedScore, unit: 'proxy score', past: score > th.roundedScore, base, visibility: Math.min(m.visTrunk, m.visHead), scale: 0.5 },
      ctx,
    );
  },
};

/** Head cranked up against the trunk while bent over (10th percentile of the head angle). */
export const neckExtension: FaultCheck = {
  id: 'neck-extension',
  stage: 'rise',
  lifts: ['deadlift', 'rdl', 'sl-rdl', 'kickstand-rdl'],
  evaluate(m, ctx) {
    const th = ctx.thresholds;
    return makeEvidence(
      { id: 'neck-extension', value: m.headRaise, threshold: th.neckExtensionDeg, unit: 'deg head raised vs trunk', past: m.headRaise > th.neckExtensionDeg, base: 0.7, visibility: m.visHead, scale: 15 },
      ctx,
    );
  },
};
