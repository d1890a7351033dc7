import { describe, expect, it } from 'vitest';
import { DelegateTrial } from './delegate-trial';

describe('DelegateTrial', () => {
  it('times CPU first, then GPU, and keeps the faster', () => {
    const trial = new DelegateTrial(3, 1);
    const cpu = [200, 40, 42, 41];
    for (const ms of cpu) {
      expect(trial.next()).toBe('CPU');
      trial.record('CPU', ms);
    }
    expect(trial.next()).toBe('GPU');
    for (const ms of [300, 20, 22, 21]) trial.record('GPU', ms);
    expect(trial.result?.delegate).toBe('GPU');
    expect(trial.result?.reason).toMatch(/GPU 21\.0 ms vs CPU 41\.0 ms/);
    expect(trial.next()).toBe('GPU');
  });

  it('gives up on software GL after one slow GPU frame past warm-up', () => {
    const trial = new DelegateTrial(5, 1);
    for (let i = 0; i < 6; i++) trial.record('CPU', 80);
    trial.record('GPU', 2000); // warm-up, ignored
    expect(trial.result).toBeNull();
    trial.record('GPU', 950);
    expect(trial.result?.delegate).toBe('CPU');
  });

  it('falls back to CPU when the GPU cannot start', () => {
    const trial = new DelegateTrial();
    trial.fail('no WebGL2');
    expect(trial.result).toEqual({ delegate: 'CPU', reason: 'GPU unavailable (no WebGL2)' });
  });
});
