import { describe, expect, it } from 'vitest';
import { analyzeClip } from './index';
import { plantedAnkleDy } from './calibration';
import { bilateralLiftFromHipDrop, bilateralLiftFromKneeFlex, classifyFeet, freeSideOf, LiftDetector, type FootFrame } from './lift-detect';
import { DEFAULT_THRESHOLDS as th } from './thresholds';
import { synthesizeClip } from './synthetic/index';

describe('lift detection', () => {
  it('classifies feet frames', () => {
    const ff = (o: Partial<FootFrame>): FootFrame => ({ footUp: 0, freeSide: 'left', heelUp: 0, heelSide: 'left', behind: 0, heelBehind: 0, ...o });
    expect(classifyFeet(ff({ footUp: 1.2, behind: 2 }), th, true)).toBe('single');
    expect(classifyFeet(ff({ footUp: 0.2, heelUp: 0.3, heelBehind: 1.5 }), th, true)).toBe('kickstand');
    // a raised heel beside the stance foot (side-on) is not a kickstand; front-on "behind" cannot be seen
    expect(classifyFeet(ff({ footUp: 0.2, heelUp: 0.3, heelBehind: 0 }), th, true)).toBe('bilateral');
    expect(classifyFeet(ff({ footUp: 0.2, heelUp: 0.3, heelBehind: NaN, behind: NaN }), th, false)).toBe('kickstand');
    expect(classifyFeet(ff({ footUp: 0.05 }), th, true)).toBe('bilateral');
    // a far foot guessed high behind the plates but level with the near one is not a free leg
    expect(classifyFeet(ff({ footUp: 0.9, behind: 0.1 }), th, true)).toBe('bilateral');
    // side-on, a foot far behind the stance foot is the free leg held back
    expect(classifyFeet(ff({ footUp: 0.3, behind: 3 }), th, true)).toBe('single');
    expect(freeSideOf(ff({ freeSide: 'left', heelSide: 'right' }), 'kickstand')).toBe('right');
    expect(freeSideOf(ff({ freeSide: 'left', heelSide: 'right' }), 'single')).toBe('left');
  });

  it('deadlift vs RDL by the hips drop', () => {
    expect(bilateralLiftFromHipDrop(0.35, th.rdlMaxHipDrop)).toBe('deadlift');
    expect(bilateralLiftFromHipDrop(0.1, th.rdlMaxHipDrop)).toBe('rdl');
  });

  it('the planted ankle baseline ignores standing frames with a foot held up', () => {
    // 10 frames on both feet (far ankle 0.01 higher), 40 on one leg (free ankle 0.08 higher)
    const samples = [...Array(10).fill(0.01), ...Array(40).fill(-0.08)];
    expect(plantedAnkleDy(samples)).toBeCloseTo(0.01, 5);
  });

  it('votes: the stance side is opposite the free foot; a few odd frames do not flip a bilateral lift', () => {
    const d = new LiftDetector();
    for (let i = 0; i < 10; i++) d.vote('single', 'right');
    expect(d.verdict('rdl')).toEqual({ lift: 'sl-rdl', side: 'left' });
    const b = new LiftDetector();
    for (let i = 0; i < 10; i++) b.vote('bilateral', 'left');
    for (let i = 0; i < 3; i++) b.vote('single', 'left');
    expect(b.verdict('deadlift').lift).toBe('deadlift');
    expect(bilateralLiftFromKneeFlex(90)).toBe('deadlift');
    expect(bilateralLiftFromKneeFlex(30)).toBe('rdl');
  });

  it('auto-detects a single-leg RDL and its working side on a synthetic clip', () => {
    const { clip, truth } = synthesizeClip({ lift: 'sl-rdl', side: 'right', reps: 2, fps: 30, width: 640, height: 480, seed: 21, camera: { yawDeg: 0 } });
    const r = analyzeClip(clip, { lift: 'auto' });
    expect(r.lift).toBe(truth.lift);
    expect(r.side).toBe('right');
  });

  it('auto-detects a kickstand RDL (rear heel up the whole set) from the side and from behind, and a deadlift vs an RDL', () => {
    for (const yawDeg of [0, -90]) {
      const { clip } = synthesizeClip({ lift: 'kickstand-rdl', side: 'left', reps: 2, fps: 30, width: 640, height: 480, seed: 8, camera: { yawDeg } });
      const r = analyzeClip(clip, { lift: 'auto' });
      expect(r.lift, `yaw ${yawDeg}`).toBe('kickstand-rdl');
      expect(r.side, `yaw ${yawDeg}`).toBe('left');
    }
    for (const lift of ['deadlift', 'rdl'] as const) {
      const { clip } = synthesizeClip({ lift, reps: 2, fps: 30, width: 640, height: 480, seed: 3, camera: { yawDeg: 90 } });
      expect(analyzeClip(clip, { lift: 'auto' }).lift, `${lift} front view`).toBe(lift);
    }
  });
});
