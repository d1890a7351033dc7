import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS as th } from '../thresholds';
import type { RepMetrics } from '../rep-metrics';
import { evaluateFaults, LIFT_FAULTS } from './index';
import { roundedScore } from './back';
import type { FaultContext } from './types';

const base: RepMetrics = {
  depth: 0.4, loweringMs: 2500, bottomHoldMs: 300, risingMs: 900, trunkBottom: 55, hipFlexBottom: 115, kneeFlexBottom: 80, hingeRatio: 1.45,
  shinBottom: 5, headDrop: 5, headRaise: 0, hsHkRel: 1, hsRel: 0.95, dorsal: NaN, barAhead: 0.5, barDrift: 0.1, hipDrop: 0.35, freeToeMin: NaN, barLeg: 0.3, trunkGain: 0,
  riseSync: 1, lockoutTrunkMin: -2, kneeBottom: 150, kneeBottomWorld: NaN, hipTiltMax: NaN, hipTilt: NaN, freeFootMin: NaN, stanceShift: NaN, visTrunk: 1, visLeg: 0.9,
  visHead: 0.9, visWrist: 0.8, bottomFrames: 10, footPitch: 2, visFeet: 0.9, depthGap: 0.02, boneSpread: 0.05, legsUnder: 1, loweringFrames: 30, maxGapMs: 33,
};
const standing = { trunk: 0.2, thigh: 0.16, shin: 0.16, foot: 0.08, standHeight: 0.6, neck: 20, standTrunk: 0, ankleDy: 0, heelUpLeft: 0, heelUpRight: 0, frames: 30 };
const ctx = (over: Partial<FaultContext> = {}): FaultContext => ({ lift: 'deadlift', view: 'side', thresholds: th, calibration: standing, hasDorsal: false, ...over });
const active = (m: Partial<RepMetrics>, c: Partial<FaultContext> = {}) => evaluateFaults({ ...base, ...m }, ctx(c), 'lockout').evidence.filter((e) => e.active).map((e) => e.id);

describe('fault checks', () => {
  it('a clean rep is clean, and every verdict carries value, threshold and confidence', () => {
    expect(active({})).toEqual([]);
    for (const e of evaluateFaults(base, ctx(), 'lockout').evidence) {
      expect(Number.isFinite(e.value) && Number.isFinite(e.threshold)).toBe(true);
      expect(e.confidence).toBeGreaterThan(0);
      expect(e.confidence).toBeLessThan(1);
    }
  });

  it('judges nothing on a rep whose bones stretch and shrink (not one body), from any view', () => {
    for (const view of ['side', 'front'] as const) {
      const v = evaluateFaults({ ...base, headDrop: 45, boneSpread: th.maxBoneSpread + 0.1 }, ctx({ view }), 'lockout');
      expect(v.evidence).toEqual([]);
      expect(v.unjudged.length).toBeGreaterThan(0);
    }
    expect(active({ headDrop: 45, boneSpread: th.maxBoneSpread - 0.1 })).toContain('rounded-back');
  });

  it('flags each fault past its threshold', () => {
    expect(active({ hingeRatio: 0.8, kneeFlexBottom: 120 })).toContain('hips-back');
    expect(active({ shinBottom: 25 }, { lift: 'rdl' })).toContain('hips-back');
    expect(active({ headDrop: 45 })).toContain('rounded-back');
    expect(active({ riseSync: 0.2 })).toContain('hips-rise-first');
    expect(active({ lockoutTrunkMin: -25 })).toContain('lockout-lean');
    expect(active({ footPitch: th.weightShiftFootDeg + 5 })).toContain('weight-shift');
    expect(active({ footPitch: -th.weightShiftFootDeg - 5 })).toContain('weight-shift');
    expect(active({ headRaise: 50 })).toContain('neck-extension');
    expect(active({ barDrift: 2 })).toContain('bar-drift');
    expect(active({ kneeBottom: 178 }, { lift: 'rdl' })).toContain('locked-knees');
    expect(active({ loweringMs: 100 })).toContain('fast-lowering');
    expect(active({ hipTilt: 25 }, { lift: 'sl-rdl', view: 'front' })).toContain('hip-rotation');
    expect(active({ freeToeMin: 0.02, stanceShift: 0 }, { lift: 'sl-rdl', view: 'front' })).toContain('lost-balance');
  });

  it('stays quiet just inside each threshold', () => {
    const inside = { headRaise: th.neckExtensionDeg - 3, barDrift: th.barDriftFootLengths - 0.1, lockoutTrunkMin: 3 - th.lockoutLeanDeg, riseSync: th.hipsRiseSync + 0.05 };
    expect(active({ ...inside, loweringMs: th.minLoweringMs.deadlift + 50, footPitch: th.weightShiftFootDeg - 3 })).toEqual([]);
    expect(active({ hipTilt: 9, freeToeMin: 0.4, stanceShift: 0.1 }, { lift: 'sl-rdl', view: 'front' })).toEqual([]);
    // the same tempo is a drop in an RDL (2–3 s down) and fine in a deadlift
    const between = (th.minLoweringMs.rdl + th.minLoweringMs.deadlift) / 2;
    expect(active({ loweringMs: between }, { lift: 'rdl' })).toContain('fast-lowering');
    expect(active({ loweringMs: between }, { lift: 'deadlift' })).not.toContain('fast-lowering');
  });

  it('says why a check could not judge a rep instead of passing it', () => {
    const why = (m: Partial<RepMetrics>, c: Partial<FaultContext> = {}) =>
      Object.fromEntries(evaluateFaults({ ...base, ...m }, ctx(c), 'lockout').unjudged.map((u) => [u.id, u.reason]));
    expect(why({})).toEqual({});
    expect(why({ loweringMs: NaN })).toEqual({ 'fast-lowering': 'cut-off' });
    expect(why({ riseSync: NaN })).toEqual({ 'hips-rise-first': 'cut-off' });
    expect(why({ loweringMs: 60, loweringFrames: 2 })).toEqual({ 'fast-lowering': 'not-seen' });
    expect(why({ maxGapMs: 900 })).toMatchObject({ 'rounded-back': 'visibility', 'hips-back': 'visibility' });
    expect(why({ depthGap: 0.4 })).toMatchObject({ 'rounded-back': 'not-seen', 'hips-back': 'not-seen', 'fast-lowering': 'not-seen' });
    expect(why({}, { calibration: null })).toMatchObject({ 'lockout-lean': 'no-calibration', 'weight-shift': 'no-calibration' });
    expect(why({ visTrunk: 0.1 })).toMatchObject({ 'rounded-back': 'visibility', 'hips-back': 'visibility' });
    expect(why({}, { view: 'front' })).toMatchObject({ 'rounded-back': 'view', 'hips-back': 'view', 'bar-drift': 'view' });
    for (const u of evaluateFaults({ ...base, loweringMs: NaN }, ctx({ view: 'front' }), 'lockout').unjudged) expect(u.text.length).toBeGreaterThan(10);
  });

  it('only judges faults that apply to the lift', () => {
    expect(active({ riseSync: 0.1 }, { lift: 'rdl' })).not.toContain('hips-rise-first');
    expect(active({ kneeBottom: 179 }, { lift: 'deadlift' })).not.toContain('locked-knees');
    expect(LIFT_FAULTS['sl-rdl']).toContain('lost-balance');
  });

  it('a front view does not judge sagittal faults; an oblique one judges them with less confidence', () => {
    const front = evaluateFaults({ ...base, headDrop: 40 }, ctx({ view: 'front' }), 'lockout');
    expect(front.evidence.find((e) => e.id === 'rounded-back')).toBeUndefined();
    expect(front.unjudged.find((u) => u.id === 'rounded-back')).toMatchObject({ reason: 'view' });
    const side = evaluateFaults({ ...base, headDrop: 40 }, ctx(), 'lockout').evidence.find((e) => e.id === 'rounded-back')!;
    const obl = evaluateFaults({ ...base, headDrop: 40 }, ctx({ view: 'oblique' }), 'lockout').evidence.find((e) => e.id === 'rounded-back')!;
    expect(obl.active).toBe(true);
    expect(obl.confidence).toBeLessThan(side.confidence);
  });

  it('short thighs relax the hips-back threshold (proportions are not faults)', () => {
    const cal = { trunk: 0.2, thigh: 0.1, shin: 0.1, foot: 0.06, standHeight: 0.45, neck: 20, standTrunk: 0, ankleDy: 0, heelUpLeft: 0, heelUpRight: 0, frames: 30 };
    expect(active({ hingeRatio: 0.9, kneeFlexBottom: 100 }, { calibration: null })).toContain('hips-back');
    expect(active({ hingeRatio: 0.9, kneeFlexBottom: 100 }, { calibration: cal })).not.toContain('hips-back');
  });

  it('the mask dorsal rise, when present, is combined with the landmark proxies', () => {
    const t = { ...th };
    expect(roundedScore({ headDrop: 0, hsHkRel: 1, trunkBottom: 50, dorsal: NaN }, t, false)).toBeCloseTo(0);
    expect(roundedScore({ headDrop: 10, hsHkRel: 1, trunkBottom: 50, dorsal: 0.054 }, t, false)).toBeGreaterThan(1);
    expect(roundedScore({ headDrop: 10, hsHkRel: 1, trunkBottom: 50, dorsal: -0.001 }, t, false)).toBeLessThan(1);
  });
});
