/**
 * The landmark-recording interchange format (same shape as
 * ../shared/landmarks/*.json): parse with clear errors, serialise compactly.
 * The app exports and re-imports these; the analyzer consumes them.
 */
import { LANDMARK_COUNT, type Landmark, type PoseClip, type PoseFrame } from './types';

export class RecordingError extends Error {
  constructor(
    message: string,
    /** where in the document, e.g. "frames[12].landmarks[3]" */
    readonly path: string,
  ) {
    super(path ? `${path}: ${message}` : message);
    this.name = 'RecordingError';
  }
}

function isNum(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function parseLandmarks(v: unknown, path: string): Landmark[] | null {
  if (v === null || v === undefined) return null;
  if (!Array.isArray(v)) throw new RecordingError('expected an array of landmarks or null', path);
  if (v.length !== LANDMARK_COUNT) throw new RecordingError(`expected ${LANDMARK_COUNT} landmarks, got ${v.length}`, path);
  const out: Landmark[] = new Array(LANDMARK_COUNT);
  for (let i = 0; i < LANDMARK_COUNT; i++) {
    const lm = v[i];
    if (!Array.isArray(lm) || lm.length < 3 || lm.length > 4) throw new RecordingError('expected [x, y, z, visibility]', `${path}[${i}]`);
    for (let k = 0; k < lm.length; k++) {
      if (!isNum(lm[k])) throw new RecordingError('expected a finite number', `${path}[${i}][${k}]`);
    }
    out[i] = [lm[0], lm[1], lm[2], lm.length === 4 ? lm[3] : 1];
  }
  return out;
}

/**
 * Parse a recording from JSON text or an already-parsed value. Throws
 * RecordingError naming the offending field. Frames must be in time order.
 */
export function parseRecording(input: string | unknown): PoseClip {
  let doc: unknown = input;
  if (typeof input === 'string') {
    try {
      doc = JSON.parse(input);
    } catch (e) {
      throw new RecordingError(`not valid JSON (${(e as Error).message})`, '');
    }
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new RecordingError('expected a JSON object with fps, width, height, frames', '');
  const o = doc as Record<string, unknown>;
  for (const k of ['fps', 'width', 'height'] as const) {
    if (!isNum(o[k]) || (o[k] as number) <= 0) throw new RecordingError('expected a positive number', k);
  }
  if (!Array.isArray(o.frames)) throw new RecordingError('expected an array', 'frames');
  const frames: PoseFrame[] = [];
  let lastT = -Infinity;
  o.frames.forEach((f: unknown, i: number) => {
    const p = `frames[${i}]`;
    if (typeof f !== 'object' || f === null) throw new RecordingError('expected an object', p);
    const fr = f as Record<string, unknown>;
    if (!isNum(fr.t)) throw new RecordingError('expected a time in ms', `${p}.t`);
    if (fr.t < lastT) throw new RecordingError(`time goes backwards (${fr.t} after ${lastT})`, `${p}.t`);
    lastT = fr.t;
    const landmarks = parseLandmarks(fr.landmarks, `${p}.landmarks`);
    const world = parseLandmarks(fr.world, `${p}.world`);
    const frame: PoseFrame = { t: fr.t, landmarks, world };
    if (fr.dorsal !== undefined) {
      if (fr.dorsal !== null && !isNum(fr.dorsal)) throw new RecordingError('expected a number or null', `${p}.dorsal`);
      frame.dorsal = fr.dorsal as number | null;
    }
    if (fr.people !== undefined) {
      if (!isNum(fr.people) || fr.people < 0) throw new RecordingError('expected a count', `${p}.people`);
      frame.people = fr.people;
    }
    frames.push(frame);
  });
  const clip: PoseClip = { fps: o.fps as number, width: o.width as number, height: o.height as number, frames };
  if (typeof o.source === 'string') clip.source = o.source;
  if (typeof o.model === 'string') clip.model = o.model;
  return clip;
}

const r4 = (v: number) => Math.round(v * 1e4) / 1e4;

/** Serialise a recording (numbers rounded to 4 decimals like the shared recordings). */
export function serializeRecording(clip: PoseClip): string {
  const lm = (a: Landmark[] | null) => (a ? a.map((p) => [r4(p[0]), r4(p[1]), r4(p[2]), r4(p[3])]) : null);
  return JSON.stringify({
    ...(clip.source !== undefined ? { source: clip.source } : {}),
    ...(clip.model !== undefined ? { model: clip.model } : {}),
    fps: clip.fps,
    width: clip.width,
    height: clip.height,
    frames: clip.frames.map((f) => ({
      t: r4(f.t),
      landmarks: lm(f.landmarks),
      world: lm(f.world),
      ...(f.dorsal !== undefined ? { dorsal: f.dorsal === null ? null : r4(f.dorsal) } : {}),
      ...(f.people !== undefined ? { people: f.people } : {}),
    })),
  });
}
