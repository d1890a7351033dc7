/**
 * Two reps side by side, locked together by phase (rep-compare.ts): one
 * phase slider and one play button drive both panes.
 */
import type { RepReport } from '../analysis/types';
import { PHASE_END, advancePhase, phaseLabel, timeAtPhase } from './rep-compare';

export class RepComparison {
  a = $state(1);
  b = $state(2);
  /** shared phase, 0..2 */
  phase = $state(1);
  playing = $state(false);
  rate = $state(0.5);

  private raf = 0;
  private last = 0;

  constructor(private readonly reps: () => readonly RepReport[]) {}

  get repA(): RepReport | null {
    return this.reps().find((r) => r.index === this.a) ?? null;
  }
  get repB(): RepReport | null {
    return this.reps().find((r) => r.index === this.b) ?? null;
  }
  get timeA(): number | null {
    const r = this.repA;
    return r ? timeAtPhase(r, this.phase) : null;
  }
  get timeB(): number | null {
    const r = this.repB;
    return r ? timeAtPhase(r, this.phase) : null;
  }
  get label(): string {
    return phaseLabel(this.phase);
  }

  /** Picks sensible reps when the report changes (first two, or the same one twice). */
  fit(): void {
    const reps = this.reps();
    const ids = reps.map((r) => r.index);
    if (!ids.includes(this.a)) this.a = ids[0] ?? 1;
    if (!ids.includes(this.b)) this.b = ids[1] ?? ids[0] ?? 1;
  }

  setPhase(u: number): void {
    this.phase = Math.max(0, Math.min(PHASE_END, u));
  }

  toggle(): void {
    if (this.playing) this.stop();
    else this.play();
  }

  play(): void {
    const a = this.repA;
    if (!a || this.playing) return;
    if (this.phase >= PHASE_END) this.phase = 0;
    this.playing = true;
    this.last = performance.now();
    const tick = (now: number) => {
      if (!this.playing) return;
      const rep = this.repA;
      if (!rep) return this.stop();
      this.phase = advancePhase(rep, this.phase, now - this.last, this.rate);
      this.last = now;
      if (this.phase >= PHASE_END) return this.stop();
      this.raf = requestAnimationFrame(tick);
    };
    this.raf = requestAnimationFrame(tick);
  }

  stop(): void {
    this.playing = false;
    cancelAnimationFrame(this.raf);
  }
}
