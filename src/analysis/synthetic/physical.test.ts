/**
 * The synthetic truth is physical: a fault asked for in deg / cm / ms is what
 * the rendered body does (measured here on the noise-free world landmarks, side
 * view, camera level), the truth records it, and the line comes from
 * physical.ts, not from the analyzer.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FaultId, Landmark, Lift, PoseClip, PoseFrame } from '../types';
import { trunk2, makeBody, zeroPose } from './body';
import { type SyntheticSpec, synthesizeClip } from './index';
import { degreeToMagnitude, faultLine, magnitudeIn, bandOf } from './physical';

const R2D = 180 / Math.PI;
type P = Landmark;
const mid = (a: P, b: P): P => [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2, (a[2] + b[2]) / 2, 1];
function angle3(a: P, b: P, c: P): number {
  const u = [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
  const v = [c[0] - b[0], c[1] - b[1], c[2] - b[2]];
  return Math.acos((u[0] * v[0] + u[1] * v[1] + u[2] * v[2]) / (Math.hypot(u[0], u[1], u[2]) * Math.hypot(v[0], v[1], v[2]))) * R2D;
}
function frameAt(clip: PoseClip, ms: number): PoseFrame {
  let best = clip.frames[0];
  for (const f of clip.frames) if (Math.abs(f.t - ms) < Math.abs(best.t - ms)) best = f;
  return best;
}

/** One clean rep then one rep with the fault, noise-free, side-on, level camera. */
function render(lift: Lift, fault: FaultId, m: number, extra: Partial<SyntheticSpec> = {}) {
  const { clip, truth } = synthesizeClip({
    lift,
    side: 'left',
    reps: 2,
    fps: 60,
    width: 720,
    height: 1280,
    noise: 0,
    seed: 5,
    camera: { yawDeg: 0, pitchDeg: 0 },
    repMagnitudes: [undefined, { [fault]: m }],
    ...extra,
  });
  const w0 = clip.frames[0].world!;
  // body axes from the standing stance foot: forward = heel → toe on the floor, up = -y (level camera)
  const fx = w0[31][0] - w0[29][0];
  const fz = w0[31][2] - w0[29][2];
  const n = Math.hypot(fx, fz);
  const fwd = (a: P, b: P) => ((b[0] - a[0]) * fx + (b[2] - a[2]) * fz) / n;
  const up = (a: P, b: P) => a[1] - b[1];
  /** Inclination of a → b from vertical in the sagittal plane, deg (+ = forward). */
  const incl = (a: P, b: P) => Math.atan2(fwd(a, b), up(a, b)) * R2D;
  return { clip, truth, rep: truth.reps[1], w0, fwd, up, incl, bottom: frameAt(clip, truth.reps[1].bottomMs).world! };
}

describe('physical fault sizes', () => {
  it('spinal flexion: the back joints flex by the asked degrees and the rep records them', () => {
    const b = makeBody();
    const seg = (rho: number) => {
      const t = trunk2(b, [0, 1], { ...zeroPose(), thetaP: 60, rho });
      const [, , P0, P1, P2, C7] = t.outline;
      const d = (a: number[], c: number[]) => Math.atan2(c[0] - a[0], c[1] - a[1]) * R2D;
      return { lumbar: d(P0, P1), upper: d(P2, C7) };
    };
    // the upper thoracic segment turns by the whole flexion relative to the pelvis (thetaP fixed)
    expect(seg(30).upper - seg(0).upper).toBeCloseTo(30, 6);
    expect(seg(30).lumbar - seg(0).lumbar).toBeCloseTo(4.5, 6);
    // and rounding shortens the hip-shoulder distance in the rendered clip, monotonically
    const shrink = (deg: number) => {
      const r = render('rdl', 'rounded-back', deg);
      const hs = (w: P[]) => Math.hypot(...[0, 1, 2].map((k) => mid(w[11], w[12])[k] - mid(w[23], w[24])[k]));
      expect(r.rep.magnitudes['rounded-back']).toBeCloseTo(deg, 6);
      return hs(r.bottom) / hs(r.w0);
    };
    const [a, c, e] = [10, 20, 30].map(shrink);
    expect(a).toBeGreaterThan(c);
    expect(c).toBeGreaterThan(e);
  });

  it('bar drift: the hands sit the asked cm ahead of mid-foot at the bottom', () => {
    for (const lift of ['deadlift', 'rdl'] as const) {
      for (const cm of [6, 12]) {
        const r = render(lift, 'bar-drift', cm, { implement: 'dumbbells' });
        const w = r.bottom;
        const drift = r.fwd(mid(mid(w[29], w[31]), mid(w[30], w[32])), mid(w[15], w[16])) * 100;
        expect(Math.abs(drift - cm), `${lift} ${cm}`).toBeLessThan(0.6);
        expect(Math.abs(r.rep.magnitudes['bar-drift']! - cm)).toBeLessThan(0.2);
        expect(r.rep.past['bar-drift']).toBe(true);
      }
    }
  });

  it('hips back: deadlift hip/knee flexion ratio and RDL shin angle as asked', () => {
    const d = render('deadlift', 'hips-back', 0.85);
    const w = d.bottom;
    const S = mid(w[11], w[12]);
    const H = mid(w[23], w[24]);
    const K = mid(w[25], w[26]);
    const A = mid(w[27], w[28]);
    const ratio = (180 - angle3(S, H, K)) / (180 - angle3(H, K, A));
    expect(Math.abs(ratio - 0.85)).toBeLessThan(0.03);
    expect(d.rep.past['hips-back']).toBe(true);
    const r = render('rdl', 'hips-back', 18);
    expect(Math.abs(r.incl(mid(r.bottom[27], r.bottom[28]), mid(r.bottom[25], r.bottom[26])) - 18)).toBeLessThan(1);
    expect(render('rdl', 'hips-back', 8).rep.past['hips-back']).toBe(false);
  });

  it('lockout lean: the trunk line leans the asked degrees behind vertical after lockout', () => {
    const r = render('deadlift', 'lockout-lean', 15);
    let worst = -Infinity;
    for (const f of r.clip.frames) {
      if (f.t < r.rep.endMs - 400 || f.t > r.rep.endMs + 1500) continue;
      const w = f.world!;
      worst = Math.max(worst, -r.incl(mid(w[23], w[24]), mid(w[11], w[12])));
    }
    expect(Math.abs(worst - 15)).toBeLessThan(1);
    expect(Math.abs(r.rep.magnitudes['lockout-lean']! - 15)).toBeLessThan(0.5);
  });

  it('neck extension: the ear-shoulder line turns the asked degrees up against the trunk, beyond standing', () => {
    const look = (r: ReturnType<typeof render>, w: P[]) => -(r.incl(mid(w[11], w[12]), mid(w[7], w[8])) - r.incl(mid(w[23], w[24]), mid(w[11], w[12])));
    const r = render('rdl', 'neck-extension', 40);
    expect(Math.abs(look(r, r.bottom) - look(r, r.w0) - 40)).toBeLessThan(1.5);
    expect(r.rep.past['neck-extension']).toBe(true);
  });

  it('locked knees: the stance knee angle at the bottom as asked', () => {
    for (const lift of ['rdl', 'sl-rdl'] as const) {
      const r = render(lift, 'locked-knees', 176);
      expect(Math.abs(angle3(r.bottom[23], r.bottom[25], r.bottom[27]) - 176), lift).toBeLessThan(1.5);
      expect(r.rep.past['locked-knees']).toBe(true);
      expect(render(lift, 'locked-knees', 166).rep.past['locked-knees']).toBe(false);
    }
  });

  it('weight shift: heel up or toes up by the asked foot pitch, feet flat when standing', () => {
    for (const lift of ['deadlift', 'rdl', 'sl-rdl', 'kickstand-rdl'] as const) {
      for (const deg of [8, -8]) {
        const r = render(lift, 'weight-shift', deg);
        const pitch = (w: P[]) => Math.atan2(r.up(w[31], w[29]), r.fwd(w[29], w[31])) * R2D;
        expect(Math.abs(pitch(r.bottom) - pitch(r.w0) - deg), `${lift} ${deg}`).toBeLessThan(0.5);
        // heel (29) rises relative to the toe (31) for +, the toe rises for -
        const rel = (w: P[]) => r.up(w[31], w[29]);
        expect(Math.sign(rel(r.bottom) - rel(r.w0))).toBe(Math.sign(deg));
        expect(Math.abs(r.rep.magnitudes['weight-shift']! - 8)).toBeLessThan(0.3);
        expect(Math.sign(r.rep.detail.footPitchDeg)).toBe(Math.sign(deg));
        expect(r.rep.past['weight-shift']).toBe(true);
        // the clean first rep stays flat
        expect(r.truth.reps[0].magnitudes['weight-shift']).toBeLessThan(0.01);
      }
    }
    expect(render('deadlift', 'weight-shift', 3).rep.past['weight-shift']).toBe(false);
  });

  it('fast lowering: the lowering takes the asked ms, per lift line', () => {
    const r = render('rdl', 'fast-lowering', 1500);
    expect(r.rep.magnitudes['fast-lowering']).toBeCloseTo(1500, 3);
    expect(r.rep.bottomMs - r.rep.startMs).toBeGreaterThan(1500);
    expect(r.rep.past['fast-lowering']).toBe(true); // under the RDL's 2 s
    expect(render('deadlift', 'fast-lowering', 1500).rep.past['fast-lowering']).toBe(false); // not under the deadlift's 0.5 s
  });

  it('hip rotation and lost balance: pelvis degrees and free-foot cm as asked', () => {
    const hr = render('sl-rdl', 'hip-rotation', 20);
    expect(hr.rep.magnitudes['hip-rotation']).toBeCloseTo(20, 3);
    for (const cm of [1, 5]) {
      const r = render('sl-rdl', 'lost-balance', cm);
      // world y is down: the free (right) toe's height above the planted (left) toe, lowest in the rep
      let low = Infinity;
      for (const f of r.clip.frames) if (f.t >= r.rep.startMs && f.t <= r.rep.endMs) low = Math.min(low, f.world![31][1] - f.world![32][1]);
      expect(Math.abs(low * 100 - cm), `${cm} cm`).toBeLessThan(0.4);
      expect(Math.abs(r.rep.magnitudes['lost-balance']! - cm)).toBeLessThan(0.3);
      expect(r.rep.past['lost-balance']).toBe(cm < 2);
    }
  });

  it('bands around the line and the legacy degree scale are in physical units', () => {
    for (const f of ['rounded-back', 'fast-lowering', 'lost-balance', 'hips-rise-first'] as const) {
      const l = faultLine(f, 'rdl');
      for (const b of ['far-under', 'just-under', 'just-over', 'far-over'] as const) {
        for (const u of [0, 0.5, 0.999]) expect(bandOf(l, magnitudeIn(l, b, u)), `${f} ${b} ${u}`).toBe(b);
      }
    }
    // legacy degree 0.5 = the physical line
    expect(degreeToMagnitude(faultLine('rounded-back', 'rdl'), 0.5)).toBe(20);
    expect(degreeToMagnitude(faultLine('fast-lowering', 'rdl'), 0.5)).toBe(2000);
    expect(degreeToMagnitude(faultLine('bar-drift', 'deadlift'), 1)).toBe(faultLine('bar-drift', 'deadlift').severe);
  });

  it('takes no line from the analyzer', () => {
    const src = readFileSync(new URL('./physical.ts', import.meta.url), 'utf8');
    expect(src).not.toMatch(/from '\.\.\/thresholds'/);
    expect(src).not.toMatch(/DEFAULT_THRESHOLDS/);
    for (const f of ['index.ts', 'motion.ts', 'truth.ts']) expect(readFileSync(new URL(`./${f}`, import.meta.url), 'utf8'), f).not.toMatch(/thresholds/);
  });
});
