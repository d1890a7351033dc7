import { describe, expect, it } from 'vitest';
import { memoryStore } from './idb-store';
import { ReviewLibrary, newReviewId, type ReviewIndexEntry, type ReviewPayload } from './review-store';

const clip = { fps: 30, width: 4, height: 4, frames: [] };
const entry = (id: string, savedAt: number): ReviewIndexEntry => ({ id, name: `${id}.mp4`, savedAt, lift: 'rdl', reps: 2, faults: [], hasVideo: false });
const payload = (id: string): ReviewPayload => ({ id, name: `${id}.mp4`, settings: { lift: 'rdl', side: null, model: 'full', thresholds: { lockoutLeanDeg: 9 } }, clip });

describe('ReviewLibrary', () => {
  it('lists newest first, reopens the payload, deletes both records', async () => {
    const index = memoryStore<ReviewIndexEntry>();
    const data = memoryStore<ReviewPayload>();
    const lib = new ReviewLibrary(index, data);
    await lib.save(entry('a', 1), payload('a'));
    await lib.save(entry('b', 2), payload('b'));
    expect((await lib.list()).map((e) => e.id)).toEqual(['b', 'a']);
    expect((await lib.load('a'))?.settings.thresholds).toEqual({ lockoutLeanDeg: 9 });
    await lib.remove('a');
    expect((await lib.list()).map((e) => e.id)).toEqual(['b']);
    expect(await data.keys()).toEqual(['b']);
  });

  it('makes distinct ids', () => {
    expect(newReviewId(1)).not.toBe(newReviewId(1));
  });
});
