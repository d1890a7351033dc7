import type { Delegate } from '../../src/shared/pose-protocol';
import { median } from './convert';

/**
 * Chooses the delegate by timing both on the user's own frames: a GPU may be
 * a real one or software GL (about 12× slower than CPU here), and only a
 * measurement tells. Pure bookkeeping; the engine runs the frames.
 */
export class DelegateTrial {
  readonly samples: Record<Delegate, number[]> = { CPU: [], GPU: [] };
  private decided: Delegate | null = null;
  private reason = '';

  constructor(
    /** timed frames per delegate, after the warm-up ones */
    private readonly frames = 5,
    /** first frames of each delegate are dropped (graph warm-up, shader compile) */
    private readonly warmup = 2,
    /** a GPU frame this many times slower than the CPU median ends the trial at once */
    private readonly giveUpFactor = 3,
  ) {}

  /** Which delegate the next frame should run on during the trial. */
  next(): Delegate {
    if (this.decided) return this.decided;
    return this.samples.CPU.length < this.frames + this.warmup ? 'CPU' : 'GPU';
  }

  record(delegate: Delegate, ms: number): void {
    if (this.decided) return;
    this.samples[delegate].push(ms);
    const cpu = median(this.samples.CPU.slice(this.warmup));
    if (delegate === 'GPU') {
      const gpuTimed = this.samples.GPU.slice(this.warmup);
      // Software GL is obvious after one frame past warm-up; don't make the lifter wait.
      if (gpuTimed.length > 0 && gpuTimed[gpuTimed.length - 1] > cpu * this.giveUpFactor) {
        this.decide('CPU', `measured: GPU ${gpuTimed[gpuTimed.length - 1].toFixed(0)} ms vs CPU ${cpu.toFixed(0)} ms per frame`);
      } else if (gpuTimed.length >= this.frames) {
        const gpu = median(gpuTimed);
        this.decide(gpu < cpu ? 'GPU' : 'CPU', `measured: GPU ${gpu.toFixed(1)} ms vs CPU ${cpu.toFixed(1)} ms per frame`);
      }
    }
  }

  /** GPU could not even start: CPU it is. */
  fail(why: string): void {
    if (!this.decided) this.decide('CPU', `GPU unavailable (${why})`);
  }

  get result(): { delegate: Delegate; reason: string } | null {
    return this.decided ? { delegate: this.decided, reason: this.reason } : null;
  }

  private decide(d: Delegate, reason: string): void {
    this.decided = d;
    this.reason = reason;
  }
}
