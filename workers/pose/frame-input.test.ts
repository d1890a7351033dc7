import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FrameInput } from './frame-input';

/** What FrameInput touches of a VideoFrame; `copyTo` fills RGBA with the frame's own byte, or fails. */
function frame(w: number, h: number, opts: { fill?: number; copyFails?: boolean; rotation?: number } = {}) {
  const calls: string[] = [];
  const f = {
    displayWidth: w,
    displayHeight: h,
    visibleRect: { width: w, height: h },
    rotation: opts.rotation ?? 0,
    calls,
    async copyTo(dest: Uint8ClampedArray, options: { format: string }) {
      calls.push(`copyTo ${options.format}`);
      if (opts.copyFails) throw new DOMException('unsupported format', 'NotSupportedError');
      dest.fill(opts.fill ?? 7);
      return [];
    },
  };
  return f as unknown as VideoFrame & { calls: string[] };
}

class FakeImageData {
  constructor(readonly data: Uint8ClampedArray, readonly width: number, readonly height: number) {}
}
const realImageData = globalThis.ImageData;
beforeAll(() => {
  (globalThis as { ImageData: unknown }).ImageData = FakeImageData;
});
afterAll(() => {
  (globalThis as { ImageData: unknown }).ImageData = realImageData;
});

describe('FrameInput', () => {
  it('copies a right-sized frame to RGBA, reusing one buffer', async () => {
    const input = new FrameInput();
    const a = (await input.of(frame(4, 2, { fill: 9 }), 4, 2)) as unknown as FakeImageData;
    expect(a).toBeInstanceOf(FakeImageData);
    expect([a.width, a.height, a.data.length, a.data[0]]).toEqual([4, 2, 32, 9]);
    const b = (await input.of(frame(4, 2, { fill: 3 }), 4, 2)) as unknown as FakeImageData;
    expect(b.data.buffer).toBe(a.data.buffer);
    expect(b.data[31]).toBe(3);
  });

  it('scales a frame of another size instead of copying it', async () => {
    const sizes: string[] = [];
    const input = new FrameInput(async (_f, w, h) => {
      sizes.push(`${w}x${h}`);
      return { width: w, height: h } as ImageBitmap;
    });
    const f = frame(1280, 720);
    await input.of(f, 640, 360);
    expect(sizes).toEqual(['640x360']);
    expect(f.calls).toEqual([]);
  });

  it('hands over the frame itself when this browser cannot copy to RGBA, and stops trying', async () => {
    const input = new FrameInput();
    const first = frame(4, 2, { copyFails: true });
    expect(await input.of(first, 4, 2)).toBe(first);
    const second = frame(4, 2);
    expect(await input.of(second, 4, 2)).toBe(second);
    expect(second.calls).toEqual([]);
  });

  it('does not copy a rotated frame (copyTo would give it lying on its side)', async () => {
    const f = frame(4, 2, { rotation: 90 });
    expect(await new FrameInput().of(f, 4, 2)).toBe(f);
    expect(f.calls).toEqual([]);
  });

  it('gives the page a bitmap of a copied frame, and a clone of a frame measured as it is', async () => {
    const made: unknown[] = [];
    const realCreate = globalThis.createImageBitmap;
    (globalThis as { createImageBitmap: unknown }).createImageBitmap = async (src: unknown, options: ImageBitmapOptions) => {
      made.push(src);
      return { bitmapOf: src, premultiplyAlpha: options.premultiplyAlpha };
    };
    try {
      const input = new FrameInput();
      const copied = await input.of(frame(4, 2), 4, 2);
      // Opaque: premultiplying would only cost time.
      expect(await input.picture(copied)).toEqual({ bitmapOf: copied, premultiplyAlpha: 'none' });
      const clone = { clone: () => clone };
      const asIs = { clone: () => clone } as unknown as VideoFrame;
      expect(await input.picture(asIs)).toBe(clone);
      expect(made).toEqual([copied]);
    } finally {
      (globalThis as { createImageBitmap: unknown }).createImageBitmap = realCreate;
    }
  });
});
