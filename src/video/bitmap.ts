/**
 * One decoded picture → the upright, downscaled bitmap the pose worker
 * measures. Plain downscale goes through createImageBitmap; a rotated phone
 * video is turned on an OffscreenCanvas (createImageBitmap cannot rotate).
 */
import { rotatedSize, rotationTransform, type Rotation } from './rotation';

export class BitmapMaker {
  private canvas: OffscreenCanvas | null = null;
  private ctx: OffscreenCanvasRenderingContext2D | null = null;

  constructor(
    /** upright output size */
    readonly width: number,
    readonly height: number,
    readonly rotation: Rotation,
  ) {}

  /** The bitmap of a decoded frame, which is closed (returned to the decoder's pool) once it exists. */
  async take(frame: VideoFrame): Promise<ImageBitmap> {
    try {
      return await this.make(frame);
    } finally {
      frame.close();
    }
  }

  make(source: VideoFrame | HTMLVideoElement | ImageBitmap): Promise<ImageBitmap> {
    if (this.rotation === 0) {
      const w = source instanceof HTMLVideoElement ? source.videoWidth : 'displayWidth' in source ? source.displayWidth : source.width;
      const h = source instanceof HTMLVideoElement ? source.videoHeight : 'displayHeight' in source ? source.displayHeight : source.height;
      // Already the inference size: a plain copy, no scaling pass.
      if (w === this.width && h === this.height) return createImageBitmap(source);
      return createImageBitmap(source, { resizeWidth: this.width, resizeHeight: this.height, resizeQuality: 'low' });
    }
    if (!this.ctx) {
      this.canvas = new OffscreenCanvas(this.width, this.height);
      this.ctx = this.canvas.getContext('2d', { alpha: false });
      if (!this.ctx) return Promise.reject(new Error('no 2D canvas to rotate the video'));
    }
    const coded = rotatedSize(this.width, this.height, this.rotation);
    const ctx = this.ctx;
    ctx.setTransform(...rotationTransform(this.rotation, coded.width, coded.height));
    ctx.imageSmoothingQuality = 'low';
    ctx.drawImage(source, 0, 0, coded.width, coded.height);
    return Promise.resolve(this.canvas!.transferToImageBitmap());
  }
}
