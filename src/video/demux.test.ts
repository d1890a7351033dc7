import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { demuxVideo } from './demux';

const footage = path.resolve(__dirname, '../../../shared/footage');
const dir = mkdtempSync(path.join(os.tmpdir(), 'demux-'));
const blob = (p: string) => new Blob([readFileSync(p)]);
const ffmpeg = (...args: string[]) => execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args]);
const src = path.join(footage, 'TBY66_Intelligent-Deadlift-Diagnosis-System/0016c_1.mp4');

beforeAll(() => {
  ffmpeg('-t', '2', '-i', src, '-c:v', 'libx264', '-preset', 'ultrafast', '-movflags', '+faststart', '-an', path.join(dir, 'front-index.mp4'));
  // The display matrix is written when remuxing with the legacy rotate tag.
  ffmpeg('-t', '1', '-i', src, '-c:v', 'libx264', '-preset', 'ultrafast', '-an', path.join(dir, 'upright.mov'));
  ffmpeg('-i', path.join(dir, 'upright.mov'), '-c', 'copy', '-metadata:s:v:0', 'rotate=90', path.join(dir, 'rotated.mov'));
  ffmpeg('-t', '1', '-i', src, '-c:v', 'mpeg4', '-an', path.join(dir, 'part2.3gp'));
  ffmpeg('-t', '1', '-i', src, '-c:v', 'libvpx', '-an', path.join(dir, 'vp8.mkv'));
  ffmpeg('-t', '1', '-i', src, '-c:v', 'mpeg4', '-an', path.join(dir, 'old.avi'));
  ffmpeg('-f', 'lavfi', '-i', 'sine=d=1', path.join(dir, 'voice.m4a'));
  // six short encodes: allow for a busy machine
}, 120_000);

describe('demuxVideo', () => {
  it('honours an MP4 edit list: the coded frames before its start are not counted as shown', async () => {
    // ffprobe counts 118 packets and ffmpeg shows 102 frames: the edit list starts the clip 16 frames in.
    const v = await demuxVideo(blob(path.join(footage, 'mattiolato98_deadlift-visual-analyzer/Bad/000001.mp4')), 'a.mp4');
    expect(v).not.toBeNull();
    expect(v!.frameCount).toBe(102);
    expect(v!.startS).toBeGreaterThanOrEqual(0);
    expect(v!.fps).toBeCloseTo(30, 0);
    expect(v!.codec).toMatch(/^avc1\./);
  });

  it('counts the frames whose bytes a cut-off copy lost', async () => {
    const whole = readFileSync(path.join(dir, 'front-index.mp4'));
    const v = await demuxVideo(new Blob([whole.subarray(0, Math.floor(whole.length * 0.6))]), 'cut.mp4');
    expect(v!.missingFrames).toBeGreaterThan(10);
    expect(v!.frameCount + v!.missingFrames).toBe(120);
    const full = await demuxVideo(new Blob([whole]), 'whole.mp4');
    expect(full!.missingFrames).toBe(0);
    expect(full!.frameCount).toBe(120);
  });

  it('says "incomplete" when the index never arrived, and "no video track" for audio', async () => {
    const k1 = readFileSync(path.join(footage, 'TBY66_Intelligent-Deadlift-Diagnosis-System/0016k_1.mp4'));
    await expect(demuxVideo(new Blob([k1.subarray(0, Math.floor(k1.length * 0.4))]), 't.mp4')).rejects.toMatchObject({ kind: 'truncated' });
    await expect(demuxVideo(blob(path.join(dir, 'voice.m4a')), 'v.m4a')).rejects.toMatchObject({ kind: 'no-video-track' });
  });

  it('reads rotation, Matroska and 3GP; names a codec it cannot decode; leaves AVI to ffmpeg', async () => {
    const rot = await demuxVideo(blob(path.join(dir, 'rotated.mov')), 'r.mov');
    expect(rot!.rotation).toBe(270);
    expect([rot!.displayWidth, rot!.displayHeight]).toEqual([640, 360]);
    const mkv = await demuxVideo(blob(path.join(dir, 'vp8.mkv')), 'v.mkv');
    expect(mkv!.codec).toBe('vp8');
    expect(mkv!.frameCount).toBe(60);
    const part2 = await demuxVideo(blob(path.join(dir, 'part2.3gp')), 'p.3gp');
    expect(part2!.codec).toBe('mp4v');
    expect(part2!.webCodecs).toBe(false);
    expect(await demuxVideo(blob(path.join(dir, 'old.avi')), 'o.avi')).toBeNull();
    writeFileSync(path.join(dir, 'junk.bin'), Buffer.alloc(4096, 7));
    expect(await demuxVideo(blob(path.join(dir, 'junk.bin')), 'j.bin')).toBeNull();
  });
});
