/**
 * The synthetic fault degrees are calibrated to the real world (README
 * "Faults"): degree 0.5 lands at the threshold a coach would call a fault,
 * which is also the analyzer's threshold, and degree 0 stays inside what the
 * real good clips show. Noise-free side (or front) views, measured by the
 * analyzer itself.
 */
import { describe, expect, it } from 'vitest';
import { analyzeClip } from '../index';
import { DEFAULT_THRESHOLDS as th } from '../thresholds';
import type { FaultId, Lift } from '../types';
import { synthesizeClip } from './index';
import { FAULT_SCALE, degreeValue, planReps, zeroDegrees } from './motion';
import { Rng } from './rng';

/** The analyzer's measurement of the second rep (the first is clean), noise-free. */
function measure(lift: Lift, fault: FaultId, d: number, key: string, seed: number, yawDeg = 0): number {
  const { clip, truth } = synthesizeClip({
    lift,
    side: 'left',
    reps: 2,
    fps: 30,
    width: 720,
    height: 1280,
    noise: 0,
    seed,
    camera: { yawDeg },
    faults: d > 0 ? { [fault]: d } : undefined,
    faultReps: [1],
    implement: lift === 'deadlift' || lift === 'rdl' ? (seed % 2 ? 'barbell' : 'kettlebell') : 'dumbbells',
  });
  const r = analyzeClip(clip, { lift, side: truth.side ?? undefined });
  expect(r.reps).toHaveLength(2);
  return r.reps[1].metrics[key];
}

describe('synthetic fault degrees', () => {
  it('map 0 → the clean value, 0.5 → the threshold, 1 → severe', () => {
    expect(degreeValue(0, 10, 20, 30)).toBe(10);
    expect(degreeValue(0.25, 10, 20, 30)).toBe(15);
    expect(degreeValue(0.5, 10, 20, 30)).toBe(20);
    expect(degreeValue(1, 10, 20, 30)).toBe(30);
  });

  it('neck-extension 0.5 looks up about the threshold; clean stays under it', () => {
    for (const seed of [1, 2]) {
      expect(Math.abs(measure('rdl', 'neck-extension', 0.5, 'headRaise', seed) - th.neckExtensionDeg)).toBeLessThan(5);
      expect(measure('rdl', 'neck-extension', 0, 'headRaise', seed)).toBeLessThan(th.neckExtensionDeg - 5);
    }
  });

  it('lockout-lean 0.5 leans back by the threshold behind standing', () => {
    const lean = (d: number) => {
      const { clip } = synthesizeClip({ lift: 'deadlift', reps: 2, fps: 30, width: 720, height: 1280, noise: 0, seed: 3, faults: d ? { 'lockout-lean': d } : undefined, faultReps: [1] });
      const r = analyzeClip(clip, { lift: 'deadlift' });
      return r.reps[1].evidence.find((e) => e.id === 'lockout-lean')!.value;
    };
    expect(Math.abs(lean(0.5) - th.lockoutLeanDeg)).toBeLessThan(2);
    expect(lean(0)).toBeLessThan(th.lockoutLeanDeg - 8);
  });

  it('bar-drift 0.5 puts the bar about the threshold ahead of where it hung', () => {
    for (const lift of ['deadlift', 'rdl'] as const) {
      expect(Math.abs(measure(lift, 'bar-drift', 0.5, 'barDrift', 1) - th.barDriftFootLengths), lift).toBeLessThan(0.12);
      expect(measure(lift, 'bar-drift', 0, 'barDrift', 1), lift).toBeLessThan(th.barDriftFootLengths - 0.2);
    }
  });

  it('hips-back 0.5: hip/knee ratio ~1 (deadlift), shin ~12° (RDL)', () => {
    expect(Math.abs(measure('deadlift', 'hips-back', 0.5, 'hingeRatio', 1) - th.hipsBackMinRatio)).toBeLessThan(0.08);
    expect(measure('deadlift', 'hips-back', 0, 'hingeRatio', 1)).toBeGreaterThan(1.2);
    expect(Math.abs(measure('rdl', 'hips-back', 0.5, 'shinBottom', 2) - th.hipsBackRdlShinDeg)).toBeLessThan(2.5);
  });

  it('hips-rise-first 0.5: the shoulders have done ~0.35 of their rise when the hips are half-way up', () => {
    expect(Math.abs(measure('deadlift', 'hips-rise-first', 0.5, 'riseSync', 2) - th.hipsRiseSync)).toBeLessThan(0.1);
    expect(measure('deadlift', 'hips-rise-first', 0, 'riseSync', 2)).toBeGreaterThan(0.45);
  });

  it('hip-rotation 0.5 tilts the hip line about the threshold, seen from the front', () => {
    expect(Math.abs(measure('sl-rdl', 'hip-rotation', 0.5, 'hipTilt', 1, 90) - th.hipRotationDeg)).toBeLessThan(2.5);
  });

  it('fast-lowering 0.5 lowers in the threshold time, per lift', () => {
    const lowering = (lift: Lift, d: number) => {
      const deg = zeroDegrees();
      deg['fast-lowering'] = d;
      const p = planReps(1, 1, { lowerS: 2.5, bottomS: 0.4, riseS: 1.2, topS: 1 }, [deg], new Rng(1), lift).plans[0];
      return p.t1 - p.t0;
    };
    expect(lowering('rdl', 0.5)).toBeCloseTo(FAULT_SCALE.lowerRdlS.threshold, 5);
    expect(lowering('deadlift', 0.5)).toBeCloseTo(FAULT_SCALE.lowerDeadliftS.threshold, 5);
    expect(lowering('rdl', 1)).toBeCloseTo(FAULT_SCALE.lowerRdlS.severe, 5);
    expect(lowering('rdl', 0)).toBeGreaterThan(2.3);
  });
});
