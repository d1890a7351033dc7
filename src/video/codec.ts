/**
 * Codec strings (RFC 6381, as WebCodecs and MP4 sample entries name them):
 * which family they are, a human name, and the message when this browser
 * cannot decode them. HEVC gets its own advice: it is the iPhone's default.
 */
import { VideoError } from './errors';

export type CodecFamily = 'h264' | 'hevc' | 'vp8' | 'vp9' | 'av1' | 'mpeg4-part2' | 'other';

export function codecFamily(codec: string): CodecFamily {
  const c = codec.trim().toLowerCase();
  if (/^(avc[1-4]|h264)\b/.test(c)) return 'h264';
  if (/^(hvc1|hev1|hevc|h265|dvh1|dvhe)\b/.test(c)) return 'hevc';
  if (/^vp0?8\b/.test(c)) return 'vp8';
  if (/^vp0?9\b/.test(c) || c.startsWith('vp09')) return 'vp9';
  if (c.startsWith('av01') || c === 'av1') return 'av1';
  if (c.startsWith('mp4v') || c === 'mpeg4' || c === 'xvid' || c === 'divx' || c === 'dx50' || c === 'fmp4') return 'mpeg4-part2';
  return 'other';
}

const NAMES: Record<CodecFamily, string> = {
  h264: 'H.264',
  hevc: 'HEVC (H.265)',
  vp8: 'VP8',
  vp9: 'VP9',
  av1: 'AV1',
  'mpeg4-part2': 'MPEG-4 Part 2',
  other: '',
};

export function codecName(codec: string): string {
  return NAMES[codecFamily(codec)] || codec || 'an unknown codec';
}

export function isHevc(codec: string): boolean {
  return codecFamily(codec) === 'hevc';
}

/** The message for a video whose codec this browser cannot decode. */
export function unsupportedCodecError(fileName: string, codec: string): VideoError {
  const name = `“${fileName}”`;
  if (isHevc(codec)) {
    return new VideoError(
      `${name} is HEVC (H.265) video, the iPhone's “High Efficiency” format, and this browser cannot decode HEVC. ` +
        'Export it as H.264 and open it again: on the iPhone, share the video and choose Options › “Most Compatible”, ' +
        'or set Settings › Camera › Formats › “Most Compatible” for new videos (or convert it with a video app).',
      'hevc',
    );
  }
  return new VideoError(
    `${name} uses ${codecName(codec)} video${codec ? ` (${codec})` : ''}, which this browser cannot decode. ` +
      'Convert it to an H.264 MP4 (for example with HandBrake, or `ffmpeg -i in.mp4 -c:v libx264 out.mp4`) and open it again.',
    'unsupported-codec',
  );
}
