import { describe, expect, it } from 'vitest';
import { recalledDelegate, rememberDelegate } from './delegate-memory';

class MemStorage {
  private m = new Map<string, string>();
  getItem(k: string) {
    return this.m.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.m.set(k, v);
  }
}

describe('delegate memory', () => {
  it('remembers the measured delegate per model', () => {
    const s = new MemStorage() as unknown as Storage;
    expect(recalledDelegate('full', s)).toBeNull();
    rememberDelegate('full', 'CPU', 'measured: GPU 757 ms vs CPU 44 ms per frame', s);
    expect(recalledDelegate('full', s)?.delegate).toBe('CPU');
    expect(recalledDelegate('full', s)?.reason).toMatch(/^measured: GPU 757 ms/);
    expect(recalledDelegate('lite', s)).toBeNull();
  });

  it('survives corrupt storage', () => {
    const s = new MemStorage() as unknown as Storage;
    s.setItem('hinge-coach:delegate', '{not json');
    expect(recalledDelegate('full', s)).toBeNull();
  });
});
