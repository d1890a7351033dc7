import { describe, expect, it } from 'vitest';
import { sniffContainer } from './sniff';

const bytes = (s: string, pre: number[] = []) => new Uint8Array([...pre, ...Array.from(s, (c) => c.charCodeAt(0))]);

describe('sniffContainer', () => {
  it('recognises MP4 and QuickTime by their first box', () => {
    expect(sniffContainer(bytes('ftypisom\0\0\x02\0', [0, 0, 0, 0x20]))).toBe('mp4');
    expect(sniffContainer(bytes('ftypqt  \0\0\0\0', [0, 0, 0, 0x14]))).toBe('mov');
    expect(sniffContainer(bytes('moov', [0, 0, 0x10, 0]))).toBe('mov');
  });
  it('recognises WebM/Matroska and AVI', () => {
    expect(sniffContainer(new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 1, 0, 0]))).toBe('webm');
    expect(sniffContainer(bytes('RIFF\x10\0\0\0AVI LIST'))).toBe('avi');
  });
  it('tells a JSON recording from other text', () => {
    expect(sniffContainer(bytes('\n  {"fps": 30'))).toBe('json');
    expect(sniffContainer(bytes('Notes from the session\nrep 1 ok\n'))).toBe('text');
  });
  it('leaves random bytes unknown', () => {
    const r = new Uint8Array(64);
    for (let i = 0; i < r.length; i++) r[i] = (i * 73 + 11) & 0xff;
    expect(sniffContainer(r)).toBe('unknown');
    expect(sniffContainer(new Uint8Array())).toBe('unknown');
  });
});
