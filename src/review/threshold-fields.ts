/**
 * The physio's threshold editor, as data: which numbers can be edited, with
 * a label and unit, read from the analyzer's DEFAULT_THRESHOLDS so a new
 * threshold appears without touching this file. Edits are kept as sparse
 * overrides (only what differs from the defaults), the form saved with a
 * review and passed to the analyzer.
 */
import type { ThresholdOverrides } from './analysis';

export interface ThresholdField {
  /** 'hipsBackMinRatio' or 'minLoweringMs.rdl' */
  key: string;
  label: string;
  unit: string;
  group: 'Faults' | 'Reps and tempo' | 'View and calibration' | 'Signal';
  defaultValue: number;
  step: number;
}

type Known = { label: string; unit: string; group?: ThresholdField['group'] };

/** Labels for the thresholds a physio is likely to change; others get their key spelled out. */
const KNOWN: Record<string, Known> = {
  hipsBackMinRatio: { label: 'Squatting the hinge: hip ÷ knee flexion at the bottom below', unit: 'ratio' },
  hipsBackMinKneeFlexDeg: { label: 'Squatting the hinge: judged only if knee bends at least', unit: '°' },
  roundedHeadDropDeg: { label: 'Rounded back: head drop vs trunk above', unit: '°' },
  roundedHsHkRatio: { label: 'Rounded back: hip–shoulder ÷ hip–knee (vs standing) below', unit: 'fraction' },
  roundedScore: { label: 'Rounded back: combined landmark score above', unit: 'score' },
  roundedDorsal: { label: 'Rounded back: back-outline rise above', unit: 'trunk lengths' },
  barDriftFootLengths: { label: 'Bar drift: hands ahead of where they hung standing by more than', unit: 'foot lengths' },
  hipsRiseTrunkGainDeg: { label: 'Hips rise first: trunk inclination gained off the floor above', unit: '°' },
  lockoutLeanDeg: { label: 'Lockout lean: trunk behind its standing angle by more than', unit: '°' },
  neckExtensionDeg: { label: 'Head cranked up: head raised vs trunk by more than', unit: '°' },
  lockedKneeDeg: { label: 'Locked knees: stance knee straighter than', unit: '°' },
  'minLoweringMs.deadlift': { label: 'Fast lowering (deadlift): lowering shorter than', unit: 'ms', group: 'Reps and tempo' },
  'minLoweringMs.rdl': { label: 'Fast lowering (RDL): lowering shorter than', unit: 'ms', group: 'Reps and tempo' },
  'minLoweringMs.sl-rdl': { label: 'Fast lowering (single-leg RDL): lowering shorter than', unit: 'ms', group: 'Reps and tempo' },
  'minLoweringMs.kickstand-rdl': { label: 'Fast lowering (kickstand RDL): lowering shorter than', unit: 'ms', group: 'Reps and tempo' },
  hipRotationDeg: { label: 'Hip rotation: pelvis tilt (free side up, vs standing) above', unit: '°' },
  hipWidthTrunk: { label: 'Hip rotation (side view): typical hip width ÷ trunk length', unit: 'ratio' },
  weightShiftFootDeg: { label: 'Weight off mid-foot: heel or toes lifted (foot tipped vs standing) by more than', unit: '°' },
  balanceFootDownShin: { label: 'Lost balance: free foot within this of the floor', unit: 'shin lengths' },
  balanceStanceShiftFoot: { label: 'Lost balance: stance foot shifting more than', unit: 'foot lengths' },
  repMinDepth: { label: 'A rep must go at least this deep', unit: 'standing heights', group: 'Reps and tempo' },
  repEnterDepth: { label: 'A rep starts once this deep', unit: 'standing heights', group: 'Reps and tempo' },
};

const GROUP_OF = (key: string): ThresholdField['group'] => {
  if (/^(hipsBack|rounded|barDrift|hipsRise|lockout|neck|lockedKnee|hipRotation|hipWidth|weightShift|balance)/.test(key)) return 'Faults';
  if (/^(rep|cutOff|bottom|minLowering)/.test(key)) return 'Reps and tempo';
  if (/^(side|front|oblique|calibration|stand|singleLeg|kickstand)/.test(key)) return 'View and calibration';
  return 'Signal';
};

const spell = (key: string) =>
  key
    .replace(/\./g, ' › ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/^./, (c) => c.toUpperCase());

const unitOf = (key: string) => (/Deg$/.test(key) ? '°' : /Ms(\.|$)/.test(key) ? 'ms' : '');

function stepFor(v: number): number {
  const a = Math.abs(v);
  if (a === 0) return 0.01;
  if (Number.isInteger(v) && a >= 10) return a >= 1000 ? 50 : 1;
  return a >= 10 ? 0.5 : a >= 1 ? 0.05 : 0.005;
}

export function thresholdFields(defaults: object): ThresholdField[] {
  const out: ThresholdField[] = [];
  for (const [k, v] of Object.entries(defaults)) {
    if (typeof v === 'number') {
      out.push(field(k, v));
    } else if (v && typeof v === 'object') {
      for (const [sk, sv] of Object.entries(v as Record<string, unknown>)) if (typeof sv === 'number') out.push(field(`${k}.${sk}`, sv));
    }
  }
  const order: ThresholdField['group'][] = ['Faults', 'Reps and tempo', 'View and calibration', 'Signal'];
  return out.sort((a, b) => order.indexOf(a.group) - order.indexOf(b.group));
}

function field(key: string, v: number): ThresholdField {
  const known = KNOWN[key];
  return {
    key,
    label: known?.label ?? spell(key),
    unit: known?.unit ?? unitOf(key),
    group: known?.group ?? GROUP_OF(key),
    defaultValue: v,
    step: stepFor(v),
  };
}

/** The value in force for `key`: the override if there is one, else the default. */
export function thresholdValue(over: ThresholdOverrides, defaults: object, key: string): number {
  const [a, b] = key.split('.');
  const o = (over as Record<string, unknown>)[a];
  const d = (defaults as Record<string, unknown>)[a];
  if (b === undefined) return typeof o === 'number' ? o : (d as number);
  const ov = o && typeof o === 'object' ? (o as Record<string, unknown>)[b] : undefined;
  return typeof ov === 'number' ? ov : ((d as Record<string, number>)[b]);
}

/**
 * New overrides with `key` set to `value` (or back to the default when
 * `value` is null, not finite, or equal to the default). Never mutates.
 */
export function withThreshold(over: ThresholdOverrides, defaults: object, key: string, value: number | null): ThresholdOverrides {
  const [a, b] = key.split('.');
  const next = { ...(over as Record<string, unknown>) };
  const d = (defaults as Record<string, unknown>)[a];
  if (b === undefined) {
    if (value === null || !Number.isFinite(value) || value === d) delete next[a];
    else next[a] = value;
  } else {
    const sub = { ...((next[a] as Record<string, number> | undefined) ?? {}) };
    if (value === null || !Number.isFinite(value) || value === (d as Record<string, number>)[b]) delete sub[b];
    else sub[b] = value;
    if (Object.keys(sub).length) next[a] = sub;
    else delete next[a];
  }
  return next as ThresholdOverrides;
}

export function changedCount(over: ThresholdOverrides): number {
  let n = 0;
  for (const v of Object.values(over as Record<string, unknown>)) n += v && typeof v === 'object' ? Object.keys(v).length : 1;
  return n;
}
