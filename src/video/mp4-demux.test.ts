/**
 * Runs on the shared footage (../shared, beside the repo, as in CI): the
 * clips are read in place, never copied.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { demuxMp4, readSamples } from './mp4-demux';

const footage = path.resolve(__dirname, '../../../shared/footage');
const clip = (rel: string) => new Blob([readFileSync(path.join(footage, rel))]);
const K1 = 'TBY66_Intelligent-Deadlift-Diagnosis-System/0016k_1.mp4';
const MP4V = 'mattiolato98_deadlift-visual-analyzer/Good/000001.mp4';
const have = existsSync(path.join(footage, K1));

describe.skipIf(!have)('demuxMp4 on shared footage', () => {
  it('finds the H.264 track, its configuration, and every frame (index at the end of the file)', async () => {
    const t = await demuxMp4(clip(K1), 'k.mp4');
    expect(t.codec).toBe('avc1.64001f');
    expect([t.codedWidth, t.codedHeight, t.rotation]).toEqual([360, 640, 0]);
    expect(t.samples).toHaveLength(1110);
    expect(t.missingSamples).toBe(0);
    expect(t.description?.[0]).toBe(1); // avcC configurationVersion
    expect(t.fps).toBeCloseTo(60, 3);
    expect(t.durationMs).toBeCloseTo(18500, 0);
    expect(t.samples[0].key).toBe(true);
    // B-frames: decode order differs from presentation order; time zero is the earliest cts
    expect(t.firstCts).toBe(Math.min(...t.samples.map((s) => s.cts)));
  });

  it('reads every sample byte range', async () => {
    const blob = clip(K1);
    const t = await demuxMp4(blob, 'k.mp4');
    let n = 0, bytes = 0;
    for await (const { sample, data, index } of readSamples(blob, t.samples, undefined, 64 << 10)) {
      expect(index).toBe(n++);
      expect(data.byteLength).toBe(sample.size);
      bytes += data.byteLength;
    }
    expect(n).toBe(1110);
    expect(bytes).toBe(t.samples.reduce((a, s) => a + s.size, 0));
  });

  it('says a cut-off copy is incomplete', async () => {
    const whole = readFileSync(path.join(footage, K1));
    await expect(demuxMp4(new Blob([whole.subarray(0, whole.length >> 1)]), 'cut.mp4')).rejects.toMatchObject({ kind: 'truncated' });
  });

  it('reports the codec of an MPEG-4 Part 2 clip', async () => {
    const t = await demuxMp4(clip(MP4V), 'b.mp4');
    expect(t.codec.startsWith('mp4v')).toBe(true);
    expect([t.displayWidth, t.displayHeight]).toEqual([1920, 1080]);
  });
});

describe('demuxMp4 on bad input', () => {
  it('rejects random bytes without crashing', async () => {
    const r = new Uint8Array(50_000);
    for (let i = 0; i < r.length; i++) r[i] = (i * 2654435761) >>> 24;
    await expect(demuxMp4(new Blob([r]), 'r.mp4')).rejects.toMatchObject({ name: 'VideoError' });
  });
});
