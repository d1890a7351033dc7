import { describe, expect, it } from 'vitest';
import { codecFamily, codecName, isHevc, unsupportedCodecError } from './codec';

describe('codecFamily', () => {
  it.each([
    ['avc1.64001f', 'h264'],
    ['avc3.42E01E', 'h264'],
    ['hvc1.1.6.L93.B0', 'hevc'],
    ['hev1.2.4.L120.B0', 'hevc'],
    ['vp8', 'vp8'],
    ['vp09.00.10.08', 'vp9'],
    ['av01.0.04M.08', 'av1'],
    ['mp4v.20.9', 'mpeg4-part2'],
    ['mp4v', 'mpeg4-part2'],
    ['ap4h', 'other'],
  ])('%s is %s', (codec, family) => {
    expect(codecFamily(codec)).toBe(family);
  });
});

describe('messages', () => {
  it('names HEVC and tells the iPhone fix', () => {
    expect(isHevc('hvc1.1.6.L93.B0')).toBe(true);
    const e = unsupportedCodecError('IMG_0001.MOV', 'hvc1.1.6.L93.B0');
    expect(e.kind).toBe('hevc');
    expect(e.message).toContain('HEVC');
    expect(e.message).toContain('Most Compatible');
    expect(e.message).toContain('H.264');
  });
  it('names other codecs and how to convert', () => {
    const e = unsupportedCodecError('a.mp4', 'mp4v.20.9');
    expect(e.kind).toBe('unsupported-codec');
    expect(e.message).toContain('MPEG-4 Part 2');
    expect(e.message).toContain('H.264');
    expect(codecName('weird')).toBe('weird');
  });
});
