import { describe, expect, it } from 'vitest';
import { FrameQueue } from './frame-queue';

describe('FrameQueue', () => {
  it('hands items over in order and ends after close', async () => {
    const q = new FrameQueue<number>(3);
    q.push(1);
    q.push(2);
    q.close();
    expect(await q.next()).toEqual({ value: 1, done: false });
    expect(await q.next()).toEqual({ value: 2, done: false });
    expect((await q.next()).done).toBe(true);
  });

  it('resolves a waiting consumer when an item arrives', async () => {
    const q = new FrameQueue<string>(2);
    const p = q.next();
    q.push('a');
    expect(await p).toEqual({ value: 'a', done: false });
  });

  it('tells the producer when there is room, counting items still being made', async () => {
    const q = new FrameQueue<number>(2);
    q.push(1);
    expect(q.hasRoom()).toBe(true);
    expect(q.hasRoom(1)).toBe(false);
    q.push(2);
    expect(q.hasRoom()).toBe(false);
    let woke = false;
    const room = q.waitForRoom().then(() => (woke = true));
    await Promise.resolve();
    expect(woke).toBe(false);
    await q.next();
    await room;
    expect(woke).toBe(true);
    expect(q.hasRoom()).toBe(true);
  });

  it('disposes held and late items on failure and rejects the consumer', async () => {
    const disposed: number[] = [];
    const q = new FrameQueue<number>(3, (n) => disposed.push(n));
    q.push(1);
    q.push(2);
    q.fail(new Error('decode failed'));
    expect(disposed).toEqual([1, 2]);
    await expect(q.next()).rejects.toThrow('decode failed');
    q.push(3);
    expect(disposed).toEqual([1, 2, 3]);
  });

  it('rejects a consumer already waiting when the producer fails', async () => {
    const q = new FrameQueue<number>(1);
    const p = q.next();
    q.fail(new Error('boom'));
    await expect(p).rejects.toThrow('boom');
  });
});
