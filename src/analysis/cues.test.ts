import { describe, expect, it } from 'vitest';
import { CUE_SHORT, CUE_TEXT, CueManager, topFault } from './cues';
import { FAULT_IDS } from './types';
import { DEFAULT_THRESHOLDS } from './thresholds';
import type { FaultEvidence, FaultId } from './types';

const ev = (id: FaultId, active = true): FaultEvidence => ({ id, value: 1, threshold: 0, unit: '', confidence: 0.8, active });

describe('cues', () => {
  it('ranks by the FAULTS.md safety order', () => {
    expect(topFault([ev('hips-back'), ev('rounded-back'), ev('bar-drift')])).toBe('rounded-back');
    expect(topFault([ev('fast-lowering'), ev('hip-rotation')])).toBe('hip-rotation');
    expect(topFault([ev('rounded-back', false)])).toBeNull();
  });

  it('has own-words text for every fault', () => {
    for (const t of Object.values(CUE_TEXT)) expect(t.length).toBeGreaterThan(15);
  });

  it('has a two-to-four-word cue for every fault, for the set screen', () => {
    for (const id of FAULT_IDS) {
      const words = CUE_SHORT[id].trim().split(/\s+/);
      expect(words.length, id).toBeGreaterThanOrEqual(2);
      expect(words.length, id).toBeLessThanOrEqual(4);
    }
  });

  it('holds a cue, lets only a more important fault replace it, and does not repeat it every frame', () => {
    const c = new CueManager(DEFAULT_THRESHOLDS);
    c.faultsSeen([ev('hips-back')], 0);
    const first = c.update([], [], 0, null)!;
    expect(first.faultId).toBe('hips-back');
    c.faultsSeen([ev('fast-lowering')], 100);
    expect(c.update([], [], 100, null)!.faultId).toBe('hips-back'); // held, less important
    c.faultsSeen([ev('rounded-back')], 200);
    const second = c.update([], [], 200, null)!;
    expect(second.faultId).toBe('rounded-back'); // safety first
    for (let t = 216; t < 2600; t += 16) expect(c.update([], [], t, null)).toBe(second); // same object: no flicker
    c.faultsSeen([ev('rounded-back')], 3000);
    // within the repeat window the same cue is not queued again
    const later = c.update([], [], 5000, null);
    expect(later?.faultId).not.toBe('rounded-back');
  });

  it('praises a clean rep and shows setup messages when nothing else is due', () => {
    const c = new CueManager(DEFAULT_THRESHOLDS);
    c.repFinished([ev('hips-back', false)], [], 0);
    const p = c.update([], ['Turn side-on'], 0, null)!;
    expect(p.kind).toBe('praise');
    const s = c.update([], ['Turn side-on'], 10_000, null)!;
    expect(s.kind).toBe('setup');
    expect(s.text).toBe('Turn side-on');
  });
});
