import { describe, expect, it } from 'vitest';
import { frameAt, stepTime, videoTime } from './frames';

const times = [0, 16.6667, 33.3333, 50, 66.6667];

describe('frame lookup', () => {
  it('finds the frame on screen at a time', () => {
    expect(frameAt(times, 0)).toBe(0);
    expect(frameAt(times, 16.6667)).toBe(1);
    expect(frameAt(times, 16.4)).toBe(1); // within the half-ms slack
    expect(frameAt(times, 30)).toBe(1);
    expect(frameAt(times, -5)).toBe(0);
    expect(frameAt(times, 1e9)).toBe(4);
    expect(frameAt([], 3)).toBe(-1);
  });
  it('seeks the video half a millisecond into a frame', () => {
    expect(videoTime(16.6667)).toBeCloseTo(0.0171667, 7);
    expect(frameAt(times, videoTime(times[3]) * 1000)).toBe(3);
  });
  it('steps by whole frames and stops at the ends', () => {
    expect(stepTime(times, 20, 1)).toBe(33.3333);
    expect(stepTime(times, 20, -1)).toBe(0);
    expect(stepTime(times, 0, -1)).toBe(0);
    expect(stepTime(times, 66.6667, 1)).toBe(66.6667);
  });
});
