/**
 * Reading ffmpeg's own answers: ffprobe's JSON for the video stream, and the
 * showinfo filter's log line per frame (its presentation time).
 */
import type { TrackFacts } from './info';
import type { Rotation } from './rotation';

/** codec: the sample entry / FourCC when there is one (hvc1, mp4v, XVID), else ffmpeg's codec name */
export interface ProbedVideo extends TrackFacts {
  /** as the stream states it (VideoFrame's terms), or undefined when it does not */
  colorSpace?: VideoColorSpaceInit;
}

interface ProbeStream {
  codec_type?: string;
  codec_name?: string;
  codec_tag_string?: string;
  width?: number;
  height?: number;
  avg_frame_rate?: string;
  r_frame_rate?: string;
  nb_frames?: string;
  duration?: string;
  tags?: { rotate?: string };
  color_space?: string;
  color_primaries?: string;
  color_transfer?: string;
  color_range?: string;
  side_data_list?: { rotation?: number }[];
}

const rate = (r: string | undefined): number => {
  if (!r) return NaN;
  const [n, d] = r.split('/').map(Number);
  return d ? n / d : n;
};

/** null when the output has no video stream. */
export function parseProbe(stdout: string): ProbedVideo | null {
  const start = stdout.indexOf('{');
  const end = stdout.lastIndexOf('}');
  if (start < 0 || end < start) return null;
  const json = JSON.parse(stdout.slice(start, end + 1)) as { streams?: ProbeStream[]; format?: { duration?: string } };
  const s = json.streams?.find((x) => x.codec_type === 'video');
  if (!s || !s.width || !s.height) return null;
  // ffmpeg reports the display matrix counter-clockwise; the legacy tag and this app count clockwise.
  const matrix = s.side_data_list?.find((d) => typeof d.rotation === 'number')?.rotation;
  const clockwise = matrix !== undefined ? -matrix : Number(s.tags?.rotate ?? 0);
  const rotation = ((((Math.round(clockwise / 90) * 90) % 360) + 360) % 360) as Rotation;
  const quarter = rotation === 90 || rotation === 270;
  const fps = [rate(s.avg_frame_rate), rate(s.r_frame_rate)].find((f) => Number.isFinite(f) && f > 0 && f < 1000) ?? 30;
  const durationS = [Number(s.duration), Number(json.format?.duration)].find((d) => Number.isFinite(d) && d > 0) ?? 0;
  const listed = Number(s.nb_frames);
  const tag = s.codec_tag_string && /^[A-Za-z0-9]{4}$/.test(s.codec_tag_string) ? s.codec_tag_string : '';
  return {
    codec: tag || s.codec_name || '',
    displayWidth: quarter ? s.height : s.width,
    displayHeight: quarter ? s.width : s.height,
    rotation,
    fps,
    durationMs: durationS * 1000,
    frameCount: Number.isFinite(listed) && listed > 0 ? listed : Math.round(durationS * fps),
    colorSpace: colorSpaceOf(s),
  };
}

// the names both ffmpeg and WebCodecs know (HDR ones are left to the browser's default)
const MATRIX: Record<string, VideoMatrixCoefficients> = { bt709: 'bt709', smpte170m: 'smpte170m', bt470bg: 'bt470bg', rgb: 'rgb' };
const PRIMARIES: Record<string, VideoColorPrimaries> = { bt709: 'bt709', smpte170m: 'smpte170m', bt470bg: 'bt470bg' };
const TRANSFER: Record<string, VideoTransferCharacteristics> = { bt709: 'bt709', smpte170m: 'smpte170m', 'iec61966-2-1': 'iec61966-2-1' };

/** The stream's colour tags in WebCodecs' names; untagged streams get the browser's default, as from its own decoder. */
function colorSpaceOf(s: ProbeStream): VideoColorSpaceInit | undefined {
  const cs: VideoColorSpaceInit = {};
  if (s.color_space && MATRIX[s.color_space]) cs.matrix = MATRIX[s.color_space];
  if (s.color_primaries && PRIMARIES[s.color_primaries]) cs.primaries = PRIMARIES[s.color_primaries];
  if (s.color_transfer && TRANSFER[s.color_transfer]) cs.transfer = TRANSFER[s.color_transfer];
  if (s.color_range === 'pc' || s.color_range === 'tv') cs.fullRange = s.color_range === 'pc';
  return Object.keys(cs).length ? cs : undefined;
}

/** The frame time (s) in a showinfo log line, or null for any other line. */
export function showinfoTime(line: string): number | null {
  if (!line.includes('Parsed_showinfo')) return null;
  const m = /\bpts_time:\s*(-?[0-9.]+(?:e[-+]?\d+)?)/.exec(line);
  return m ? Number(m[1]) : null;
}
