/**
 * One file for everything the app keeps on the device: the set history and
 * the saved reviews, with their landmark recordings, as versioned JSON.
 * Pure functions: encode, decode (with a plain message for every bad file),
 * and merge (what an import adds, by stable id, so importing twice adds
 * nothing). Reading files and writing the stores is data-transfer.ts's.
 */
import type { SavedSet } from '../live/set-history';
import type { ReviewIndexEntry, ReviewPayload } from './review-store';

export const ARCHIVE_FORMAT = 'hinge-coach-data';
/** Bump when a field changes meaning; decode reads every version up to this one. */
export const ARCHIVE_VERSION = 1;
/** Above this a file is refused before it is read: the page would run out of memory parsing it. */
export const MAX_ARCHIVE_BYTES = 512 * 1024 * 1024;

/** A saved review in the file: its list entry and its payload, the video (if kept) as base64. */
export interface ArchivedReview {
  entry: ReviewIndexEntry;
  payload: Omit<ReviewPayload, 'video'>;
  video?: { type: string; base64: string };
}

export interface Archive {
  format: typeof ARCHIVE_FORMAT;
  version: number;
  exportedAt: string;
  sets: SavedSet[];
  reviews: ArchivedReview[];
}

export class ArchiveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArchiveError';
  }
}

export function makeArchive(sets: readonly SavedSet[], reviews: readonly ArchivedReview[], now = new Date()): Archive {
  return { format: ARCHIVE_FORMAT, version: ARCHIVE_VERSION, exportedAt: now.toISOString(), sets: [...sets], reviews: [...reviews] };
}

export function encodeArchive(a: Archive): string {
  return JSON.stringify(a);
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length < 200;
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** The first thing wrong with a set from a file, or null. */
function setProblem(s: unknown): string | null {
  if (!isObj(s)) return 'is not an object';
  if (!isId(s.id)) return 'has no id';
  if (!isTime(s.startedAt)) return 'has no start time';
  if (!Array.isArray(s.reps)) return 'has no list of reps';
  if (s.reps.some((r) => !isObj(r) || typeof r.index !== 'number')) return 'has a damaged rep';
  if (typeof s.finished !== 'boolean') return 'does not say whether it was finished';
  return null;
}

function reviewProblem(r: unknown): string | null {
  if (!isObj(r) || !isObj(r.entry) || !isObj(r.payload)) return 'is not a saved review';
  if (!isId(r.entry.id) || r.payload.id !== r.entry.id) return 'has no id, or two different ones';
  if (!isTime(r.entry.savedAt)) return 'has no save time';
  const clip = r.payload.clip;
  if (!isObj(clip) || !Array.isArray(clip.frames)) return 'has no landmark recording';
  if (!isObj(r.payload.settings)) return 'has no settings';
  if (r.video !== undefined && (!isObj(r.video) || typeof r.video.base64 !== 'string' || typeof r.video.type !== 'string')) return 'has a damaged video';
  return null;
}

/**
 * Reads a data file (its text, or already parsed). Throws ArchiveError with a
 * message for the user: not JSON, not this app's file, a newer version, or
 * the first damaged record. A damaged file imports nothing.
 */
export function decodeArchive(input: string | unknown): Archive {
  let v: unknown = input;
  if (typeof input === 'string') {
    try {
      v = JSON.parse(input);
    } catch {
      throw new ArchiveError('This file is not a Hinge Coach data file: it is not JSON (it may be cut short or another kind of file).');
    }
  }
  if (!isObj(v)) throw new ArchiveError('This file is not a Hinge Coach data file.');
  if (v.format !== ARCHIVE_FORMAT) {
    if (Array.isArray(v.frames)) throw new ArchiveError('This is a landmark recording, not a data export: open it on the Review screen instead.');
    throw new ArchiveError('This file is not a Hinge Coach data file (it has no "format": "hinge-coach-data").');
  }
  if (typeof v.version !== 'number' || !Number.isInteger(v.version) || v.version < 1) {
    throw new ArchiveError('This data file is damaged: its version is missing or not a whole number.');
  }
  if (v.version > ARCHIVE_VERSION) {
    throw new ArchiveError(
      `This data file was written by a newer version of Hinge Coach (file version ${v.version}; this app reads up to ${ARCHIVE_VERSION}). Update the app (reload it while online), then import the file again. Nothing was imported.`,
    );
  }
  if (!Array.isArray(v.sets) || !Array.isArray(v.reviews)) throw new ArchiveError('This data file is damaged: it has no list of sets or of reviews. Nothing was imported.');
  v.sets.forEach((s, i) => {
    const p = setProblem(s);
    if (p) throw new ArchiveError(`This data file is damaged: set ${i + 1} of ${(v.sets as unknown[]).length} ${p}. Nothing was imported.`);
  });
  v.reviews.forEach((r, i) => {
    const p = reviewProblem(r);
    if (p) throw new ArchiveError(`This data file is damaged: saved review ${i + 1} of ${(v.reviews as unknown[]).length} ${p}. Nothing was imported.`);
  });
  return {
    format: ARCHIVE_FORMAT,
    version: v.version,
    exportedAt: typeof v.exportedAt === 'string' ? v.exportedAt : '',
    sets: v.sets as SavedSet[],
    reviews: v.reviews as ArchivedReview[],
  };
}

export interface MergePlan {
  sets: SavedSet[];
  reviews: ArchivedReview[];
  /** records already on this device (or twice in the file): left as they are */
  skippedSets: number;
  skippedReviews: number;
}

/**
 * What importing `a` adds to a device that already has these ids. Ids are
 * stable across devices, so a record already here is kept as it is (never
 * overwritten, never doubled), and a record twice in the file counts once.
 */
export function planMerge(have: { sets: ReadonlySet<string>; reviews: ReadonlySet<string> }, a: Archive): MergePlan {
  const seenSets = new Set(have.sets);
  const seenReviews = new Set(have.reviews);
  const plan: MergePlan = { sets: [], reviews: [], skippedSets: 0, skippedReviews: 0 };
  for (const s of a.sets) {
    if (seenSets.has(s.id)) plan.skippedSets++;
    else {
      seenSets.add(s.id);
      plan.sets.push(s);
    }
  }
  for (const r of a.reviews) {
    if (seenReviews.has(r.entry.id)) plan.skippedReviews++;
    else {
      seenReviews.add(r.entry.id);
      plan.reviews.push(r);
    }
  }
  return plan;
}

/** Bytes as base64, in chunks (one String.fromCharCode call per byte would overflow the stack). */
export function toBase64(bytes: Uint8Array): string {
  let s = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) s += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(s);
}

export function fromBase64(b64: string): Uint8Array<ArrayBuffer> {
  let bin: string;
  try {
    bin = atob(b64);
  } catch {
    throw new ArchiveError('This data file is damaged: a video in it is not valid base64.');
  }
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
