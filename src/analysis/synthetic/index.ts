/**
 * Synthetic lifter: scripted hinge reps from a kinematic stick model, projected
 * through a pinhole camera into MediaPipe-shaped PoseClips, with ground truth.
 * See README.md in this folder.
 */
import type { FaultId, Landmark, Lift, PoseClip, PoseFrame, Side, View } from '../types';
import { FAULT_IDS, LIFTS } from '../types';
import { type Implement, type V3, fk, makeBody } from './body';
import { type CameraOptions, makeCamera, project, toCamera } from './camera';
import { dorsalRise, type P2, smoothOutline } from './dorsal';
import { DEFAULT_TEMPO, FAULT_LIFTS, Script, type Targets, makeLayout, makeStyle, planReps } from './motion';
import { type Band, BANDS, degreeToMagnitude, faultLine, magnitudeIn, pastLine } from './physical';
import { Rng, hashSeed } from './rng';
import { type RepDetail, measureRep, standing } from './truth';

export { FAULT_LIFTS } from './motion';
export { BANDS, bandOf, excess, faultLine, pastLine } from './physical';
export type { Band, FaultLine, Sense } from './physical';
export type { RepDetail } from './truth';
export type { Implement } from './body';

export interface SyntheticSpec {
  lift: Lift;
  /** working (stance) side for single-leg lifts (default 'left') */
  side?: Side;
  reps: number;
  fps: number;
  width: number;
  height: number;
  /**
   * Fault sizes in physical units (physical.ts: deg, cm, ms, ratios), applied to the reps in
   * faultReps. A fault not given is performed the lifter's own clean way.
   */
  magnitudes?: Partial<Record<FaultId, number>>;
  /** per-rep physical sizes (index = rep), on top of `magnitudes` */
  repMagnitudes?: (Partial<Record<FaultId, number>> | undefined)[];
  /**
   * Legacy: degree 0..1 per fault (0.5 = the physical line of physical.ts, 1 = severe), turned
   * into a physical size; applied to the reps in faultReps.
   */
  faults?: Partial<Record<FaultId, number>>;
  /** rep indices with `magnitudes` / `faults`; default: all reps */
  faultReps?: number[];
  camera?: CameraOptions;
  /** for side views, which way the lifter faces in the image (default 'left') */
  facing?: 'left' | 'right';
  /** ratios ~1 = average */
  body?: { heightM?: number; torso?: number; femur?: number; shin?: number; arm?: number };
  tempo?: { lowerS?: number; bottomS?: number; riseS?: number; topS?: number };
  /** standing still before the first rep (s), default 1.5 */
  standS?: number;
  /** std of image-coordinate noise in normalised units of the frame's shorter side (default 0.003) */
  noise?: number;
  /** fraction of frames with no person (in short bursts) */
  dropout?: number;
  seed?: number;
  /** extra: barbell / kettlebell / dumbbells (default: drawn from the seed per lift) */
  implement?: Implement;
  /** extra: emit the per-frame `dorsal` feature in side views (default true) */
  dorsal?: boolean;
  /** extra: recorded as clip.source */
  name?: string;
}

export interface SyntheticRepTruth {
  index: number;
  /** lowering starts */
  startMs: number;
  /** middle of the bottom hold */
  bottomMs: number;
  /** lockout reached (end of the rise) */
  endMs: number;
  /** faults past their physical line, applicable to the lift and visible from this view */
  faults: FaultId[];
  /** every applicable fault's size, measured on the rendered body, in physical.ts units (visible or not) */
  magnitudes: Partial<Record<FaultId, number>>;
  /** whether each applicable fault is past its line (visible or not) */
  past: Partial<Record<FaultId, boolean>>;
  /** what the spec asked for (physical units) */
  requested: Partial<Record<FaultId, number>>;
  /** extra: foot pitch, heel and toe rise */
  detail: RepDetail;
}

export interface SyntheticTruth {
  lift: Lift;
  side: Side | null;
  view: View;
  facing: 'left' | 'right' | null;
  reps: SyntheticRepTruth[];
  /** extras */
  implement: Implement;
  camera: { yawDeg: number; pitchDeg: number; distanceM: number; heightM: number };
}

const SAGITTAL: ReadonlySet<FaultId> = new Set<FaultId>([
  'hips-back',
  'rounded-back',
  'bar-drift',
  'hips-rise-first',
  'lockout-lean',
  'neck-extension',
  'locked-knees',
  // heel / toe pitch of the planted foot: seen side-on (FAULTS.md)
  'weight-shift',
]);

/** Whether a fault can be seen (and so is labelled) from a view. */
export function faultVisibleIn(f: FaultId, view: View): boolean {
  if (SAGITTAL.has(f)) return view === 'side';
  if (f === 'hip-rotation' || f === 'lost-balance') return view === 'side' || view === 'front' || view === 'back';
  return true;
}

export function faultApplies(f: FaultId, lift: Lift): boolean {
  return FAULT_LIFTS[f].includes(lift);
}

const r4 = (x: number) => Math.round(x * 1e4) / 1e4;

function sideOf(j: number): number {
  if (j === 0) return 0;
  if (j <= 3) return 1;
  if (j <= 6) return -1;
  if (j <= 10) return j % 2 === 1 ? 1 : -1;
  return j % 2 === 1 ? 1 : -1;
}

export function synthesizeClip(spec: SyntheticSpec): { clip: PoseClip; truth: SyntheticTruth } {
  const seed = spec.seed ?? 1;
  const rng = new Rng(hashSeed('synthetic-lifter', seed));
  const lift = spec.lift;
  const single = lift === 'sl-rdl' || lift === 'kickstand-rdl';
  const side: Side | null = single ? (spec.side ?? 'left') : null;
  const body = makeBody(spec.body);
  const style = makeStyle(lift, rng.fork('style'), spec.implement);
  const layout = makeLayout(lift, body, style, side !== 'right', rng.fork('layout'));
  const tempo = { ...DEFAULT_TEMPO[lift], ...(spec.tempo ?? {}) };
  const standS = spec.standS ?? 1.5;
  const nReps = Math.max(0, Math.floor(spec.reps));
  const faultReps = new Set(spec.faultReps ?? Array.from({ length: nReps }, (_, i) => i));
  const tgts: Targets[] = [];
  for (let i = 0; i < nReps; i++) {
    const d: Targets = {};
    for (const f of FAULT_IDS) {
      if (!faultApplies(f, lift)) continue;
      const deg = faultReps.has(i) ? spec.faults?.[f] : undefined;
      if (deg !== undefined && deg > 0) d[f] = degreeToMagnitude(faultLine(f, lift), Math.min(1, deg));
      const m = faultReps.has(i) ? spec.magnitudes?.[f] : undefined;
      if (m !== undefined) d[f] = m;
      const r = spec.repMagnitudes?.[i]?.[f];
      if (r !== undefined) d[f] = r;
    }
    tgts.push(d);
  }
  const { plans, duration } = planReps(nReps, standS, tempo, tgts, rng.fork('timeline'));
  const script = new Script(lift, body, layout, style, plans, standS);

  // framing: sample the whole motion
  const samples: V3[] = [];
  for (let t = 0; t <= duration; t += 0.2) {
    const pts = fk(body, layout, script.poseAt(t).pose).pts;
    for (const p of pts) samples.push(p);
    const ear = pts[7];
    samples.push([ear[0], ear[1] + 0.07 * body.H, ear[2]]);
  }
  const width = spec.width;
  const height = spec.height;
  const cam = makeCamera(spec.camera ?? {}, spec.facing ?? 'left', width, height, samples);

  const noise = Math.max(0, spec.noise ?? 0.003);
  const dropout = Math.min(1, Math.max(0, spec.dropout ?? 0));
  const nrng = rng.fork('noise');
  const vrng = rng.fork('visibility');
  const drng = rng.fork('dropout');
  const zGain = rng.fork('zgain').uniform(2.6, 4.2);
  const visBase = Array.from({ length: 33 }, () => vrng.uniform(0.975, 0.999));
  const visJ = new Array<number>(33).fill(0);
  const arX = new Array<number>(33).fill(0);
  const arY = new Array<number>(33).fill(0);
  const arZ = new Array<number>(33).fill(0);
  const minSide = Math.min(width, height);
  const sx = (noise * minSide) / width;
  const sy = (noise * minSide) / height;
  const sz = 4 * noise;
  const sw = (noise / 0.003) * 0.006;
  const aN = 0.5;
  const kN = Math.sqrt(1 - aN * aN);
  const burst = 2.5;
  const pEnter = dropout >= 1 ? 1 : dropout / (burst * (1 - dropout));
  let inDrop = false;
  const emitDorsal = spec.dorsal !== false && cam.view === 'side';
  const dorsalSd = 0.0025 * Math.min(2, noise / 0.003);
  const farOf = (s: number) => (s > 0 ? Math.max(0, cam.leftDepth) : s < 0 ? Math.max(0, -cam.leftDepth) : 0);
  const away = Math.max(0, cam.fwdDepth);

  const frames: PoseFrame[] = [];
  const nFrames = Math.floor(duration * spec.fps) + 1;
  for (let i = 0; i < nFrames; i++) {
    const t = i / spec.fps;
    const tMs = Math.round((i * 1e6) / spec.fps) / 1000;
    // noise processes advance every frame so dropouts do not change the rest
    for (let j = 0; j < 33; j++) {
      arX[j] = aN * arX[j] + kN * nrng.gauss();
      arY[j] = aN * arY[j] + kN * nrng.gauss();
      arZ[j] = aN * arZ[j] + kN * nrng.gauss();
      visJ[j] = 0.93 * visJ[j] + 0.03 * vrng.gauss();
    }
    const wn = [nrng.gauss(), nrng.gauss(), nrng.gauss()];
    const dn = nrng.gauss();
    inDrop = dropout <= 0 ? false : inDrop ? drng.next() < 1 - 1 / burst || dropout >= 1 : drng.next() < pEnter;
    if (inDrop) {
      frames.push({ t: tMs, landmarks: null, world: null, dorsal: null });
      continue;
    }
    const { pose } = script.poseAt(t);
    const f = fk(body, layout, pose);
    const cc = f.pts.map((p) => toCamera(cam, p));
    const hm: V3 = [(cc[23][0] + cc[24][0]) / 2, (cc[23][1] + cc[24][1]) / 2, (cc[23][2] + cc[24][2]) / 2];
    const lms: Landmark[] = [];
    const wld: Landmark[] = [];
    for (let j = 0; j < 33; j++) {
      const c = cc[j];
      const Z = Math.max(c[2], 0.05);
      const px = cam.cx + (cam.fpx * c[0]) / Z;
      const py = cam.cy + (cam.fpx * c[1]) / Z;
      const s = sideOf(j);
      const far = farOf(s);
      const face = j <= 10;
      const core = j === 11 || j === 12 || j === 23 || j === 24;
      const pen = face ? 0.06 : j === 23 || j === 24 ? 0.02 : core ? 0.12 : 0.5;
      let vis = visBase[j] - pen * far - (face ? 0.4 * away : 0) + visJ[j] * (0.25 + 2 * far);
      const nm = 1 + 0.8 * far;
      const x = px / width + sx * nm * arX[j];
      const y = py / height + sy * nm * arY[j];
      const z = (zGain * (c[2] - hm[2]) * cam.fpx) / hm[2] / width + sz * nm * arZ[j];
      if (x < -0.01 || x > 1.01 || y < -0.01 || y > 1.01) vis *= 0.3;
      vis = Math.min(0.9999, Math.max(0.005, vis));
      lms.push([r4(x), r4(y), r4(z), r4(vis)]);
      wld.push([
        r4(c[0] - hm[0] + sw * nm * arX[(j + 7) % 33] * 0.8 + sw * 0.2 * wn[0]),
        r4(c[1] - hm[1] + sw * nm * arY[(j + 11) % 33] * 0.8 + sw * 0.2 * wn[1]),
        r4(c[2] - hm[2] + 2.5 * sw * nm * arZ[(j + 5) % 33]),
        r4(vis),
      ]);
    }
    // MediaPipe's image z is relative to the hip mid-point: hips are symmetric
    const zh = (lms[23][2] - lms[24][2]) / 2;
    lms[23][2] = r4(zh);
    lms[24][2] = r4(-zh);
    const frame: PoseFrame = { t: tMs, landmarks: lms, world: wld };
    if (emitDorsal) {
      const H2 = project(cam, [(f.pts[23][0] + f.pts[24][0]) / 2, (f.pts[23][1] + f.pts[24][1]) / 2, (f.pts[23][2] + f.pts[24][2]) / 2]);
      const S2 = project(cam, [(f.pts[11][0] + f.pts[12][0]) / 2, (f.pts[11][1] + f.pts[12][1]) / 2, (f.pts[11][2] + f.pts[12][2]) / 2]);
      const outline = smoothOutline(f.back.map((q): P2 => {
        const pp = project(cam, q);
        return [pp[0], pp[1]];
      }));
      const F = dorsalRise([H2[0], H2[1]], [S2[0], S2[1]], outline, cam.facing === 'left');
      frame.dorsal = F === null ? null : r4(F + dorsalSd * dn);
    } else {
      frame.dorsal = null;
    }
    frames.push(frame);
  }

  const clip: PoseClip = {
    source: spec.name ?? `synthetic/${lift}/seed-${seed}`,
    model: 'synthetic-kinematic-v1',
    fps: spec.fps,
    width,
    height,
    frames,
  };
  const applicable = FAULT_IDS.filter((f) => faultApplies(f, lift));
  const stand = standing(script, body, layout);
  const truth: SyntheticTruth = {
    lift,
    side,
    view: cam.view,
    facing: cam.facing,
    implement: style.implement,
    camera: { yawDeg: cam.yawDeg, pitchDeg: r4(cam.pitchDeg), distanceM: r4(cam.distanceM), heightM: cam.heightM },
    reps: plans.map((r) => {
      const { magnitudes, detail } = measureRep(script, body, layout, lift, r, applicable, stand);
      const past: Partial<Record<FaultId, boolean>> = {};
      const faults: FaultId[] = [];
      for (const fid of applicable) {
        const m = magnitudes[fid];
        if (m === undefined) continue;
        magnitudes[fid] = r4(m);
        past[fid] = pastLine(faultLine(fid, lift), m);
        if (past[fid] && faultVisibleIn(fid, cam.view)) faults.push(fid);
      }
      return {
        index: r.index,
        startMs: Math.round(r.t0 * 1000),
        bottomMs: Math.round(((r.t1 + r.t2) / 2) * 1000),
        endMs: Math.round(r.t3 * 1000),
        faults,
        magnitudes,
        past,
        requested: { ...r.tgt },
        detail: { footPitchDeg: r4(detail.footPitchDeg), heelRiseCm: r4(detail.heelRiseCm), toeRiseCm: r4(detail.toeRiseCm) },
      };
    }),
  };
  return { clip, truth };
}

// ------------------------------------------------------------------ corpus

type ViewPick = 'side' | 'front' | 'back' | 'oblique';

/** Two faults on the same reps (each rep's sizes drawn over both faults' bands). */
const TWO_FAULT: [Lift, FaultId, FaultId][] = [
  ['deadlift', 'rounded-back', 'bar-drift'],
  ['deadlift', 'hips-back', 'fast-lowering'],
  ['deadlift', 'hips-rise-first', 'neck-extension'],
  ['deadlift', 'lockout-lean', 'rounded-back'],
  ['deadlift', 'weight-shift', 'bar-drift'],
  ['rdl', 'rounded-back', 'locked-knees'],
  ['rdl', 'bar-drift', 'lockout-lean'],
  ['rdl', 'hips-back', 'weight-shift'],
  ['sl-rdl', 'hip-rotation', 'lost-balance'],
  ['sl-rdl', 'rounded-back', 'locked-knees'],
  ['kickstand-rdl', 'hip-rotation', 'fast-lowering'],
  ['kickstand-rdl', 'hips-back', 'rounded-back'],
];

function viewsFor(faults: FaultId[]): ViewPick[] {
  const all: ViewPick[] = ['side', 'front', 'back', 'oblique'];
  return all.filter((v) => faults.every((f) => faultVisibleIn(f, v)));
}

/**
 * The bands of a fault clip's reps: most reps in the dense band around the line (just under /
 * just over), the rest far under (or clean: no request) and far over. Shuffled per clip.
 */
function repBands(rng: Rng, reps: number): (Band | 'clean')[] {
  const core: (Band | 'clean')[] = ['just-under', 'just-over', 'far-over', rng.chance(0.5) ? 'clean' : 'far-under', 'just-under', 'just-over'];
  const out = core.slice(0, reps);
  while (out.length < reps) out.push(rng.pick(BANDS));
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** A physical size in a band; weight-shift also picks heel-up (+) or toes-up (-). */
function drawMagnitude(rng: Rng, f: FaultId, lift: Lift, band: Band): number {
  const m = magnitudeIn(faultLine(f, lift), band, rng.next());
  if (f === 'weight-shift') {
    // deadlifts tend to rock onto the toes, RDLs to sit back onto the heels
    const heelUp = rng.chance(lift === 'deadlift' ? 0.7 : 0.4);
    return Math.round((heelUp ? m : -m) * 100) / 100;
  }
  return Math.round(m * 1000) / 1000;
}

function randomSpec(
  rng: Rng,
  lift: Lift,
  view: ViewPick,
  faults: FaultId[],
  small: boolean,
  seed: number,
): SyntheticSpec {
  const reps = faults.length ? (small ? 4 : 6) : small ? 3 : 5;
  const fps = small ? rng.pick([15, 25, 30]) : rng.pick([15, 24, 25, 30, 30, 30, 50, 60]);
  const [width, height] = rng.pick([
    [360, 640],
    [720, 1280],
    [1280, 720],
    [1920, 1080],
    [640, 480],
    [1080, 1920],
  ] as const);
  const facing = rng.chance(0.5) ? 'left' : 'right';
  const yawDeg =
    view === 'side'
      ? rng.uniform(-12, 12)
      : view === 'front'
        ? 90 + rng.uniform(-10, 10)
        : view === 'back'
          ? -90 + rng.uniform(-10, 10)
          : (rng.chance(0.5) ? 1 : -1) * rng.uniform(35, 55);
  let repMagnitudes: Partial<Record<FaultId, number>>[] | undefined;
  if (faults.length) {
    const bands = faults.map(() => repBands(rng, reps));
    repMagnitudes = Array.from({ length: reps }, (_, i) => {
      const m: Partial<Record<FaultId, number>> = {};
      faults.forEach((f, k) => {
        const b = bands[k][i];
        if (b !== 'clean') m[f] = drawMagnitude(rng, f, lift, b);
      });
      return m;
    });
  }
  // clean lowering tempo, on the clean side of the lowering lines (physical.ts): deadlifts are
  // often lowered in about a second, RDLs in the articles' 2-3 s
  const fl = faultLine('fast-lowering', lift).clean;
  const lowerS = rng.uniform(fl[0], fl[1]) / 1000 / (lift === 'deadlift' ? 1 : 0.94);
  return {
    lift,
    side: rng.chance(0.5) ? 'left' : 'right',
    reps,
    fps,
    width,
    height,
    repMagnitudes,
    camera: {
      yawDeg: Math.round(yawDeg * 10) / 10,
      heightM: Math.round(rng.uniform(0.5, 1.5) * 100) / 100,
      fill: rng.uniform(0.45, 0.85),
      offsetX: rng.uniform(-0.08, 0.08),
    },
    facing,
    body: {
      heightM: Math.round(rng.uniform(1.55, 1.95) * 100) / 100,
      torso: rng.uniform(0.88, 1.12),
      femur: rng.uniform(0.88, 1.12),
      shin: rng.uniform(0.9, 1.1),
      arm: rng.uniform(0.92, 1.08),
    },
    tempo: {
      lowerS: Math.min(lowerS, fl[1] / 1000),
      bottomS: rng.uniform(0.2, 0.8),
      riseS: rng.uniform(0.8, 1.6),
      topS: rng.uniform(0.6, 1.4),
    },
    standS: rng.uniform(1.0, 2.0),
    noise: rng.chance(0.1) ? 0 : rng.uniform(0.001, 0.006),
    dropout: rng.chance(0.6) ? 0 : rng.uniform(0.005, 0.05),
    seed,
  };
}

export interface CorpusEntry {
  name: string;
  spec: SyntheticSpec;
  clip: PoseClip;
  truth: SyntheticTruth;
}

/** Fault clips per fault (spread over the lifts it applies to). */
const CLIPS_PER_FAULT = { small: 3, full: 20 } as const;

/** The corpus specs only (cheap); `syntheticCorpus` synthesizes them. */
export function syntheticCorpusSpecs(opts: { seed?: number; size?: 'small' | 'full' } = {}): { name: string; spec: SyntheticSpec }[] {
  const seed = opts.seed ?? 7;
  const small = (opts.size ?? 'full') === 'small';
  const rng = new Rng(hashSeed('synthetic-corpus-physical', seed, small ? 'small' : 'full'));
  const out: { name: string; spec: SyntheticSpec }[] = [];
  const add = (lift: Lift, view: ViewPick, faults: FaultId[]) => {
    const i = out.length;
    const spec = randomSpec(rng, lift, view, faults, small, hashSeed(seed, i, lift, view, faults.join('+')));
    const label = faults.length ? faults.join('+') : 'clean';
    const name = `${String(i).padStart(3, '0')}-${lift}-${view}-${label}`;
    spec.name = `synthetic:${name}`;
    out.push({ name, spec });
  };
  // clean clips (every rep the lifter's own way) over every view
  const cleanViews: ViewPick[] = small ? ['side'] : ['side', 'side', 'front', 'back', 'oblique'];
  for (const lift of LIFTS) for (const v of cleanViews) add(lift, v, []);
  // one fault per clip, its reps spread over the bands around the line
  const n = small ? CLIPS_PER_FAULT.small : CLIPS_PER_FAULT.full;
  for (const fid of FAULT_IDS) {
    const lifts = LIFTS.filter((l) => faultApplies(fid, l));
    const views = viewsFor([fid]);
    // hips-back and fast-lowering have a deadlift line and an RDL-family line: half the clips each
    const split = fid === 'hips-back' || fid === 'fast-lowering';
    const rdls = lifts.filter((l) => l !== 'deadlift');
    for (let k = 0; k < n; k++) {
      // small: a random lift per clip; full: every lift in turn
      const off = rng.int(0, lifts.length - 1);
      const lift = split && !small ? (k % 2 === 0 ? 'deadlift' : rdls[(k >> 1) % rdls.length]) : lifts[(k + (small ? off : 0)) % lifts.length];
      // sagittal faults side-on; the others over the views that show them
      const view = SAGITTAL.has(fid) ? 'side' : views[(k + rng.int(0, views.length - 1)) % views.length];
      add(lift, view, [fid]);
    }
  }
  // two faults on the same reps
  if (!small) {
    for (const [lift, a, b] of TWO_FAULT) {
      const views = viewsFor([a, b]);
      for (let k = 0; k < 2; k++) add(lift, views[rng.int(0, views.length - 1)], [a, b]);
    }
  }
  return out;
}

/**
 * A deterministic corpus spread over lifts, views, noise, proportions and fault sizes: per fault,
 * reps far under, just under, just over and far over its physical line (physical.ts), plus clean
 * clips. Truth is measured on the rendered body, not taken from the analyzer.
 */
export function syntheticCorpus(opts: { seed?: number; size?: 'small' | 'full' } = {}): CorpusEntry[] {
  return syntheticCorpusSpecs(opts).map(({ name, spec }) => {
    const { clip, truth } = synthesizeClip(spec);
    return { name, spec, clip, truth };
  });
}
