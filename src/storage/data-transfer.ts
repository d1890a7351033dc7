/**
 * Export and import of everything on the device, between the stores and one
 * file (the format is archive.ts's). A failed write on import stops there and
 * says so; the file still holds it all, so importing it again later finishes
 * the job without doubling what already came in.
 */
import type { SetHistory, SavedSet } from '../live/set-history';
import type { ReviewLibrary } from './review-store';
import { decodeArchive, encodeArchive, fromBase64, makeArchive, planMerge, toBase64, type ArchivedReview } from './archive';
import { isStorageFull } from './idb-store';

export interface ExportOptions {
  /** the review videos too, as base64 (a file ~4/3 their size); landmarks always */
  videos: boolean;
}

export async function exportData(history: SetHistory, library: ReviewLibrary, opt: ExportOptions): Promise<{ text: string; sets: number; reviews: number }> {
  // Sets kept only in memory (storage full) are exported too: that is how they are not lost.
  const sets: SavedSet[] = (await history.all()).map(({ notSaved: _, ...s }) => s);
  const reviews: ArchivedReview[] = [];
  for (const entry of await library.list()) {
    const p = await library.load(entry.id);
    if (!p) continue;
    const { video, ...payload } = p;
    const r: ArchivedReview = { entry: { ...entry }, payload };
    if (opt.videos && video) r.video = { type: video.type || p.videoType || '', base64: toBase64(new Uint8Array(await video.arrayBuffer())) };
    else r.entry.hasVideo = false;
    reviews.push(r);
  }
  return { text: encodeArchive(makeArchive(sets, reviews)), sets: sets.length, reviews: reviews.length };
}

export interface ImportResult {
  addedSets: number;
  addedReviews: number;
  skippedSets: number;
  skippedReviews: number;
  /** sets that came in but are kept in memory only (the device is full) */
  unsavedSets: number;
  /** reviews not written because the device is full (import the file again once there is room) */
  failedReviews: number;
}

/** Imports a data file's text. Throws ArchiveError for a bad file (nothing imported). */
export async function importData(text: string, history: SetHistory, library: ReviewLibrary): Promise<ImportResult> {
  const archive = decodeArchive(text);
  const plan = planMerge({ sets: await history.ids(), reviews: await library.ids() }, archive);
  const out: ImportResult = { addedSets: 0, addedReviews: 0, skippedSets: plan.skippedSets, skippedReviews: plan.skippedReviews, unsavedSets: 0, failedReviews: 0 };
  for (const s of plan.sets) {
    try {
      await history.put(s);
    } catch (e) {
      if (!isStorageFull(e)) throw e;
      out.unsavedSets++; // history keeps it in memory, listed as not saved
    }
    out.addedSets++;
  }
  for (let i = 0; i < plan.reviews.length; i++) {
    const r = plan.reviews[i];
    const video = r.video ? new Blob([fromBase64(r.video.base64)], { type: r.video.type }) : undefined;
    try {
      await library.save({ ...r.entry, hasVideo: !!video }, { ...r.payload, ...(video ? { video, videoType: r.video!.type } : {}) });
    } catch (e) {
      if (!isStorageFull(e)) throw e;
      out.failedReviews = plan.reviews.length - i;
      break;
    }
    out.addedReviews++;
  }
  return out;
}

/** The import's outcome in words. */
export function importSummary(r: ImportResult): string {
  const n = (k: number, one: string) => `${k} ${one}${k === 1 ? '' : 's'}`;
  const parts = [`Imported ${n(r.addedSets, 'set')} and ${n(r.addedReviews, 'saved review')}.`];
  const skipped = r.skippedSets + r.skippedReviews;
  if (skipped) parts.push(`${n(skipped, 'record')} already on this device ${skipped === 1 ? 'was' : 'were'} left as ${skipped === 1 ? 'it was' : 'they were'}.`);
  if (r.unsavedSets) parts.push(`The device's storage is full: ${n(r.unsavedSets, 'set')} ${r.unsavedSets === 1 ? 'is' : 'are'} kept in this page only, marked "not saved".`);
  if (r.failedReviews) parts.push(`The device's storage is full: ${n(r.failedReviews, 'review')} could not be saved. Free some space and import the file again (nothing is doubled).`);
  return parts.join(' ');
}
