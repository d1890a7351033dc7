import { describe, expect, it } from 'vitest';
import { trunkJump, trunkPoints } from './scene-cut';
import type { Landmark } from './types';

const body = (dx: number, dy: number, bend = 0): Landmark[] => {
  const lm: Landmark[] = Array.from({ length: 33 }, () => [0.5, 0.5, 0, 1]);
  lm[11] = [0.5 + dx + bend, 0.3 + dy + bend, 0, 1];
  lm[12] = [0.5 + dx + bend, 0.3 + dy + bend, 0, 1];
  lm[23] = [0.5 + dx, 0.6 + dy, 0, 1];
  lm[24] = [0.5 + dx, 0.6 + dy, 0, 1];
  return lm;
};

describe('scene cut', () => {
  it('measures trunk motion between frames in trunk lengths', () => {
    const a = trunkPoints(body(0, 0), 1);
    expect(trunkJump(a, trunkPoints(body(0, 0), 1))).toBe(0);
    // the whole trunk 0.03 frame heights (a tenth of its 0.3 length) to the side
    expect(trunkJump(a, trunkPoints(body(0.03, 0), 1))).toBeCloseTo(0.1);
    // a lifter standing up from the floor in one frame: the shoulders move most of a trunk length
    expect(trunkJump(trunkPoints(body(0, 0.15, 0.2), 1), a)).toBeGreaterThan(0.5);
  });

  it('scales x by the aspect ratio', () => {
    const a = trunkPoints(body(0, 0), 16 / 9);
    expect(trunkJump(a, trunkPoints(body(0.03, 0), 16 / 9))).toBeCloseTo((0.03 * 16) / 9 / 0.3);
  });
});
