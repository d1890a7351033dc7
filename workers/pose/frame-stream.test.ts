import { describe, expect, it } from 'vitest';
import type { PoseResult, StreamedFrame } from '../../src/shared/pose-protocol';
import { FrameStream, type FrameMeasurer } from './frame-stream';

/** A camera frame stand-in: what FrameStream touches of a VideoFrame. */
class FakeFrame {
  closed = false;
  clones: FakeFrame[] = [];
  constructor(readonly timestamp: number, readonly displayWidth = 360, readonly displayHeight = 640) {}
  close() {
    this.closed = true;
  }
  clone() {
    const c = new FakeFrame(this.timestamp, this.displayWidth, this.displayHeight);
    this.clones.push(c);
    return c;
  }
}

/**
 * A 30 fps camera behind a one-frame buffer, like MediaStreamTrackProcessor
 * with maxBufferSize 1: a read returns the newest frame that has arrived by
 * now (older ones were dropped), or waits for the next.
 */
function camera(clock: { ms: number }, count: number, w = 360, h = 640) {
  const arrivals = Array.from({ length: count }, (_, i) => ({ at: 1000 + i * (1000 / 30), frame: new FakeFrame(5_000_000 + i * 33_333.3, w, h) }));
  let next = 0;
  const stream = new ReadableStream<VideoFrame>({
    pull(controller) {
      if (next >= arrivals.length) return controller.close();
      let i = next;
      while (i + 1 < arrivals.length && arrivals[i + 1].at <= clock.ms) i++;
      if (arrivals[i].at > clock.ms) clock.ms = arrivals[i].at; // waited for it
      next = i + 1;
      controller.enqueue(arrivals[i].frame as unknown as VideoFrame);
    },
  }, { highWaterMark: 0 });
  return { stream, frames: arrivals.map((a) => a.frame) };
}

function engine(clock: { ms: number }, inferenceMs: number, log: string[]): FrameMeasurer {
  return {
    measure(_frame, t) {
      clock.ms += inferenceMs;
      log.push(`measure ${Math.round(t)}`);
      return { t, landmarks: [], world: null, people: 1, inferenceMs, delegate: 'CPU' } as unknown as PoseResult;
    },
    async countPeopleIfDue() {
      log.push('count');
    },
  };
}

const options = { maxSide: 640, nominalFps: 30, originWallMs: 1000 };
/** The landmarker gets the camera frame as it is (FrameInput's conversions are tested on their own). */
const asIs = { of: async (f: VideoFrame) => f, picture: async (f: unknown) => (f as VideoFrame).clone() };

describe('FrameStream', () => {
  it('measures frames as they arrive, times them from capture, and closes every frame', async () => {
    const clock = { ms: 0 };
    const log: string[] = [];
    const cam = camera(clock, 10);
    const got: StreamedFrame[] = [];
    await new FrameStream(engine(clock, 10, log), asIs, () => clock.ms).run(cam.stream, options, (f) => got.push(f));
    // 10 ms of inference keeps up with 30 fps: every frame is measured, none skipped.
    expect(got).toHaveLength(10);
    expect(got.map((f) => f.skipped)).toEqual(Array(10).fill(0));
    expect(got[0].result.t).toBe(0);
    expect(got[3].result.t).toBeCloseTo(100, 0);
    expect(got[3].captureWallMs).toBeCloseTo(1100, 0);
    expect(cam.frames.every((f) => f.closed)).toBe(true);
    // The head count comes after the result has been handed over.
    expect(log.slice(0, 2)).toEqual(['measure 0', 'count']);
  });

  it('drops what arrives during a slow frame, and waits for a fresh frame over a stale buffered one', async () => {
    const clock = { ms: 0 };
    const cam = camera(clock, 30);
    const got: StreamedFrame[] = [];
    await new FrameStream(engine(clock, 50, []), asIs, () => clock.ms).run(cam.stream, options, (f) => got.push(f));
    // Each 50 ms measurement spans 1.5 frame intervals; the stale buffered frame is skipped for the next fresh one.
    const waits = got.map((f) => Math.round(f.captureWallMs - (f.result.t + options.originWallMs)));
    expect(waits.every((w) => w === 0)).toBe(true);
    expect(got.length).toBeLessThan(30);
    expect(got.length).toBeGreaterThanOrEqual(14);
    // Every camera frame is accounted for: measured, or counted as skipped.
    const accounted = got.length + got.reduce((a, f) => a + f.skipped, 0);
    expect(accounted).toBeGreaterThanOrEqual(29);
    expect(accounted).toBeLessThanOrEqual(30);
    // Capture → result is the measurement, not a queue: results are 50 ms after capture at most.
    expect(got.every((f, i) => i === 0 || f.captureWallMs > got[i - 1].captureWallMs + 33)).toBe(true);
    // The stages say where the time went: read fresh, all 50 ms in the measurement.
    expect(got.every((f) => f.stages.ageMs < 1000 / 30 / 2 && f.stages.inputMs === 0 && f.stages.workMs === 50)).toBe(true);
    expect(cam.frames.every((f) => f.closed)).toBe(true);
  });

  it('scales large frames, lets go of each camera frame before measuring, and returns a picture of what was measured', async () => {
    const clock = { ms: 0 };
    const cam = camera(clock, 3, 1280, 720);
    const sizes: string[] = [];
    const sourceOf = new Map<FakeFrame, FakeFrame>();
    const input = {
      of: async (f: VideoFrame, w: number, h: number) => {
        sizes.push(`${w}x${h}`);
        const s = new FakeFrame(f.timestamp, w, h);
        sourceOf.set(s, f as unknown as FakeFrame);
        return s as unknown as VideoFrame;
      },
      picture: async (i: unknown) => (i as VideoFrame).clone(),
    };
    // A camera lends few buffers: its frame must be back before the (long) measurement starts.
    const cameraFrameOpen: boolean[] = [];
    const measurer = engine(clock, 5, []);
    const measure = measurer.measure.bind(measurer);
    measurer.measure = (f, t) => {
      cameraFrameOpen.push(!sourceOf.get(f as unknown as FakeFrame)!.closed);
      return measure(f, t);
    };
    const got: StreamedFrame[] = [];
    await new FrameStream(measurer, input, () => clock.ms).run(cam.stream, { ...options, returnFrames: true }, (f) => got.push(f));
    expect(sizes).toEqual(['640x360', '640x360', '640x360']);
    expect(cameraFrameOpen).toEqual([false, false, false]);
    expect([...sourceOf.keys()].every((s) => s.closed)).toBe(true);
    expect(cam.frames.every((f) => f.closed)).toBe(true);
    // The page gets a picture of the measured input, and owns it.
    expect(got.map((f) => (f.frame as unknown as FakeFrame).displayWidth)).toEqual([640, 640, 640]);
    expect(got.every((f) => !(f.frame as unknown as FakeFrame).closed)).toBe(true);
  });
});
