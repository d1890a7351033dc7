import { describe, expect, it } from 'vitest';
import type { Landmark, PoseClip, PoseFrame } from '../types';
import { FAULT_IDS, type FaultId, LIFTS } from '../types';
import { FAULT_LIFTS, type SyntheticSpec, faultVisibleIn, synthesizeClip, syntheticCorpus, syntheticCorpusSpecs } from './index';
import { type Band, BANDS, bandOf, faultLine, pastLine } from './physical';

const base: SyntheticSpec = { lift: 'deadlift', reps: 2, fps: 30, width: 720, height: 1280, noise: 0, seed: 11 };

const deg = (r: number) => (r * 180) / Math.PI;
/** Angle at b (degrees) in 3D. */
function angle3(a: Landmark, b: Landmark, c: Landmark): number {
  const u = [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
  const v = [c[0] - b[0], c[1] - b[1], c[2] - b[2]];
  const d = u[0] * v[0] + u[1] * v[1] + u[2] * v[2];
  return deg(Math.acos(d / Math.hypot(u[0], u[1], u[2]) / Math.hypot(v[0], v[1], v[2])));
}
const dist3 = (a: Landmark, b: Landmark) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
const mid = (a: Landmark, b: Landmark): Landmark => [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2, (a[2] + b[2]) / 2, 1];
function frameAt(clip: PoseClip, ms: number): PoseFrame {
  let best = clip.frames[0];
  for (const f of clip.frames) if (Math.abs(f.t - ms) < Math.abs(best.t - ms)) best = f;
  return best;
}

describe('synthetic lifter', () => {
  it('is deterministic for a seed and varies with it', () => {
    const spec: SyntheticSpec = { ...base, noise: 0.004, dropout: 0.05, faults: { 'rounded-back': 0.8 } };
    const a = synthesizeClip(spec);
    const b = synthesizeClip(spec);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    const c = synthesizeClip({ ...spec, seed: 12 });
    expect(JSON.stringify(c.clip)).not.toBe(JSON.stringify(a.clip));
  });

  it('emits 33 image and world landmarks of 4 numbers', () => {
    for (const lift of LIFTS) {
      const { clip } = synthesizeClip({ ...base, lift, reps: 1, noise: 0.003 });
      const bad: string[] = [];
      for (const f of clip.frames) {
        if (f.landmarks?.length !== 33 || f.world?.length !== 33) bad.push(`${f.t}: count`);
        for (const l of [...(f.landmarks ?? []), ...(f.world ?? [])]) {
          if (l.length !== 4 || !l.every(Number.isFinite) || !(l[3] > 0 && l[3] <= 1)) bad.push(`${f.t}: ${l}`);
        }
      }
      expect(bad, lift).toEqual([]);
    }
  });

  it('stands upright: ankles below knees below hips below shoulders below nose (image y)', () => {
    for (const lift of LIFTS) {
      for (const yawDeg of [0, 90, -90]) {
        const { clip } = synthesizeClip({ ...base, lift, reps: 1, camera: { yawDeg } });
        const L = clip.frames[0].landmarks!;
        for (const s of [0, 1]) {
          expect(L[27 + s][1]).toBeGreaterThan(L[25 + s][1]);
          expect(L[25 + s][1]).toBeGreaterThan(L[23 + s][1]);
          expect(L[23 + s][1]).toBeGreaterThan(L[11 + s][1]);
          expect(L[11 + s][1]).toBeGreaterThan(L[0][1]);
        }
      }
    }
  });

  it('keeps segment lengths constant in world coordinates', () => {
    const segs = [
      [23, 25],
      [24, 26],
      [25, 27],
      [26, 28],
      [11, 13],
      [12, 14],
      [13, 15],
      [14, 16],
    ];
    for (const lift of LIFTS) {
      const { clip } = synthesizeClip({
        ...base,
        lift,
        reps: 2,
        faults: { 'hip-rotation': 0.9, 'lost-balance': 0.9, 'rounded-back': 0.7 },
        faultReps: [1],
      });
      for (const [a, b] of segs) {
        const ls = clip.frames.map((f) => dist3(f.world![a], f.world![b]));
        const mean = ls.reduce((x, y) => x + y, 0) / ls.length;
        expect(Math.max(...ls) - Math.min(...ls), `${lift} ${a}-${b}`).toBeLessThan(0.004 * mean + 0.0005);
      }
    }
  });

  it('closes the hip angle at the bottom of a deadlift', () => {
    const { clip, truth } = synthesizeClip(base);
    const stand = clip.frames[0].world!;
    const bot = frameAt(clip, truth.reps[0].bottomMs).world!;
    const hipStand = angle3(stand[11], stand[23], stand[25]);
    const hipBot = angle3(bot[11], bot[23], bot[25]);
    expect(hipStand).toBeGreaterThan(160);
    expect(hipBot).toBeLessThan(95);
    expect(hipStand - hipBot).toBeGreaterThan(70);
  });

  it('hips-back bends the knees more at the bottom', () => {
    for (const lift of ['deadlift', 'rdl', 'sl-rdl'] as const) {
      const kneeFlexAtBottom = (faults: SyntheticSpec['faults']) => {
        const { clip, truth } = synthesizeClip({ ...base, lift, faults });
        const w = frameAt(clip, truth.reps[0].bottomMs).world!;
        const s = truth.side === 'right' ? 1 : 0;
        return 180 - angle3(w[23 + s], w[25 + s], w[27 + s]);
      };
      const clean = kneeFlexAtBottom(undefined);
      const bad = kneeFlexAtBottom({ 'hips-back': 0.9 });
      expect(bad - clean, lift).toBeGreaterThan(20);
    }
  });

  it('rounded-back shrinks hip-shoulder distance and raises the dorsal feature', () => {
    for (const lift of ['deadlift', 'rdl', 'kickstand-rdl'] as const) {
      const measure = (faults: SyntheticSpec['faults']) => {
        const { clip, truth } = synthesizeClip({ ...base, lift, faults });
        const s0 = clip.frames[0].world!;
        const f = frameAt(clip, truth.reps[0].bottomMs);
        const w = f.world!;
        const ratio = dist3(mid(w[11], w[12]), mid(w[23], w[24])) / dist3(mid(s0[11], s0[12]), mid(s0[23], s0[24]));
        return { ratio, dorsal: f.dorsal ?? NaN };
      };
      const clean = measure(undefined);
      const bad = measure({ 'rounded-back': 0.8 });
      expect(clean.ratio, lift).toBeGreaterThan(0.95);
      expect(bad.ratio, lift).toBeLessThan(clean.ratio - 0.08);
      expect(clean.dorsal, lift).toBeLessThan(0.015);
      expect(bad.dorsal, lift).toBeGreaterThan(0.035);
    }
  });

  it('side view overlaps the hips in x; front view separates them', () => {
    const side = synthesizeClip({ ...base, camera: { yawDeg: 0 } });
    const front = synthesizeClip({ ...base, camera: { yawDeg: 90 } });
    const back = synthesizeClip({ ...base, camera: { yawDeg: -90 } });
    expect(side.truth.view).toBe('side');
    expect(front.truth.view).toBe('front');
    expect(back.truth.view).toBe('back');
    const spread = (clip: PoseClip) => {
      const L = clip.frames[0].landmarks!;
      const torso = Math.abs(L[23][1] - L[11][1]) * clip.height;
      return (Math.abs(L[23][0] - L[24][0]) * clip.width) / torso;
    };
    expect(spread(side.clip)).toBeLessThan(0.06);
    expect(spread(front.clip)).toBeGreaterThan(0.25);
    // a person facing the camera has their left hip on the image right; seen from behind, on the left
    expect(front.clip.frames[0].landmarks![23][0]).toBeGreaterThan(front.clip.frames[0].landmarks![24][0]);
    expect(back.clip.frames[0].landmarks![23][0]).toBeLessThan(back.clip.frames[0].landmarks![24][0]);
  });

  it('facing left/right puts the nose on that side of the ears, near side closer in z', () => {
    for (const facing of ['left', 'right'] as const) {
      const { clip, truth } = synthesizeClip({ ...base, facing });
      expect(truth.facing).toBe(facing);
      const L = clip.frames[0].landmarks!;
      const earX = (L[7][0] + L[8][0]) / 2;
      expect(facing === 'left' ? L[0][0] < earX : L[0][0] > earX).toBe(true);
      // facing left shows the lifter's left side to the camera
      expect(facing === 'left' ? L[23][2] < 0 : L[23][2] > 0).toBe(true);
    }
  });

  it('single-leg: free foot off the floor during reps; kickstand: rear toe down, heel up', () => {
    for (const side of ['left', 'right'] as const) {
      const { clip, truth } = synthesizeClip({ ...base, lift: 'sl-rdl', side, reps: 2 });
      const st = side === 'left' ? 0 : 1; // stance offset (left = odd index)
      const fr = 1 - st;
      const t0 = truth.reps[0].startMs;
      const t1 = truth.reps[1].endMs;
      for (const f of clip.frames.filter((x) => x.t >= t0 && x.t <= t1)) {
        const w = f.world!;
        // world y is down: the free ankle and toe are clearly above the stance ankle / toe
        expect(w[27 + st][1] - w[27 + fr][1]).toBeGreaterThan(0.08);
        expect(w[31 + st][1] - w[31 + fr][1]).toBeGreaterThan(0.05);
      }
      // before the reps both feet are planted (calibration stance)
      const w0 = clip.frames[0].world!;
      expect(Math.abs(w0[27][1] - w0[28][1])).toBeLessThan(0.02);
    }
    const k = synthesizeClip({ ...base, lift: 'kickstand-rdl', side: 'left' });
    for (const f of k.clip.frames) {
      const w = f.world!;
      expect(Math.abs(w[31][1] - w[32][1])).toBeLessThan(0.03); // both toes on the floor
      expect(w[32][1] - w[30][1]).toBeGreaterThan(0.06); // rear heel up
    }
  });

  it('lost-balance puts the free foot down near the bottom', () => {
    const { clip, truth } = synthesizeClip({ ...base, lift: 'sl-rdl', faults: { 'lost-balance': 0.9 }, faultReps: [1] });
    const toeGap = (ms: number) => {
      const w = frameAt(clip, ms).world!;
      return w[31][1] - w[32][1];
    };
    expect(toeGap(truth.reps[1].bottomMs)).toBeLessThan(0.02);
    expect(toeGap(truth.reps[0].bottomMs)).toBeGreaterThan(0.2);
    expect(truth.reps[1].faults).toEqual(['lost-balance']);
    expect(truth.reps[0].faults).toEqual([]);
  });

  it('hip-rotation tilts the hip line in a front view', () => {
    const tilt = (faults: SyntheticSpec['faults']) => {
      const { clip, truth } = synthesizeClip({ ...base, lift: 'sl-rdl', faults, camera: { yawDeg: 90 } });
      const L = frameAt(clip, truth.reps[0].bottomMs).landmarks!;
      const dx = (L[23][0] - L[24][0]) * clip.width;
      const dy = (L[23][1] - L[24][1]) * clip.height;
      return Math.abs(deg(Math.atan2(dy, Math.abs(dx))));
    };
    expect(tilt({ 'hip-rotation': 0.9 })).toBeGreaterThan(tilt(undefined) + 12);
  });

  it('has the right timestamps, duration and tempo', () => {
    const { clip, truth } = synthesizeClip({ ...base, fps: 24, reps: 3, tempo: { lowerS: 2.5, bottomS: 0.3, riseS: 1, topS: 0.8 } });
    expect(clip.fps).toBe(24);
    clip.frames.forEach((f, i) => expect(Math.abs(f.t - (i * 1000) / 24)).toBeLessThan(0.01));
    expect(truth.reps).toHaveLength(3);
    expect(clip.frames[clip.frames.length - 1].t).toBeGreaterThan(truth.reps[2].endMs);
    expect(truth.reps[0].startMs).toBe(1500);
    for (const r of truth.reps) {
      expect(r.startMs).toBeLessThan(r.bottomMs);
      expect(r.bottomMs).toBeLessThan(r.endMs);
      expect(r.bottomMs - r.startMs).toBeGreaterThan(2200); // ~2.5 s down + half the bottom hold
    }
    const fast = synthesizeClip({ ...base, reps: 2, tempo: { lowerS: 2.5 }, faults: { 'fast-lowering': 0.8 }, faultReps: [1] });
    const [r0, r1] = fast.truth.reps;
    expect(r1.bottomMs - r1.startMs).toBeLessThan(1000);
    expect(r0.bottomMs - r0.startMs).toBeGreaterThan(2000);
    expect(r1.faults).toEqual(['fast-lowering']);
  });

  it('drops frames to null', () => {
    const { clip } = synthesizeClip({ ...base, reps: 2, dropout: 0.25 });
    const nulls = clip.frames.filter((f) => f.landmarks === null);
    expect(nulls.length / clip.frames.length).toBeGreaterThan(0.1);
    expect(nulls.length / clip.frames.length).toBeLessThan(0.45);
    for (const f of nulls) {
      expect(f.world).toBeNull();
      expect(f.dorsal ?? null).toBeNull();
    }
    expect(synthesizeClip(base).clip.frames.every((f) => f.landmarks !== null)).toBe(true);
  });

  it('labels only faults past their physical line that apply to the lift and the view can show', () => {
    // 35° spinal flexion, 350 ms lowering (both past their lines); 20° head extension is under its 30° line;
    // locked-knees does not apply to a deadlift
    const spec: SyntheticSpec = { ...base, magnitudes: { 'rounded-back': 35, 'fast-lowering': 350, 'neck-extension': 20, 'locked-knees': 178 } };
    const side = synthesizeClip(spec).truth.reps[0];
    expect(side.faults.sort()).toEqual(['fast-lowering', 'rounded-back']);
    expect(side.past['neck-extension']).toBe(false);
    const front = synthesizeClip({ ...spec, camera: { yawDeg: 90 } });
    const r = front.truth.reps[0];
    expect(r.faults).toEqual(['fast-lowering']);
    expect(r.past['rounded-back']).toBe(true); // past the line, but not visible from the front
    expect(r.magnitudes['rounded-back']).toBeCloseTo(35, 5);
    expect(r.magnitudes['locked-knees']).toBeUndefined(); // not a deadlift fault
    expect(r.requested['locked-knees']).toBeUndefined();
    const obl = synthesizeClip({ ...base, lift: 'sl-rdl', magnitudes: { 'hip-rotation': 25 }, camera: { yawDeg: 45 } });
    expect(obl.truth.view).toBe('oblique');
    expect(obl.truth.reps[0].past['hip-rotation']).toBe(true);
    expect(obl.truth.reps[0].faults).toEqual([]);
  });

  it('emits dorsal only in side views', () => {
    const side = synthesizeClip(base);
    expect(side.clip.frames.every((f) => typeof f.dorsal === 'number')).toBe(true);
    const front = synthesizeClip({ ...base, camera: { yawDeg: 90 } });
    expect(front.clip.frames.every((f) => f.dorsal === null)).toBe(true);
  });

  it('builds a small deterministic corpus covering every fault, with reps on both sides of each line', () => {
    const specs = syntheticCorpusSpecs({ size: 'small' });
    expect(specs.length).toBeGreaterThanOrEqual(25);
    expect(specs.length).toBeLessThanOrEqual(45);
    expect(new Set(specs.map((s) => s.name)).size).toBe(specs.length);
    expect(JSON.stringify(syntheticCorpusSpecs({ size: 'small' }))).toBe(JSON.stringify(specs));
    const corpus = syntheticCorpus({ size: 'small' });
    const seen = new Set(corpus.flatMap((e) => e.truth.reps.flatMap((r) => r.faults)));
    for (const f of FAULT_IDS) expect(seen.has(f), f).toBe(true);
    const under = new Set<string>();
    for (const e of corpus) {
      for (const r of e.truth.reps) {
        // every applicable fault has a measured size and a verdict against its line
        for (const f of FAULT_IDS) {
          const applies = FAULT_LIFTS[f].includes(e.truth.lift);
          expect(r.magnitudes[f] !== undefined, `${e.name} ${f}`).toBe(applies);
          if (applies) expect(r.past[f]).toBe(pastLine(faultLine(f, e.truth.lift), r.magnitudes[f]!));
          if (applies && r.requested[f] !== undefined && !r.past[f] && faultVisibleIn(f, e.truth.view)) under.add(f);
        }
      }
    }
    // requested sizes just under the line (not faulty) exist for every fault
    for (const f of FAULT_IDS) expect(under.has(f), f).toBe(true);
    const reps = corpus.flatMap((e) => e.truth.reps);
    expect(reps.filter((r) => r.faults.length === 0).length / reps.length).toBeGreaterThan(0.4);
    expect(syntheticCorpusSpecs({ size: 'full' }).length).toBeGreaterThanOrEqual(150);
  });

  it('samples each fault over its whole range with a dense band around the line (full corpus specs)', () => {
    const specs = syntheticCorpusSpecs({ size: 'full', seed: 3 });
    const count: Record<string, Record<Band, number>> = {};
    for (const { spec } of specs) {
      for (const m of spec.repMagnitudes ?? []) {
        for (const [f, v] of Object.entries(m ?? {}) as [FaultId, number][]) {
          const l = faultLine(f, spec.lift);
          const key = `${f}:${l.unit}`;
          count[key] ??= { 'far-under': 0, 'just-under': 0, 'just-over': 0, 'far-over': 0 };
          count[key][bandOf(l, f === 'weight-shift' ? Math.abs(v) : v)]++;
        }
      }
    }
    // hips-back and fast-lowering have a deadlift and an RDL-family line
    expect(Object.keys(count).length).toBe(FAULT_IDS.length + 1);
    for (const [k, c] of Object.entries(count)) {
      for (const b of BANDS) expect(c[b], `${k} ${b}`).toBeGreaterThanOrEqual(4);
      // the band around the line is sampled more densely than the far ranges
      expect(c['just-under'] + c['just-over'], k).toBeGreaterThan(c['far-under'] + c['far-over']);
    }
  });
});
