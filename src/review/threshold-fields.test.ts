import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS } from './analysis';
import { changedCount, thresholdFields, thresholdValue, withThreshold } from './threshold-fields';

const defaults = { lockoutLeanDeg: 12, hipsBackMinRatio: 1, minLoweringMs: { deadlift: 400, rdl: 800 }, holdMs: 400 };

describe('threshold fields', () => {
  it('lists every number of the analyzer defaults, fault checks first', () => {
    const fields = thresholdFields(DEFAULT_THRESHOLDS);
    const keys = fields.map((f) => f.key);
    expect(keys).toContain('hipsBackMinRatio');
    expect(keys).toContain('minLoweringMs.rdl');
    expect(keys).toContain('oneEuro.beta');
    expect(fields[0].group).toBe('Faults');
    for (const f of fields) expect(Number.isFinite(f.defaultValue) && f.step > 0).toBe(true);
  });

  it('labels the weight-shift check in plain words, in degrees, among the faults', () => {
    const f = thresholdFields(DEFAULT_THRESHOLDS).find((x) => x.key === 'weightShiftFootDeg')!;
    expect(f.label).toMatch(/^Weight off mid-foot: heel or toes lifted/);
    expect(f.unit).toBe('°');
    expect(f.group).toBe('Faults');
    expect(f.defaultValue).toBe(DEFAULT_THRESHOLDS.weightShiftFootDeg);
  });

  it('labels known fields and spells out the rest', () => {
    const fields = thresholdFields(defaults);
    const by = (k: string) => fields.find((f) => f.key === k)!;
    const [lean, lower, hold] = [by('lockoutLeanDeg'), by('minLoweringMs.deadlift'), by('holdMs')];
    expect(fields.map((f) => f.group)).toEqual(['Faults', 'Faults', 'Reps and tempo', 'Reps and tempo', 'Signal']);
    expect(lean.label).toMatch(/Lockout lean/);
    expect(lean.unit).toBe('°');
    expect(lower.key).toBe('minLoweringMs.deadlift');
    expect(lower.unit).toBe('ms');
    expect(hold.label).toBe('Hold Ms');
  });

  it('keeps overrides sparse and immutable', () => {
    const a = withThreshold({}, defaults, 'lockoutLeanDeg', 9);
    expect(a).toEqual({ lockoutLeanDeg: 9 });
    const b = withThreshold(a, defaults, 'minLoweringMs.rdl', 1200);
    expect(b).toEqual({ lockoutLeanDeg: 9, minLoweringMs: { rdl: 1200 } });
    expect(a).toEqual({ lockoutLeanDeg: 9 });
    expect(thresholdValue(b, defaults, 'minLoweringMs.rdl')).toBe(1200);
    expect(thresholdValue(b, defaults, 'minLoweringMs.deadlift')).toBe(400);
    expect(thresholdValue(b, defaults, 'hipsBackMinRatio')).toBe(1);
    expect(changedCount(b)).toBe(2);
  });

  it('drops an override set back to the default or cleared', () => {
    const a = withThreshold({ lockoutLeanDeg: 9, minLoweringMs: { rdl: 1200 } }, defaults, 'minLoweringMs.rdl', 800);
    expect(a).toEqual({ lockoutLeanDeg: 9 });
    expect(withThreshold(a, defaults, 'lockoutLeanDeg', null)).toEqual({});
    expect(withThreshold(a, defaults, 'lockoutLeanDeg', NaN)).toEqual({});
  });
});
