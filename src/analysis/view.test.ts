import { describe, expect, it } from 'vitest';
import { synthesizeClip } from './synthetic/index';
import { lineOffSideDeg, newViewState, ViewTracker } from './view';

describe('view', () => {
  it('a left-right line along the camera axis is side-on (0°), across it square (90°)', () => {
    expect(lineOffSideDeg(0, 1)).toBeCloseTo(0);
    expect(lineOffSideDeg(1, 0)).toBeCloseTo(90);
    expect(lineOffSideDeg(1, 1)).toBeCloseTo(45);
  });

  for (const [yaw, view] of [[0, 'side'], [45, 'oblique'], [90, 'front'], [-90, 'back']] as const) {
    it(`detects ${view} at yaw ${yaw}°`, () => {
      const { clip } = synthesizeClip({ lift: 'rdl', reps: 1, fps: 30, width: 640, height: 480, seed: 4, camera: { yawDeg: yaw }, facing: 'right' });
      const v = new ViewTracker({ sideMaxDeg: 30, frontMinDeg: 62 });
      const st = newViewState();
      for (const f of clip.frames) if (f.landmarks) v.update(f.landmarks, f.world, 640 / 480, st);
      expect(st.view).toBe(view);
      if (view === 'side' || view === 'oblique') expect(st.facing).toBe('right');
      if (view === 'front') expect(st.facing).toBe('toward');
      if (view === 'back') expect(st.facing).toBe('away');
    });
  }
});
