import { describe, expect, it } from 'vitest';
import { SetControl } from './set-control';

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
});
