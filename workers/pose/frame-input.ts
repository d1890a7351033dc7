/**
 * What the landmarker is given for a camera frame. A camera frame is YUV;
 * MediaPipe converting it itself costs more than an RGBA copy made here into
 * a reused buffer (measured in a worker on this machine, 360×640 frames, full
 * model: detectForVideo 2.2 ms slower on the frame than on RGBA; the copy
 * 0.7 ms). Frames of another size become a scaled bitmap.
 */
import type { FramePicture } from '../../src/shared/pose-protocol';
import type { LandmarkerInput } from './engine';

type Scale = (frame: VideoFrame, width: number, height: number) => Promise<ImageBitmap>;

const scaleToBitmap: Scale = (frame, width, height) =>
  createImageBitmap(frame, { resizeWidth: width, resizeHeight: height, resizeQuality: 'low' });

export class FrameInput {
  private buffer: Uint8ClampedArray<ArrayBuffer> | null = null;
  /** false once copyTo(RGBA) has failed here (older browsers): the frame then goes as it is */
  private canCopy = true;

  constructor(private readonly scale: Scale = scaleToBitmap) {}

  /**
   * The landmarker's input for `frame` at `width`×`height`. An ImageData
   * shares this object's buffer: it is valid until the next call. The caller
   * closes what it gets unless it is the frame itself or an ImageData.
   */
  async of(frame: VideoFrame, width: number, height: number): Promise<LandmarkerInput> {
    if (frame.displayWidth !== width || frame.displayHeight !== height) return this.scale(frame, width, height);
    if (this.canCopy && isUpright(frame)) {
      try {
        const size = width * height * 4;
        if (this.buffer?.length !== size) this.buffer = new Uint8ClampedArray(size);
        await frame.copyTo(this.buffer, { format: 'RGBA' } as VideoFrameCopyToOptions);
        return new ImageData(this.buffer, width, height);
      } catch {
        this.canCopy = false;
      }
    }
    return frame;
  }

  /**
   * What the page draws for a measured input: a bitmap copy, or a clone
   * when the camera frame itself was measured. A camera picture is opaque,
   * so premultiplying its alpha changes nothing; skipping it took the copy
   * of a 360×640 frame from 0.89 to 0.06 ms here.
   */
  picture(input: LandmarkerInput): Promise<FramePicture> {
    return 'clone' in input ? Promise.resolve(input.clone()) : createImageBitmap(input, { premultiplyAlpha: 'none' });
  }
}

/** copyTo copies the visible rectangle as stored: only when that is the picture as shown. */
function isUpright(frame: VideoFrame): boolean {
  const f = frame as VideoFrame & { rotation?: number; flip?: boolean };
  const rect = frame.visibleRect;
  return (f.rotation ?? 0) === 0 && !f.flip && rect !== null && rect.width === frame.displayWidth && rect.height === frame.displayHeight;
}
