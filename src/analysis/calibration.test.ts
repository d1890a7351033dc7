import { describe, expect, it } from 'vitest';
import { createHingeAnalyzer } from './index';
import { synthesizeClip } from './synthetic/index';

function calibrate(body: { femur?: number; torso?: number }) {
  const { clip } = synthesizeClip({ lift: 'rdl', reps: 1, fps: 30, width: 640, height: 480, seed: 9, camera: { yawDeg: 0, distanceM: 3.5 }, body, noise: 0.001 });
  const an = createHingeAnalyzer({ lift: 'rdl', width: 640, height: 480 });
  const statuses = new Set<string>();
  for (const f of clip.frames) statuses.add(an.push(f).calibration);
  return { cal: an.calibration!, statuses };
}

describe('calibration', () => {
  it('measures the lifter from standing frames: longer femurs, longer thighs', () => {
    const avg = calibrate({});
    const long = calibrate({ femur: 1.2 });
    expect(avg.statuses.has('collecting') || avg.statuses.has('waiting')).toBe(true);
    expect(avg.statuses.has('done')).toBe(true);
    const r0 = avg.cal.thigh / avg.cal.trunk;
    const r1 = long.cal.thigh / long.cal.trunk;
    expect(r1 / r0).toBeGreaterThan(1.1);
    expect(r1 / r0).toBeLessThan(1.3);
    expect(avg.cal.standHeight).toBeGreaterThan(avg.cal.trunk + avg.cal.thigh);
    expect(avg.cal.foot).toBeGreaterThan(0.3 * avg.cal.shin);
  });

  it('long femurs alone are not called a fault', () => {
    const { clip } = synthesizeClip({ lift: 'deadlift', reps: 3, fps: 30, width: 640, height: 480, seed: 3, camera: { yawDeg: 0 }, body: { femur: 1.2, torso: 0.9 } });
    const an = createHingeAnalyzer({ lift: 'deadlift', width: 640, height: 480 });
    for (const f of clip.frames) an.push(f);
    expect(an.report().reps.flatMap((r) => r.faults)).not.toContain('hips-back');
  });
});
