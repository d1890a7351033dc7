import { describe, expect, it } from 'vitest';
import { REST_ENDS_SET_MS, SetControl, type Presence } from './set-control';

const here = { person: true, inPosition: true, speed: 0.01 };
const moving = { person: true, inPosition: true, speed: 0.5 };
const away = { person: false, inPosition: false, speed: 0 };

function run(c: SetControl, from: number, to: number, p: typeof here, step = 33) {
  const changes: string[] = [];
  for (let t = from; t < to; t += step) {
    const s = c.update(t, p);
    if (s) changes.push(s);
  }
  return changes;
}

describe('SetControl', () => {
  it('starts once the lifter stands still in position, not before', () => {
    const c = new SetControl();
    expect(run(c, 0, 1000, here)).toEqual(['arming']);
    expect(c.state).toBe('arming');
    expect(run(c, 1000, 2000, here)).toEqual(['active']);
  });

  it('does not start while the lifter keeps moving or is out of position', () => {
    const c = new SetControl();
    run(c, 0, 5000, moving);
    expect(c.state).toBe('setup');
    run(c, 5000, 9000, { person: true, inPosition: false, speed: 0 });
    expect(c.state).toBe('setup');
  });

  it('pauses after leaving the frame and resumes when back and still', () => {
    const c = new SetControl();
    run(c, 0, 2000, here);
    expect(run(c, 2000, 3000, away)).toEqual([]); // a brief occlusion is not leaving
    expect(run(c, 3000, 5000, away)).toEqual(['paused']);
    expect(c.reason).toMatch(/left the frame/);
    expect(run(c, 5000, 7000, here)).toEqual(['active']);
    expect(c.reason).toMatch(/resumed/);
  });

  it('ends the set after a long absence and starts the next when the lifter is back', () => {
    const c = new SetControl();
    run(c, 0, 2000, here);
    expect(run(c, 2000, 20000, away)).toEqual(['paused', 'ended']);
    expect(run(c, 20000, 22000, here)).toEqual(['arming', 'active']);
  });

  it('a manual pause waits for a manual start', () => {
    const c = new SetControl();
    c.start();
    c.pause();
    run(c, 0, 5000, here);
    expect(c.state).toBe('paused');
    c.start();
    expect(c.state).toBe('active');
  });

  describe('a rest after the last rep ends the set', () => {
    /** A set of reps: each `repS` of hinging (not standing), then `pauseS` standing at the top. */
    function reps(c: SetControl, from: number, n: number, pauseS: number, countFrom = 0, repS = 3) {
      const changes: string[] = [];
      let t = from;
      for (let i = 0; i < n; i++) {
        for (const [dur, standing, reps] of [[repS * 1000, false, countFrom + i], [pauseS * 1000, true, countFrom + i + 1]] as const) {
          const end = t + dur;
          for (; t < end; t += 33) {
            const s = c.update(t, { ...here, speed: standing ? 0.01 : 0.5, standing, reps });
            if (s) changes.push(`${s}@${Math.round(t / 100) / 10}`);
          }
        }
      }
      return { changes, t };
    }
    const standing = (n: number): Presence => ({ ...here, standing: true, reps: n });

    it('is 10 s: longer than any pause between reps, shorter than a rest between sets', () => {
      expect(REST_ENDS_SET_MS).toBe(10_000);
    });

    it('keeps one set through pauses of a few seconds at the top', () => {
      const c = new SetControl();
      c.start();
      const { changes } = reps(c, 0, 8, 8);
      expect(changes).toEqual([]);
      expect(c.state).toBe('active');
    });

    it('ends the set after standing still 10 s after a rep, and the next still stand starts a new one', () => {
      const c = new SetControl();
      c.start();
      const set = reps(c, 0, 5, 3);
      expect(set.changes).toEqual([]);
      // the fifth rep ended at 5 × 3 s + 4 × 3 s = 27 s; then 12 s standing still
      const rest = reps(c, set.t, 1, 12, 4, 0);
      const changes = rest.changes;
      const t = rest.t;
      expect(changes.map((x) => x.split('@')[0])).toEqual(['ended', 'arming', 'active']);
      const endedAt = Number(changes[0].split('@')[1]);
      expect(endedAt).toBeGreaterThanOrEqual(37);
      expect(endedAt).toBeLessThan(37.2);
      expect(c.reason).toMatch(/started/);
      // a new set: its reps count from 0, and it too ends only after a rep and a rest
      const next = reps(c, t, 2, 4);
      expect(next.changes).toEqual([]);
      // 4 s at the top after its second rep, 5 s more: still the set; 2 s more: over
      expect(run(c, next.t, next.t + 5000, standing(2) as typeof here)).toEqual([]);
      expect(run(c, next.t + 5000, next.t + 7000, standing(2) as typeof here)).toEqual(['ended', 'arming']);
    });

    it('does not end a set before its first rep, however long the lifter waits', () => {
      const c = new SetControl();
      c.start();
      expect(run(c, 0, 120_000, standing(0) as typeof here)).toEqual([]);
      expect(c.state).toBe('active');
    });

    it('does not count time in the hinge (a long hold at the bottom) as rest', () => {
      const c = new SetControl();
      c.start();
      expect(run(c, 0, 30_000, { ...here, standing: false, reps: 3 } as typeof here)).toEqual([]);
    });

    it('a brief loss of tracking during the rest does not restart its clock', () => {
      const c = new SetControl();
      c.start();
      expect(run(c, 0, 6000, standing(1) as typeof here)).toEqual([]);
      expect(run(c, 6000, 7000, away)).toEqual([]);
      expect(run(c, 7000, 10_500, standing(1) as typeof here)[0]).toBe('ended');
    });

    it('a manual pause stops the rest clock', () => {
      const c = new SetControl();
      c.start();
      run(c, 0, 8000, standing(1) as typeof here);
      c.pause();
      c.start();
      expect(run(c, 8000, 17_000, standing(1) as typeof here)).toEqual([]);
      expect(c.state).toBe('active');
    });
  });
});
