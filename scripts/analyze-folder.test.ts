import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectJobs, isVideoName, UsageError, walkVideos } from './analyze-folder';

let root: string;
const touch = (...parts: string[]) => {
  const p = path.join(root, ...parts);
  mkdirSync(path.dirname(p), { recursive: true });
  writeFileSync(p, 'x');
  return p;
};

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'analyze-folder-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('video file names', () => {
  it('takes the known extensions in any case, not hidden or other files', () => {
    for (const n of ['a.mp4', 'A.MP4', 'b.m4v', 'c.MoV', 'd.webm', 'e.mkv', 'f.3gp', 'g.3G2', 'h.avi', 'set 1.final.mov']) expect(isVideoName(n), n).toBe(true);
    for (const n of ['.DS_Store', '._set1.mp4', '.hidden.mov', 'notes.txt', 'a.report.json', 'mp4', 'a.mp4.part', 'a.jpg']) expect(isVideoName(n), n).toBe(false);
  });
});

describe('walking a folder', () => {
  it('finds videos recursively in name order, skipping hidden files and folders', () => {
    touch('ben', 'set1.MOV');
    touch('anna', 'set2.mp4');
    touch('anna', 'set1.mp4');
    touch('anna', '._set1.mp4');
    touch('anna', 'notes.txt');
    touch('.DS_Store');
    touch('.cache', 'hidden.mp4');
    touch('top.webm');
    touch('anna', 'deep', 'er', 'z.avi');
    touch('Zed.mkv');
    expect(walkVideos(root)).toEqual(['Zed.mkv', 'anna/deep/er/z.avi', 'anna/set1.mp4', 'anna/set2.mp4', 'ben/set1.MOV', 'top.webm']);
  });
  it('follows links once and skips dangling ones', () => {
    const clip = touch('real', 'clip.mp4');
    symlinkSync(clip, path.join(root, 'link.mp4'));
    symlinkSync(path.join(root, 'nowhere.mp4'), path.join(root, 'dangling.mp4'));
    symlinkSync(root, path.join(root, 'real', 'loop'));
    expect(walkVideos(root)).toEqual(['link.mp4', 'real/clip.mp4']);
  });
});

describe('the videos the command line names', () => {
  it('keeps a folder’s sub-folders for names and out folders', () => {
    touch('clinic', 'anna', 'set1.mp4');
    touch('clinic', 'ben', 'set1.mp4');
    touch('clinic', 'top.mov');
    expect(collectJobs(['clinic'], root)).toEqual([
      { video: path.join(root, 'clinic', 'anna', 'set1.mp4'), file: 'anna/set1.mp4', outDir: 'anna' },
      { video: path.join(root, 'clinic', 'ben', 'set1.mp4'), file: 'ben/set1.mp4', outDir: 'ben' },
      { video: path.join(root, 'clinic', 'top.mov'), file: 'top.mov', outDir: '' },
    ]);
  });
  it('takes files as given, whatever their extension, and each video once', () => {
    touch('clinic', 'a.mp4');
    const odd = touch('odd.bin');
    const jobs = collectJobs(['odd.bin', 'clinic/a.mp4', 'clinic', odd], root);
    expect(jobs.map((j) => [j.file, j.outDir])).toEqual([
      ['odd.bin', ''],
      ['clinic/a.mp4', ''],
    ]);
    expect(jobs[0].video).toBe(odd);
  });
  it('names videos under their folder when several folders are given', () => {
    touch('clinicA', 'anna', 'set1.mp4');
    touch('clinicB', 'anna', 'set1.mp4');
    expect(collectJobs(['clinicA', path.join(root, 'clinicB')], root).map((j) => [j.file, j.outDir])).toEqual([
      ['clinicA/anna/set1.mp4', 'clinicA/anna'],
      ['clinicB/anna/set1.mp4', 'clinicB/anna'],
    ]);
  });
  it('refuses missing paths and folders without videos, naming each', () => {
    touch('empty', 'notes.txt');
    touch('empty', '._a.mp4');
    touch('ok.mp4');
    let err: unknown;
    try {
      collectJobs(['ok.mp4', 'nope.mp4', 'empty', 'gone/'], root);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UsageError);
    const lines = (err as Error).message.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe('nope.mp4: no such file or folder');
    expect(lines[1]).toMatch(/^empty: no videos in this folder/);
    expect(lines[2]).toBe('gone/: no such file or folder');
  });
});
