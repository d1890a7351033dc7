/**
 * A small FIFO between a producer that cannot wait (decoder callbacks) and a
 * consumer that awaits one item at a time (the pose worker). The producer
 * asks `room` before making more, so memory stays flat; whatever is left
 * when the queue is abandoned is handed to `dispose` (bitmaps get closed).
 */
export class FrameQueue<T> {
  private items: T[] = [];
  private waiting: { resolve: (v: IteratorResult<T>) => void; reject: (e: Error) => void } | null = null;
  private roomWaiters: (() => void)[] = [];
  private done = false;
  private error: Error | null = null;

  constructor(
    readonly capacity: number,
    private readonly dispose: (item: T) => void = () => {},
  ) {
    if (capacity < 1) throw new Error('capacity must be at least 1');
  }

  get length(): number {
    return this.items.length;
  }

  get closed(): boolean {
    return this.done || this.error !== null;
  }

  /** Adds an item (never blocks; producers check `hasRoom`/`waitForRoom` first). */
  push(item: T): void {
    if (this.closed) {
      this.dispose(item);
      return;
    }
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = null;
      w.resolve({ value: item, done: false });
      return;
    }
    this.items.push(item);
  }

  /** True while fewer than `capacity` items plus `extra` (items still being made) are held. */
  hasRoom(extra = 0): boolean {
    return this.items.length + extra < this.capacity;
  }

  /** Resolves the next time an item is taken (or the queue ends). */
  waitForRoom(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((r) => this.roomWaiters.push(r));
  }

  /** Wakes the producer without taking an item (e.g. the decoder drained). */
  nudge(): void {
    const ws = this.roomWaiters;
    this.roomWaiters = [];
    for (const w of ws) w();
  }

  /** No more items: the consumer gets `done` after the held ones. */
  close(): void {
    this.done = true;
    if (this.waiting && this.items.length === 0) {
      const w = this.waiting;
      this.waiting = null;
      w.resolve({ value: undefined, done: true });
    }
    this.nudge();
  }

  /** Ends with an error: the consumer's next `next()` rejects; held items are disposed. */
  fail(error: Error): void {
    if (this.error) return;
    this.error = error;
    this.drop();
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = null;
      w.reject(error);
    }
    this.nudge();
  }

  /** Disposes held items (when the consumer gives up). */
  drop(): void {
    const items = this.items;
    this.items = [];
    for (const it of items) this.dispose(it);
  }

  next(): Promise<IteratorResult<T>> {
    if (this.items.length > 0) {
      const value = this.items.shift()!;
      this.nudge();
      return Promise.resolve({ value, done: false });
    }
    if (this.error) return Promise.reject(this.error);
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    if (this.waiting) return Promise.reject(new Error('FrameQueue: one consumer at a time'));
    return new Promise((resolve, reject) => {
      this.waiting = {
        resolve: (v) => {
          this.nudge();
          resolve(v);
        },
        reject,
      };
    });
  }
}
