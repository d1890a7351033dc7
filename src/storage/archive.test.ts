import { describe, expect, it } from 'vitest';
import { analyzeClip, serializeRecording } from '../analysis';
import { synthesizeClip } from '../analysis/synthetic';
import { SetHistory, type SavedSet } from '../live/set-history';
import { ReviewLibrary, type ReviewIndexEntry, type ReviewPayload } from './review-store';
import { ARCHIVE_VERSION, ArchiveError, decodeArchive, encodeArchive, fromBase64, makeArchive, planMerge, toBase64 } from './archive';
import { exportData, importData, importSummary } from './data-transfer';
import { memoryStore, StorageFullError, type Store } from './idb-store';

/** Real data: a synthetic lifter's clip, analysed; the set as the live coach saves it (JSON-plain). */
function realSet(seed: number, startedAt: number): SavedSet {
  const { clip } = synthesizeClip({ lift: 'rdl', reps: 3, fps: 30, width: 720, height: 1280, seed });
  const report = analyzeClip(clip, { lift: 'rdl' });
  return JSON.parse(JSON.stringify({ id: `set-${seed}`, startedAt, liftOption: 'rdl', lift: report.lift, side: report.side, reps: report.reps, report, finished: true }));
}

/** JSON has no -0 (the synthetic lifter's rounding makes some): it reads back as 0, the same number (-0 === 0). */
const plain = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

function realReview(seed: number, video?: Blob): { entry: ReviewIndexEntry; payload: ReviewPayload } {
  const clip = plain(synthesizeClip({ lift: 'deadlift', reps: 2, fps: 30, width: 720, height: 1280, seed }).clip);
  const report = analyzeClip(clip, { lift: 'deadlift' });
  const id = `review-${seed}`;
  return {
    entry: { id, name: `clip${seed}.mp4`, savedAt: 1000 + seed, lift: report.lift, reps: report.reps.length, faults: [], hasVideo: !!video },
    payload: { id, name: `clip${seed}.mp4`, settings: { lift: 'deadlift', side: null, model: 'full', thresholds: { lockoutLeanDeg: 9 } }, clip, ...(video ? { video, videoType: 'video/mp4' } : {}) },
  };
}

function device() {
  const sets = memoryStore<SavedSet>();
  const index = memoryStore<ReviewIndexEntry>();
  const data = memoryStore<ReviewPayload>();
  return { sets, index, data, history: new SetHistory(sets), library: new ReviewLibrary(index, data) };
}

async function seeded() {
  const d = device();
  for (const [i, s] of [realSet(1, 5000), realSet(2, 9000)].entries()) {
    await d.history.put(s);
    expect(i).toBeLessThan(2);
  }
  const videoBytes = new Uint8Array(70_000).map((_, i) => (i * 31 + 7) & 255);
  const a = realReview(3, new Blob([videoBytes], { type: 'video/mp4' }));
  const b = realReview(4);
  await d.library.save(a.entry, a.payload);
  await d.library.save(b.entry, b.payload);
  return { d, videoBytes };
}

describe('export and import', () => {
  it('round trip: another device gets every set and review, landmarks and video, exactly', async () => {
    const { d, videoBytes } = await seeded();
    const file = await exportData(d.history, d.library, { videos: true });
    expect([file.sets, file.reviews]).toEqual([2, 2]);
    const parsed = JSON.parse(file.text);
    expect([parsed.format, parsed.version]).toEqual(['hinge-coach-data', ARCHIVE_VERSION]);

    const other = device();
    const r = await importData(file.text, other.history, other.library);
    expect(r).toMatchObject({ addedSets: 2, addedReviews: 2, skippedSets: 0, skippedReviews: 0 });
    expect(await other.history.all()).toEqual(await d.history.all());
    expect(await other.library.list()).toEqual(await d.library.list());
    for (const e of await d.library.list()) {
      const mine = await d.library.load(e.id);
      const theirs = await other.library.load(e.id);
      expect(theirs?.clip).toEqual(mine?.clip);
      expect(serializeRecording(theirs!.clip)).toBe(serializeRecording(mine!.clip));
      expect(theirs?.settings).toEqual(mine?.settings);
      if (mine?.video) expect(new Uint8Array(await theirs!.video!.arrayBuffer())).toEqual(videoBytes);
      else expect(theirs?.video).toBeUndefined();
    }
  });

  it('without videos: the landmarks travel and the review says it has no video', async () => {
    const { d } = await seeded();
    const file = await exportData(d.history, d.library, { videos: false });
    expect(file.text).not.toMatch(/base64/);
    const other = device();
    await importData(file.text, other.history, other.library);
    const list = await other.library.list();
    expect(list.map((e) => e.hasVideo)).toEqual([false, false]);
    expect((await other.library.load('review-3'))?.clip).toEqual((await d.library.load('review-3'))?.clip);
  });

  it('importing twice, or into the device it came from, adds nothing', async () => {
    const { d } = await seeded();
    const { text } = await exportData(d.history, d.library, { videos: true });
    const other = device();
    await importData(text, other.history, other.library);
    const again = await importData(text, other.history, other.library);
    expect(again).toMatchObject({ addedSets: 0, addedReviews: 0, skippedSets: 2, skippedReviews: 2 });
    expect(await other.sets.keys()).toHaveLength(2);
    expect(await other.index.keys()).toHaveLength(2);
    expect((await importData(text, d.history, d.library)).addedSets).toBe(0);
    expect(importSummary(again)).toBe('Imported 0 sets and 0 saved reviews. 4 records already on this device were left as they were.');
  });

  it('never overwrites a record already here, and counts one twice in the file once', () => {
    const s = realSet(1, 1);
    const changed = { ...s, reps: [] };
    const a = makeArchive([changed, realSet(2, 2), realSet(2, 2)], []);
    const plan = planMerge({ sets: new Set([s.id]), reviews: new Set() }, decodeArchive(encodeArchive(a)));
    expect(plan.sets.map((x) => x.id)).toEqual(['set-2']);
    expect(plan.skippedSets).toBe(2);
  });

  it('exports a set kept only in memory (storage full), and it imports as a saved set', async () => {
    const full = memoryStore<SavedSet>();
    full.put = async () => {
      throw new StorageFullError();
    };
    const history = new SetHistory(full);
    await expect(history.put(realSet(5, 1))).rejects.toThrow(StorageFullError);
    const { text, sets } = await exportData(history, device().library, { videos: false });
    expect(sets).toBe(1);
    expect(text).not.toMatch(/notSaved/);
    const other = device();
    await importData(text, other.history, other.library);
    expect((await other.history.all()).map((s) => [s.id, s.notSaved])).toEqual([['set-5', undefined]]);
  });

  it('storage full during an import: says so, and importing the file again later finishes it', async () => {
    const { d } = await seeded();
    const { text } = await exportData(d.history, d.library, { videos: true });
    const other = device();
    let room = 1;
    const put = other.data.put;
    (other.data as Store<ReviewPayload>).put = async (k, v) => {
      if (room-- <= 0) throw new StorageFullError();
      return put(k, v);
    };
    const r = await importData(text, other.history, other.library);
    expect(r).toMatchObject({ addedSets: 2, addedReviews: 1, failedReviews: 1 });
    expect(importSummary(r)).toMatch(/storage is full: 1 review could not be saved/);
    room = 10;
    const r2 = await importData(text, other.history, other.library);
    expect(r2).toMatchObject({ addedSets: 0, addedReviews: 1, skippedReviews: 1, failedReviews: 0 });
    expect(await other.index.keys()).toHaveLength(2);
  });

  it('a large history: 600 sets and a 10-minute recording travel whole', async () => {
    const one = realSet(7, 0);
    const sets = Array.from({ length: 600 }, (_, i) => ({ ...one, id: `s${i}`, startedAt: i * 60_000 }));
    const clip = plain(synthesizeClip({ lift: 'rdl', reps: 3, fps: 30, width: 720, height: 1280, seed: 8 }).clip);
    // 10 minutes at 30 fps: the clip's frames repeated on a running clock
    const frames = Array.from({ length: 18_000 }, (_, i) => ({ ...clip.frames[i % clip.frames.length], t: (i * 1000) / 30 }));
    const review = realReview(9);
    review.payload.clip = { ...clip, frames };
    const text = encodeArchive(makeArchive(sets, [{ entry: review.entry, payload: review.payload }]));
    expect(text.length).toBeGreaterThan(20e6);
    const t0 = performance.now();
    const back = decodeArchive(text);
    console.log(`large archive: ${(text.length / 1e6).toFixed(1)} MB, decoded in ${Math.round(performance.now() - t0)} ms`);
    expect(back.sets).toEqual(sets);
    expect(back.reviews[0].payload.clip.frames).toEqual(frames);
  });
});

describe('bad files get a plain message and import nothing', () => {
  const good = () => JSON.parse(encodeArchive(makeArchive([realSet(1, 1)], [{ ...realReview(2) }]))) as Record<string, unknown> & { sets: Record<string, unknown>[]; reviews: { entry: Record<string, unknown>; video?: unknown }[] };
  const cases: [string, () => unknown, RegExp][] = [
    ['not JSON', () => 'hello', /not JSON/],
    ['cut short', () => encodeArchive(makeArchive([realSet(1, 1)], [])).slice(0, 500), /not JSON/],
    ['an empty file', () => '', /not JSON/],
    ['a JSON array', () => '[]', /not a Hinge Coach data file/],
    ['another app’s JSON', () => '{"format":"other","version":1}', /no "format": "hinge-coach-data"/],
    ['a landmark recording', () => serializeRecording(synthesizeClip({ lift: 'rdl', reps: 1, fps: 30, width: 720, height: 1280 }).clip), /landmark recording.*Review/],
    ['a newer version', () => ({ ...good(), version: ARCHIVE_VERSION + 1 }), /newer version of Hinge Coach \(file version 2; this app reads up to 1\)/],
    ['a version as text', () => ({ ...good(), version: '1' }), /version is missing/],
    ['no sets', () => ({ ...good(), sets: undefined }), /no list of sets/],
    ['a set with no id', () => { const g = good(); delete g.sets[0].id; return g; }, /set 1 of 1 has no id/],
    ['a set with damaged reps', () => { const g = good(); g.sets[0].reps = [1, 2]; return g; }, /set 1 of 1 has a damaged rep/],
    ['a review whose ids differ', () => { const g = good(); g.reviews[0].entry.id = 'other'; return g; }, /saved review 1 of 1 has no id, or two different ones/],
    ['a review without landmarks', () => { const g = good(); (g.reviews[0] as unknown as { payload: Record<string, unknown> }).payload.clip = null; return g; }, /has no landmark recording/],
    ['a damaged video', () => { const g = good(); g.reviews[0].video = { type: 'video/mp4' }; return g; }, /has a damaged video/],
  ];
  for (const [name, make, msg] of cases) {
    it(name, async () => {
      const input = make();
      const text = typeof input === 'string' ? input : JSON.stringify(input);
      expect(() => decodeArchive(text)).toThrow(ArchiveError);
      expect(() => decodeArchive(text)).toThrow(msg);
      const d = device();
      await expect(importData(text, d.history, d.library)).rejects.toThrow(ArchiveError);
      expect(await d.sets.keys()).toEqual([]);
      expect(await d.index.keys()).toEqual([]);
    });
  }

  it('a video that is not base64', () => {
    expect(() => fromBase64('***')).toThrow(/not valid base64/);
  });
});

describe('base64', () => {
  it('round-trips bytes across its chunk boundary', () => {
    for (const n of [0, 1, 0x8000, 0x8001, 100_003]) {
      const b = new Uint8Array(n).map((_, i) => (i * 131 + n) & 255);
      expect(fromBase64(toBase64(b))).toEqual(b);
    }
    expect(toBase64(new TextEncoder().encode('hinge'))).toBe(btoa('hinge'));
  });
});
