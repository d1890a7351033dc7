import { describe, expect, it } from 'vitest';
import path from 'node:path';
import {
  cacheDirFrom,
  pinnedModelHash,
  pipelineInputs,
  pipelineVersion,
  recordingFileName,
  recordingIfCurrent,
  versionOf,
} from './recordings-cache';
import { clipsFromLabels } from './recordings';

const lm = Array.from({ length: 33 }, () => [0.5, 0.5, 0, 1]);
const recording = (extra: Record<string, unknown>) =>
  JSON.stringify({ source: 'a/b.mp4', model: 'pose_landmarker_full', fps: 30, width: 640, height: 360, frames: [{ t: 0, landmarks: lm, world: lm, dorsal: 0.01 }], ...extra });

describe('recordings cache: where', () => {
  it('prefers $HINGE_CACHE_DIR, then $XDG_CACHE_HOME/hinge-coach, then ~/.cache/hinge-coach', () => {
    expect(cacheDirFrom({ HINGE_CACHE_DIR: '/x/c', XDG_CACHE_HOME: '/y' }, '/home/u')).toBe(path.resolve('/x/c'));
    expect(cacheDirFrom({ XDG_CACHE_HOME: '/y' }, '/home/u')).toBe(path.resolve('/y/hinge-coach'));
    expect(cacheDirFrom({ HINGE_CACHE_DIR: '' }, '/home/u')).toBe(path.join('/home/u', '.cache', 'hinge-coach'));
  });

  it('names a recording by the first 16 hex of the video hash and the pipeline version', () => {
    const sha = 'ab'.repeat(32);
    expect(recordingFileName(sha, '0123456789ab')).toBe('abababababababab-0123456789ab.json');
    expect(() => recordingFileName('not-a-hash', 'v')).toThrow();
  });
});

describe('recordings cache: pipeline version', () => {
  const inputs = [
    { name: 'workers/pose/engine.ts', content: 'a' },
    { name: 'src/video/bitmap.ts', content: 'b' },
  ];

  it('is a short hash that does not depend on the order of its inputs', () => {
    const v = versionOf(inputs);
    expect(v).toMatch(/^[0-9a-f]{12}$/);
    expect(versionOf([...inputs].reverse())).toBe(v);
  });

  it('changes when any input changes, is added, or text moves between files', () => {
    const v = versionOf(inputs);
    expect(versionOf([inputs[0], { ...inputs[1], content: 'b ' }])).not.toBe(v);
    expect(versionOf([...inputs, { name: 'engine', content: '{}' }])).not.toBe(v);
    expect(versionOf([{ name: 'x', content: 'ab' }, { name: 'y', content: '' }])).not.toBe(versionOf([{ name: 'x', content: 'a' }, { name: 'y', content: 'b' }]));
  });

  it('reads the pinned model hash from the model build script', () => {
    const build = `'pose_landmarker_full.task': {\n    size: 9398270,\n    sha256: '${'d4'.repeat(32)}',\n  },`;
    expect(pinnedModelHash(build, 'full')).toBe('d4'.repeat(32));
    expect(pinnedModelHash(build, 'lite')).toBeNull();
  });

  it('covers the worker, the decoders, the pipeline, the model, tasks-vision and the engine options', () => {
    const names = pipelineInputs().map((i) => i.name);
    expect(names).toEqual(expect.arrayContaining(['workers/pose/engine.ts', 'workers/pose/dorsal.ts', 'src/video/bitmap.ts', 'src/review/pipeline.ts', 'model:full', 'tasks-vision', 'engine']));
    expect(names.some((n) => n.endsWith('.test.ts'))).toBe(false);
    expect(pipelineInputs().find((i) => i.name === 'model:full')!.content).toMatch(/^[0-9a-f]{64}$/);
    expect(pipelineVersion()).toMatch(/^[0-9a-f]{12}$/);
  });
});

describe('recordings cache: staleness', () => {
  it('accepts a recording of this version', () => {
    const clip = recordingIfCurrent(recording({ pipeline: 'v1' }), 'v1');
    expect(clip?.frames[0].dorsal).toBe(0.01);
    expect(clip?.source).toBe('a/b.mp4');
  });

  it('treats another version, a missing version, or an unreadable file as stale', () => {
    expect(recordingIfCurrent(recording({ pipeline: 'v0' }), 'v1')).toBeNull();
    expect(recordingIfCurrent(recording({}), 'v1')).toBeNull();
    expect(recordingIfCurrent('{"pipeline":"v1", "fps": 30', 'v1')).toBeNull();
    expect(recordingIfCurrent(JSON.stringify({ pipeline: 'v1', fps: 30, width: 1, height: 1, frames: [{ t: 0, landmarks: [[1]] }] }), 'v1')).toBeNull();
  });
});

describe('labels.csv', () => {
  it('lists the file column in order, quoted or not', () => {
    expect(clipsFromLabels('file,landmarks,notes\na/1.mp4,x.json,\n"b/2, x.mp4",y.json,"a, b"\n\n')).toEqual(['a/1.mp4', 'b/2, x.mp4']);
    expect(() => clipsFromLabels('name,x\n')).toThrow(/file/);
  });
});
