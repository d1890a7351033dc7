/**
 * Size of the bitmap handed to the worker. The landmarker resizes to 256 px
 * internally, so sending full camera frames only costs copies; and with
 * segmentation masks on, the wasm aborts unless the width is a multiple of 4.
 */
export function inferenceSize(width: number, height: number, maxSide = 640): { width: number; height: number } {
  if (width <= 0 || height <= 0) throw new Error(`invalid frame size ${width}×${height}`);
  const scale = Math.min(1, maxSide / Math.max(width, height));
  const w = Math.max(4, Math.round((width * scale) / 4) * 4);
  const h = Math.max(2, Math.round((w * height) / width));
  return { width: w, height: h };
}
