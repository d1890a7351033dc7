import { describe, expect, it } from 'vitest';
import { analyzeClip } from './index';
import { bilateralLiftFromKneeFlex, classifyFeet, LiftDetector } from './lift-detect';
import { DEFAULT_THRESHOLDS as th } from './thresholds';
import { synthesizeClip } from './synthetic/index';

describe('lift detection', () => {
  it('classifies feet frames', () => {
    expect(classifyFeet({ footUp: 1.2, freeSide: 'left', heelUp: 0, behind: 2 }, th, true)).toBe('single');
    expect(classifyFeet({ footUp: 0.2, freeSide: 'left', heelUp: 0.3, behind: 1.5 }, th, true)).toBe('kickstand');
    expect(classifyFeet({ footUp: 0.2, freeSide: 'left', heelUp: 0.3, behind: 0 }, th, true)).toBe('bilateral');
    expect(classifyFeet({ footUp: 0.05, freeSide: 'left', heelUp: 0, behind: 0 }, th, true)).toBe('bilateral');
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
});
