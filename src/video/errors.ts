/**
 * Why a file could not be analysed, in words a physio or lifter can act on.
 * Every failure of opening or decoding a video ends up as a VideoError.
 */
export type VideoErrorKind =
  | 'empty'
  | 'not-video'
  | 'truncated'
  | 'corrupt'
  | 'unsupported-codec'
  | 'hevc'
  | 'no-video-track';

export class VideoError extends Error {
  constructor(
    message: string,
    readonly kind: VideoErrorKind,
  ) {
    super(message);
    this.name = 'VideoError';
  }
}

const quote = (name: string) => `“${name}”`;

export const videoErrors = {
  empty: (name: string) =>
    new VideoError(`${quote(name)} is empty (0 bytes). The copy probably failed: copy or download the video again.`, 'empty'),
  notVideo: (name: string) =>
    new VideoError(
      `${quote(name)} is not a video this app can read. Choose a video (MP4, MOV, WebM, MKV, 3GP or AVI), or a landmark recording (.json) saved by this app.`,
      'not-video',
    ),
  truncated: (name: string) =>
    new VideoError(
      `${quote(name)} is incomplete: the file ends before the video's index, so it was probably cut off while copying or uploading. Copy the original video again.`,
      'truncated',
    ),
  corrupt: (name: string, detail?: string) =>
    new VideoError(`${quote(name)} is damaged: its video data could not be decoded${detail ? ` (${detail})` : ''}. Try exporting or copying the video again.`, 'corrupt'),
  noVideoTrack: (name: string) => new VideoError(`${quote(name)} has no video track (is it audio only?).`, 'no-video-track'),
};
