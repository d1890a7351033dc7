import { describe, expect, it } from 'vitest';
import { RepEvent, RepMachine } from './reps';
import { DEFAULT_THRESHOLDS as th } from './thresholds';

const params = { enterDepth: th.repEnterDepth, minRepDepth: th.repMinDepth, riseDelta: th.repRiseDelta, exitFraction: th.repExitFraction, bottomSpeed: th.repBottomSpeed, gapMs: 500 };

/** depth over time: `reps` cycles of depth `peak`, `holdS` at the bottom, with jitter */
function run(m: RepMachine, depths: (t: number) => number, durS: number, fps = 30, jitter = 0.004): number[] {
  const events: number[] = [];
  let seed = 3;
  for (let i = 0; i <= durS * fps; i++) {
    const t = (i * 1000) / fps;
    seed = (seed * 16807) % 2147483647;
    const e = m.update(t, depths(t / 1000) + (seed / 2147483647 - 0.5) * 2 * jitter);
    if (e !== RepEvent.None) events.push(e);
  }
  return events;
}
const cycle = (peak: number, period: number, hold: number) => (s: number) => {
  const p = s % period;
  if (p < 0.5) return 0;
  const move = (period - 0.5 - hold) / 2;
  if (p < 0.5 + move) return (peak * (1 - Math.cos((Math.PI * (p - 0.5)) / move))) / 2;
  if (p < 0.5 + move + hold) return peak;
  return (peak * (1 + Math.cos((Math.PI * (p - 0.5 - move - hold)) / move))) / 2;
};

describe('RepMachine', () => {
  it('counts reps once each through jitter and bottom pauses', () => {
    const m = new RepMachine(params);
    const ev = run(m, cycle(0.4, 3, 1.0), 3 * 4 - 0.01);
    expect(m.count).toBe(4);
    expect(ev.filter((e) => e === RepEvent.Bottom)).toHaveLength(4);
    expect(m.phase).toBe('lockout');
  });

  it('does not count a partial descent', () => {
    const m = new RepMachine(params);
    const ev = run(m, cycle(0.1, 3, 0.2), 2.99);
    expect(m.count).toBe(0);
    expect(ev).toContain(RepEvent.Partial);
  });

  it('walks the phases in order', () => {
    const m = new RepMachine(params);
    const seen: string[] = [];
    for (let i = 0; i < 90; i++) {
      m.update(i * 33.3, cycle(0.4, 3, 0.5)(i / 30));
      if (seen[seen.length - 1] !== m.phase) seen.push(m.phase);
    }
    expect(seen).toEqual(['top', 'lowering', 'bottom', 'rising', 'lockout']);
  });

  it('a recording that opens bent over starts a rep whose start was cut off', () => {
    const m = new RepMachine(params);
    expect(m.update(0, 0.4)).toBe(RepEvent.Start);
    expect(m.openedBent).toBe(true);
    run(m, (s) => (s < 1 ? 0.4 - 0.4 * s : 0), 2);
    expect(m.count).toBe(1);
  });

  it('a long gap late in the rise counts the hidden lockout', () => {
    const m = new RepMachine(params);
    run(m, cycle(0.4, 4, 0.5), 3.3, 30, 0); // late in the rise at 3.3 s
    expect(m.phase).toBe('rising');
    expect(m.update(5000, 0.3)).toBe(RepEvent.Lockout);
    expect(m.count).toBe(1);
  });
});
