/**
 * What a file is, from its first bytes (names and MIME types lie: phones
 * save MOV as .mp4, messengers drop extensions).
 */
export type Container = 'mp4' | 'mov' | 'webm' | 'avi' | 'json' | 'text' | 'unknown';

const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, to));
const MP4_TOP_BOXES = new Set(['ftyp', 'moov', 'mdat', 'free', 'skip', 'wide', 'pnot', 'uuid']);

export function sniffContainer(head: Uint8Array): Container {
  if (head.length >= 8) {
    const box = ascii(head, 4, 8);
    if (box === 'ftyp') return ascii(head, 8, 12) === 'qt  ' ? 'mov' : 'mp4';
    if (MP4_TOP_BOXES.has(box)) return 'mov';
  }
  if (head.length >= 4 && head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3) return 'webm';
  if (head.length >= 12 && ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'AVI ') return 'avi';
  // Text: a JSON recording, or some other text file that is surely not a video.
  let i = 0;
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) i = 3;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x0a || head[i] === 0x0d || head[i] === 0x09)) i++;
  if (i < head.length && (head[i] === 0x7b || head[i] === 0x5b)) return 'json';
  if (head.length > 0 && looksLikeText(head)) return 'text';
  return 'unknown';
}

function looksLikeText(b: Uint8Array): boolean {
  let bad = 0;
  for (const c of b) {
    if (c === 0) return false;
    if (c < 0x09 || (c > 0x0d && c < 0x20)) bad++;
  }
  return bad / b.length < 0.02;
}

