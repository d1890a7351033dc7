import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRecording, type RepReport, type SetReport } from '../analysis';
import { faultLabel } from '../components/verdict';
import { Coach, repTempo, setEndWords } from './coach.svelte';
import { synthesizeClip } from '../analysis/synthetic';
import { REST_ENDS_SET_MS } from './set-control';
import { SetHistory, type SavedSet } from './set-history';
import { memoryStore } from '../storage/idb-store';
import { fullStore } from '../storage/full-store';

const rep = (metrics: Record<string, number>): RepReport => ({
  index: 1, startMs: 1000, bottomMs: 4000, endMs: 5500, complete: true, faults: [], metrics, evidence: [], unjudged: [], verdict: 'clean',
});

describe('repTempo', () => {
  it('uses the analyzer phase timings, which leave out standing still', () => {
    expect(repTempo(rep({ loweringMs: 2200, risingMs: 1100 }))).toEqual({ loweringS: 2.2, risingS: 1.1 });
  });
  it('falls back to the rep times when a phase could not be timed', () => {
    expect(repTempo(rep({ loweringMs: NaN }))).toEqual({ loweringS: 3, risingS: 1.5 });
  });
});

const recordingPath = (name: string) => path.resolve(__dirname, `../../../shared/landmarks/${name}.json`);
const FRONT = recordingPath('03y_pose-estimation-for-powerlifting__deadlift2');
const SIDE = recordingPath('TBY66_Intelligent-Deadlift-Diagnosis-System__0016c_1');

/** A recorded set played through the live coach as if from the camera, the set started by hand. */
function coachSet(file: string): Coach {
  const clip = parseRecording(readFileSync(file, 'utf8'));
  const coach = new Coach();
  coach.lift = 'deadlift';
  coach.setFrameSize(clip.width, clip.height);
  coach.start();
  for (const f of clip.frames) coach.push({ t: f.t, landmarks: f.landmarks, world: f.world, people: f.people ?? 1, inferenceMs: 0, delegate: 'CPU' }, 0);
  coach.end();
  return coach;
}

describe('live verdicts on shared recordings', () => {
  for (const file of [FRONT, SIDE]) {
    it(`${path.basename(file)}: praise only for a rep the analyzer judged clean; "couldn't see" for one it could not judge`, () => {
      const coach = coachSet(file);
      const reps = coach.summary?.reps ?? [];
      const verdictOfRep = (n: number) => reps.find((r) => r.index === n)?.verdict;
      for (const q of coach.cueLog.filter((x) => x.kind === 'praise')) expect(verdictOfRep(q.rep), `praise for rep ${q.rep}`).toBe('clean');
      for (const q of coach.cueLog.filter((x) => x.kind === 'unjudged')) expect(verdictOfRep(q.rep), `couldn't see for rep ${q.rep}`).toBe('unjudged');
      const last = reps[reps.length - 1];
      if (last) {
        expect(coach.lastRep?.index).toBe(last.index);
        expect(coach.lastRep?.headline).toBe({ clean: 'good rep', fault: `fix: ${faultLabel(last.faults[0] ?? '')}`, unjudged: "couldn't see" }[last.verdict]);
      }
    });
  }

  it('the front view: no rep is called good, and the end of the set does not say "clean"', () => {
    const coach = coachSet(FRONT);
    const reps = coach.summary?.reps ?? [];
    expect(reps.every((r) => r.verdict !== 'clean')).toBe(true);
    expect(coach.cueLog.some((q) => q.kind === 'praise')).toBe(false);
    expect(setEndWords(coach.summary!)).not.toMatch(/clean/i);
  });
});

describe('the cue card for a rep the analyzer could not judge', () => {
  /** An analyzer stand-in: one rep counted at 1 s, praised at 2 s, with the given verdict in its report. */
  function fakeAnalyzer(verdict: RepReport['verdict']) {
    let t = 0;
    const r = { ...rep({}), verdict, unjudged: verdict === 'unjudged' ? [{ id: 'rounded-back' as const, reason: 'view' as const, text: 'Turn side-on to the camera.' }] : [] };
    return {
      calibration: null,
      push(f: { t: number }) {
        t = f.t;
        const praise = t >= 2000 ? { faultId: null, text: 'Clean rep, nice control.', kind: 'praise' as const, sinceMs: 2000, rep: 1 } : null;
        return { t, person: true, landmarks: null, angles: null, phase: 'lockout', repCount: t >= 1000 ? 1 : 0, depth: 0, bar: null, midFootX: null, view: 'side', facing: 'left', lift: 'deadlift', side: null, faults: [], cue: praise, setup: [], calibration: 'done' };
      },
      report: () => ({ lift: 'deadlift', side: null, view: 'side', facing: 'left', calibration: null, reps: t >= 1000 ? [r] : [], summary: { repCount: 1, cleanReps: verdict === 'clean' ? 1 : 0, unjudgedReps: verdict === 'unjudged' ? 1 : 0, unjudgedCounts: {}, faultCounts: {}, mainFault: null, meanLoweringMs: null, meanRisingMs: null, unsupported: [], notes: [] } }),
    };
  }
  function run(verdict: RepReport['verdict']) {
    const coach = new Coach();
    coach.start();
    (coach as unknown as { analyzer: unknown }).analyzer = fakeAnalyzer(verdict);
    const seen: string[] = [];
    for (let t = 0; t <= 3000; t += 100) {
      coach.push({ t, landmarks: null, world: null, people: 1, inferenceMs: 0, delegate: 'CPU' }, 0);
      const s = `${coach.cue?.kind ?? '-'}/${coach.lastRep?.headline ?? '-'}`;
      if (seen[seen.length - 1] !== s) seen.push(s);
    }
    return { coach, seen };
  }
  it('shows "couldn\'t see" and why instead of the praise, and logs it so', () => {
    const { coach, seen } = run('unjudged');
    expect(seen).toEqual(['-/-', "-/checking…", "unjudged/couldn't see"]);
    expect(coach.cue).toMatchObject({ kind: 'unjudged', text: "Couldn't see that rep", detail: 'Turn side-on to the camera.' });
    expect(coach.cueLog.map((q) => q.kind)).toEqual(['unjudged']);
    expect(coach.announcement).toBe("Couldn't see that rep");
  });
  it('praises a rep judged clean', () => {
    const { coach, seen } = run('clean');
    expect(seen).toEqual(['-/-', '-/checking…', 'praise/good rep']);
    expect(coach.cueLog.map((q) => q.kind)).toEqual(['praise']);
  });
});

describe('setEndWords', () => {
  const report = (verdicts: RepReport['verdict'][], mainFault: RepReport['faults'][number] | null = null) =>
    ({
      reps: verdicts.map((v, i) => ({ ...rep({}), index: i + 1, verdict: v, faults: v === 'fault' ? ['hips-back'] : [] })),
      summary: { cleanReps: verdicts.filter((v) => v === 'clean').length, unjudgedReps: verdicts.filter((v) => v === 'unjudged').length, mainFault },
    }) as unknown as SetReport;
  it('calls a set clean only when every rep was judged clean', () => {
    expect(setEndWords(report(['clean', 'clean']))).toBe('2 reps. Clean set, well done.');
    expect(setEndWords(report(['clean', 'unjudged']))).toBe('2 reps. 1 could not be judged; the summary on screen says why.');
    expect(setEndWords(report(['fault', 'unjudged'], 'hips-back'))).toMatch(/^2 reps\. Next set: Send your hips back/);
  });
});

describe('sets that end, sets that survive (synthetic lifter, hands-free)', () => {
  const { clip, truth } = synthesizeClip({ lift: 'rdl', reps: 3, fps: 30, width: 720, height: 1280, seed: 2, standS: 4, noise: 0, dropout: 0 });
  const span = clip.frames[clip.frames.length - 1].t;
  // The clip stands before its first rep and after its last: a loop's stand-still is those plus the gap.
  const standInClipS = (span - truth.reps[truth.reps.length - 1].endMs + truth.reps[0].startMs) / 1000;

  /** The clip `loops` times; between passes the lifter stands still `standS` in all (the last frame held, then the clip's standing start). */
  function train(coach: Coach, loops: number, standS: number, from = 0): number {
    const afterLastRepS = (span - truth.reps[truth.reps.length - 1].endMs) / 1000;
    coach.lift = 'rdl';
    coach.setFrameSize(clip.width, clip.height);
    const push = (t: number, f: (typeof clip.frames)[number]) => coach.push({ t, landmarks: f.landmarks, world: f.world, people: 1, inferenceMs: 0, delegate: 'CPU' }, 0);
    let off = from;
    for (let loop = 0; loop < loops; loop++) {
      // after the last pass there is no standing start to come: the whole stand is the held frame
      const gapS = Math.max(0.1, standS - (loop === loops - 1 ? afterLastRepS : standInClipS));
      for (const f of clip.frames) push(f.t + off, f);
      const lf = clip.frames[clip.frames.length - 1];
      for (let t = lf.t + 33; t < lf.t + gapS * 1000; t += 33) push(t + off, lf);
      off += span + gapS * 1000;
    }
    return off;
  }
  const settle = () => new Promise((r) => setTimeout(r, 0));
  const coachWith = (history: SetHistory) => new Coach({ history, persist: async () => 'not-persisted' });

  it(`standing still 12 s between passes ends the set after ${REST_ENDS_SET_MS / 1000} s; the next reps are a new set`, async () => {
    expect(standInClipS).toBeLessThan(8);
    const history = new SetHistory(memoryStore());
    train(coachWith(history), 3, 12);
    await settle();
    const sets = await history.all();
    expect(sets.map((s) => s.reps.length)).toEqual([3, 3, 3]);
    expect(sets.every((s) => s.finished)).toBe(true);
    expect(new Set(sets.map((s) => s.id)).size).toBe(3);
  });

  it('the summary of a set ended by a rest stays on screen until the next set\'s first rep', () => {
    const coach = coachWith(new SetHistory(memoryStore()));
    const seen: string[] = [];
    const push = coach.push.bind(coach);
    coach.push = (r, c) => {
      push(r, c);
      const s = `${coach.setState}/${coach.repCount}/${coach.summary ? coach.summary.reps.length : '-'}`;
      if (seen[seen.length - 1] !== s) seen.push(s);
    };
    train(coach, 2, 12);
    const ended = seen.indexOf('ended/3/3');
    expect(ended).toBeGreaterThan(0);
    // ended → the next set starts (still standing) with the summary up → its first rep takes it down
    expect(seen.slice(ended, ended + 4)).toEqual(['ended/3/3', 'arming/3/3', 'active/0/3', 'active/1/-']);
  });

  it('8 s standing between the passes stays one set', async () => {
    const history = new SetHistory(memoryStore());
    const coach = coachWith(history);
    train(coach, 3, 8);
    await settle();
    expect(coach.repCount).toBe(9);
    expect((await history.all()).map((s) => s.reps.length)).toEqual([9]);
  });

  it('storage full: the set is kept in memory, marked not saved, and saved once there is room', async () => {
    const store = fullStore<SavedSet>();
    const history = new SetHistory(store);
    const coach = coachWith(history);
    train(coach, 1, 12);
    await settle();
    expect(coach.historyError).toMatch(/storage on this device is full/);
    const listed = await history.all();
    expect(listed.map((s) => [s.reps.length, s.finished, s.notSaved])).toEqual([[3, true, true]]);
    expect(await store.keys()).toEqual([]);
    store.room();
    expect(await history.retry()).toBe(0);
    expect((await history.all()).map((s) => [s.reps.length, s.notSaved])).toEqual([[3, undefined]]);
    expect(await store.keys()).toEqual([listed[0].id]);
  });

  it('asks for persistent storage once, at the first set saved', async () => {
    let asked = 0;
    const coach = new Coach({ history: new SetHistory(memoryStore()), persist: async () => (asked++, 'persisted') });
    train(coach, 2, 12);
    await settle();
    expect(asked).toBe(1);
    expect(coach.persistence).toBe('persisted');
  });

  it('a set cut off by a reload is offered back, and resuming it carries on in the same record', async () => {
    const store = memoryStore<SavedSet>();
    const history = new SetHistory(store);
    // The first page: three reps, then the page goes away mid-set (no end, no rest).
    const first = coachWith(history);
    train(first, 1, 1);
    await settle();
    const [cut] = await history.all();
    expect([cut.reps.length, cut.finished]).toEqual([3, false]);

    const next = coachWith(new SetHistory(store));
    expect((await next.findInterrupted())?.id).toBe(cut.id);
    next.resumeInterrupted();
    train(next, 1, 12);
    await settle();
    const sets = await history.all();
    expect(sets).toHaveLength(1);
    expect(sets[0].id).toBe(cut.id);
    expect(sets[0].reps.map((r) => r.index)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(sets[0].finished).toBe(true);
  });

  it('an interrupted set can be discarded, or kept as it was', async () => {
    const store = memoryStore<SavedSet>();
    train(coachWith(new SetHistory(store)), 1, 1);
    train(coachWith(new SetHistory(store)), 1, 1, 100_000);
    await settle();
    const c = coachWith(new SetHistory(store));
    const newest = await c.findInterrupted();
    await c.discardInterrupted();
    expect(await store.get(newest!.id)).toBeUndefined();
    expect(c.interrupted).not.toBeNull(); // the older one is offered next
    await c.keepInterrupted();
    expect(c.interrupted).toBeNull();
    expect((await store.values()).map((s) => s.finished)).toEqual([true]);
  });
});

const LOOPED = recordingPath('TBY66_Intelligent-Deadlift-Diagnosis-System__0016k_1');
describe('a looping real recording with a stand between passes (issue 16: 208 reps stayed one set)', () => {
  /** `minutes` of the recording's first 10 reps on a loop, standing `standS` between passes (its last frame, then its first, held). */
  function loop(standS: number, minutes: number) {
    const clip = parseRecording(readFileSync(LOOPED, 'utf8'));
    // The recording stops in rep 11's descent: cut at the lockout of rep 10, so each pass ends standing.
    const frames = clip.frames.filter((f) => f.t < 17_500);
    const history = new SetHistory(memoryStore());
    const coach = new Coach({ history, persist: async () => 'unsupported' });
    coach.lift = 'deadlift';
    coach.setFrameSize(clip.width, clip.height);
    const push = (t: number, f: (typeof frames)[number]) => coach.push({ t, landmarks: f.landmarks, world: f.world, people: 1, inferenceMs: 0, delegate: 'CPU' }, 0);
    const span = frames[frames.length - 1].t;
    for (let t = 0; t < 8000; t += 33) push(t, frames[0]); // stand still: the set starts hands-free
    for (let off = 8000; off < minutes * 60_000; off += span + standS * 1000) {
      for (const f of frames) push(off + f.t, f);
      for (let t = 33; t < standS * 1000; t += 33) push(off + span + t, t < standS * 500 ? frames[frames.length - 1] : frames[0]);
    }
    return history;
  }

  it('12 s standing between passes: every pass is its own set of 10 reps', async () => {
    const sets = await loop(12, 3).all();
    expect(sets.length).toBeGreaterThanOrEqual(5);
    expect(sets.map((s) => s.reps.length)).toEqual(sets.map(() => 10));
  });

  it('7 s standing between passes: one set', async () => {
    const sets = await loop(7, 3).all();
    expect(sets).toHaveLength(1);
    expect(sets[0].reps.length).toBeGreaterThan(50);
  });
});
