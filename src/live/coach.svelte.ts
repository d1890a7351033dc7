/**
 * Live coaching: pose results in, the analyzer's verdicts out, plus the
 * hands-free set flow, voice, and on-device history. State only; the Svelte
 * components render it. All the judging is the analyzer's.
 */
import { tick } from 'svelte';
import {
  createHingeAnalyzer,
  CUE_TEXT,
  type Calibration,
  type Cue,
  type FrameResult,
  type HingeAnalyzer,
  type LiftOption,
  type Point2,
  type PoseClip,
  type PoseFrame,
  type RepReport,
  type SetReport,
  type Side,
} from '../analysis';
import type { PoseResult } from '../shared/pose-protocol';
import { FrameRecorder } from './frame-recorder';
import { MotionMeter } from './motion';
import { SetControl, type SetState } from './set-control';
import { setHistory, type SavedSet, type SetHistory } from './set-history';
import { isStorageFull } from '../storage/idb-store';
import { requestPersistence, type Persistence } from '../storage/persistence';
import { DEFAULT_VOICE, Voice, type VoiceSettings } from './voice';
import { Pacer } from '../shared/stats';
import { liveRepState, pendingRepState, setCounts, type LiveRepState } from '../components/verdict';

/**
 * The cue on the lifter's screen: the analyzer's cue, except that praise for
 * a rep the report could not judge becomes "couldn't see" (kind 'unjudged'):
 * a rep nobody could judge is not a good rep.
 */
export type CoachCue = Cue;

/** How long (frame time) after a rep is counted its last checks are waited for before its verdict is shown anyway. */
const REP_VERDICT_WAIT_MS = 1500;

export interface RepTempo {
  index: number;
  loweringS: number;
  risingS: number;
}

/**
 * Seconds down and up. The analyzer's own phase timings leave out standing
 * still at the top; the rep's start/bottom/end times are the fallback.
 */
export function repTempo(rep: RepReport): { loweringS: number; risingS: number } {
  const pick = (v: number | undefined, dflt: number) => (Number.isFinite(v) ? (v as number) : dflt);
  const down = pick(rep.metrics.loweringMs, rep.bottomMs - rep.startMs);
  const up = pick(rep.metrics.risingMs, rep.endMs - rep.bottomMs);
  return { loweringS: down / 1000, risingS: up / 1000 };
}

/** What is said at the end of a set: the focus for the next one, and never "clean" for reps that could not be judged. */
export function setEndWords(report: SetReport): string {
  const c = setCounts(report);
  const focus = report.summary.mainFault;
  const reps = `${c.reps} rep${c.reps === 1 ? '' : 's'}.`;
  if (focus) return `${reps} Next set: ${CUE_TEXT[focus]}`;
  if (c.unjudged > 0) return `${reps} ${c.unjudged} could not be judged; the summary on screen says why.`;
  if (c.reps === 0) return reps;
  return `${reps} Clean set, well done.`;
}

const LATENCY_SAMPLES = 2000;

export class Coach {
  lift = $state<LiftOption>('auto');
  side = $state<Side | 'auto'>('auto');
  voiceSettings = $state<VoiceSettings>({ ...DEFAULT_VOICE });

  frame = $state.raw<FrameResult | null>(null);
  /** the joint angles on screen: the frame's, a few times a second (see Pacer) */
  angles = $state.raw<FrameResult['angles'] | null>(null);
  private anglesPace = new Pacer(250);
  setState = $state<SetState>('setup');
  setReason = $state('');
  cue = $state.raw<CoachCue | null>(null);
  /** the last finished rep's verdict in words ("good rep" / "fix: …" / "couldn't see"), shown until the next rep */
  lastRep = $state.raw<LiveRepState | null>(null);
  /** the announcement for the ARIA live region (changes only when the cue does) */
  announcement = $state('');
  repCount = $state(0);
  lastTempo = $state.raw<RepTempo | null>(null);
  barPath = $state.raw<Point2[]>([]);
  lastBarPath = $state.raw<Point2[]>([]);
  reps = $state.raw<RepReport[]>([]);
  summary = $state.raw<SetReport | null>(null);
  historyError = $state('');
  /** a set left unfinished by a crash or reload, offered back on start */
  interrupted = $state.raw<SavedSet | null>(null);
  /** reps carried over from a resumed set (counted before this page's set began) */
  carriedReps = $state(0);
  /** a resumed set waits for the next set to start, which carries it on */
  resuming = $state(false);
  /** the answer to the storage-persistence request made at the first save, null until then */
  persistence = $state<Persistence | null>(null);
  /** bumped after every write to the history (kept or not): the History list reloads on it */
  historyVersion = $state(0);
  /** frame capture → cue rendered, ms (for the benchmark and the stats line) */
  latencies: number[] = [];
  /** every cue shown during this page's life, for the set log and the tests */
  cueLog: { t: number; rep: number; faultId: string | null; kind: string; text: string }[] = [];

  readonly voice = new Voice(DEFAULT_VOICE);
  private control = new SetControl();
  private motion = new MotionMeter();
  /** watches setup and calibration before the set; handed its calibration when the set starts */
  private scout: HingeAnalyzer | null = null;
  private analyzer: HingeAnalyzer | null = null;
  private calibration: Calibration | null = null;
  private saved: SavedSet | null = null;
  private frameSize = { width: 640, height: 480 };
  /** the analyzer's praise cue last looked at (by its time), and what the screen shows for it */
  private praiseSeen: { sinceMs: number; cue: CoachCue } | null = null;
  /** frame time by which the last counted rep's verdict is shown even if no cue came for it */
  private repVerdictDue: number | null = null;
  /** the camera session's measured frames, exportable as a landmark recording */
  private recorder = new FrameRecorder();
  /** the interrupted set the next set continues */
  private carry: SavedSet | null = null;
  private readonly history: SetHistory;
  private readonly persist: () => Promise<Persistence>;

  constructor(opts: { history?: SetHistory; persist?: () => Promise<Persistence> } = {}) {
    this.history = opts.history ?? setHistory;
    this.persist = opts.persist ?? (() => requestPersistence());
    this.setReason = this.control.reason;
  }

  /** Looks for a set a crash or reload left unfinished (the newest one), to offer it back. */
  async findInterrupted(): Promise<SavedSet | null> {
    try {
      const open = (await this.history.all()).filter((s) => !s.finished && s.reps.length > 0 && s.id !== this.saved?.id && s.id !== this.carry?.id);
      this.interrupted = open[0] ?? null;
    } catch {
      this.interrupted = null; // no storage: nothing to offer back
    }
    return this.interrupted;
  }

  /** The next set carries on from the interrupted one: same record, its reps first. */
  resumeInterrupted(): void {
    if (!this.interrupted) return;
    this.carry = this.interrupted;
    this.carriedReps = this.carry.reps.length;
    this.interrupted = null;
    this.resuming = true;
    if (this.setState === 'active' && this.analyzer && this.repCount === 0) {
      // The set already started (hands-free) but has no rep yet: carry on in it.
      this.saved = this.carry;
      this.carry = null;
      this.resuming = false;
    }
  }

  /** Keeps the interrupted set in the history as it was (marked finished), then looks for another. */
  async keepInterrupted(): Promise<void> {
    const s = this.interrupted;
    if (!s) return;
    this.interrupted = null;
    await this.history.put({ ...s, finished: true }).catch(() => {});
    await this.findInterrupted();
  }

  async discardInterrupted(): Promise<void> {
    const s = this.interrupted;
    if (!s) return;
    this.interrupted = null;
    await this.history.remove(s.id).catch(() => {});
    await this.findInterrupted();
  }

  /** Reps in the set on screen, the resumed ones included. */
  get totalReps(): number {
    return this.carriedReps + this.repCount;
  }

  setFrameSize(width: number, height: number): void {
    if (width > 0 && height > 0) this.frameSize = { width, height };
  }

  updateVoice(settings: VoiceSettings): void {
    this.voiceSettings = settings;
    this.voice.update(settings);
  }

  /** Lift or side changed: start over, keeping nothing judged under the old choice. */
  reconfigure(): void {
    this.scout = null;
    this.analyzer = null;
    this.calibration = null;
    this.control.reset();
    this.sync(null);
  }

  start(): void {
    this.control.start();
    this.sync('active');
  }

  pause(): void {
    this.control.pause();
    this.sync(this.control.state);
  }

  end(): void {
    this.control.end();
    this.sync('ended');
  }

  togglePause(): void {
    if (this.setState === 'active') this.pause();
    else this.start();
  }

  /** The session so far in the interchange format (import it in Review to re-analyse). */
  recording(model?: string): PoseClip {
    const f = this.recorder.toFrames();
    const spanS = f.length > 1 ? (f[f.length - 1].t - f[0].t) / 1000 : 0;
    return {
      source: 'live camera',
      model: model ? `pose_landmarker_${model}` : undefined,
      // The achieved rate: the camera's frames that the model kept up with.
      fps: spanS > 0 ? Math.round(((f.length - 1) / spanS) * 10) / 10 : 0,
      width: this.frameSize.width,
      height: this.frameSize.height,
      frames: f,
    };
  }

  /** One measured camera frame. */
  push(r: PoseResult, captureMs: number): void {
    const frame: PoseFrame = { t: r.t, landmarks: r.landmarks, world: r.world, people: r.people };
    if (r.dorsal !== undefined) frame.dorsal = r.dorsal;
    this.recorder.add(frame);

    // One analyzer per frame: the scout watches set-up and calibrates between sets,
    // the set's own analyzer judges the reps (its results carry the same setup verdicts).
    const active = this.setState === 'active';
    const options = {
      lift: this.lift,
      side: this.side === 'auto' ? undefined : this.side,
      width: this.frameSize.width,
      height: this.frameSize.height,
    };
    let res: FrameResult;
    if (active) {
      this.analyzer ??= createHingeAnalyzer({ ...options, calibration: this.calibration });
      res = this.analyzer.push(frame);
      this.onSetFrame(res);
    } else {
      this.scout ??= createHingeAnalyzer(options);
      res = this.scout.push(frame);
      if (res.calibration === 'done' && this.scout.calibration) this.calibration = this.scout.calibration;
    }

    const speed = this.motion.add(r.t, r.landmarks);
    const changed = this.control.update(r.t, {
      person: res.person,
      // Calibrated first, so every rep of the set is judged against this lifter's own proportions.
      inPosition: res.person && res.setup.length === 0 && (r.people ?? 1) <= 1 && this.calibration !== null,
      speed,
      reps: active ? res.repCount : 0,
      standing: res.phase === 'top' || res.phase === 'lockout',
    });
    if (changed) this.sync(changed);
    this.frame = res;
    if (this.anglesPace.due(performance.now())) this.angles = res.angles;
    const cue = active && this.setState === 'active' ? this.shownCue(res.cue) : null;
    if (cue?.text !== this.cue?.text || cue?.kind !== this.cue?.kind) {
      this.cue = cue;
      // A fault cue may settle the last rep's verdict (lockout checks): keep the rep line in step.
      if (cue?.kind === 'fault' && this.lastRep && this.analyzer) this.refreshLastRep();
      if (cue) {
        this.announcement = cue.text;
        this.cueLog.push({ t: r.t, rep: cue.rep ?? res.repCount, faultId: cue.faultId, kind: cue.kind, text: cue.text });
      }
    }
    void tick().then(() => {
      if (this.latencies.length >= LATENCY_SAMPLES) this.latencies.shift();
      this.latencies.push(performance.now() - captureMs);
    });
  }

  private onSetFrame(res: FrameResult): void {
    if (res.bar && (res.phase === 'lowering' || res.phase === 'bottom' || res.phase === 'rising')) {
      this.barPath = [...this.barPath, res.bar];
    }
    if (res.repCount > this.repCount) {
      this.repCount = res.repCount;
      this.summary = null;
      this.voice.beep();
      this.lastBarPath = this.barPath;
      this.barPath = [];
      const report = this.analyzer!.report();
      this.reps = report.reps;
      const last = report.reps[report.reps.length - 1];
      if (last) {
        this.lastTempo = { index: last.index, ...repTempo(last) };
        // A fault is shown at once; otherwise the lockout checks are still to come.
        this.lastRep = last.verdict === 'fault' ? liveRepState(last) : pendingRepState(last.index);
        this.repVerdictDue = last.verdict === 'fault' ? null : res.t + REP_VERDICT_WAIT_MS;
      }
      void this.save(report, false);
    } else if (this.repVerdictDue !== null && res.t >= this.repVerdictDue) {
      // No cue came to settle the rep: say what the analyzer has for it now.
      this.refreshLastRep();
    }
    const cue = this.shownCue(res.cue);
    if (cue && (cue.kind === 'fault' || cue.kind === 'praise' || cue.kind === 'unjudged')) {
      const repOfCue = res.repCount + (res.phase === 'lockout' || res.phase === 'top' ? 0 : 1);
      this.voice.say(cue.kind === 'unjudged' ? "Couldn't see that rep." : cue.text, repOfCue);
    }
  }

  /** The analyzer's verdict on the last counted rep, as it stands now. */
  private refreshLastRep(): RepReport | null {
    this.repVerdictDue = null;
    if (!this.analyzer) return null;
    const report = this.analyzer.report();
    this.reps = report.reps;
    const last = report.reps[report.reps.length - 1] ?? null;
    if (last) this.lastRep = liveRepState(last);
    return last;
  }

  /**
   * What the card shows for the analyzer's cue. Praise is checked against the
   * finished rep's verdict (once per praise): a rep the analyzer could not
   * judge gets "couldn't see" and why, never praise.
   */
  private shownCue(cue: Cue | null): CoachCue | null {
    if (!cue || cue.kind !== 'praise') return cue;
    if (this.praiseSeen?.sinceMs === cue.sinceMs) return this.praiseSeen.cue;
    this.refreshLastRep();
    // the rep the praise is about (the report may already hold the next rep, still in progress)
    const last = this.reps.find((r) => r.index === cue.rep) ?? null;
    let shown: CoachCue = cue;
    if (last && last.verdict === 'unjudged') {
      shown = { faultId: null, kind: 'unjudged', text: "Couldn't see that rep", detail: this.lastRep?.detail ?? '', sinceMs: cue.sinceMs };
    } else if (last && last.verdict === 'fault' && last.faults.length) {
      shown = { faultId: last.faults[0], kind: 'fault', text: CUE_TEXT[last.faults[0]], sinceMs: cue.sinceMs };
    }
    this.praiseSeen = { sinceMs: cue.sinceMs, cue: shown };
    return shown;
  }

  private sync(state: SetState | null): void {
    const prev = this.setState;
    this.setState = this.control.state;
    this.setReason = this.control.reason;
    if (!state) return;
    if (state === 'active' && (prev === 'setup' || prev === 'arming' || prev === 'ended')) this.beginSet();
    if (state === 'ended' && this.analyzer) this.finishSet();
    if (state === 'paused' || state === 'ended' || (state === 'active' && prev === 'paused')) {
      this.announcement = this.control.reason;
      this.voice.say(this.control.reason, -1, true);
    }
  }

  private beginSet(): void {
    this.analyzer = null;
    this.repCount = 0;
    this.reps = [];
    // The last set's summary stays up until this one's first rep: a set ended by a rest starts
    // the next one while the lifter is still standing there, reading it.
    this.barPath = [];
    this.lastBarPath = [];
    this.lastTempo = null;
    this.lastRep = null;
    this.praiseSeen = null;
    this.repVerdictDue = null;
    this.voice.reset();
    // A resumed set continues its own record; otherwise a new one starts at the first rep.
    this.saved = this.carry;
    this.carriedReps = this.carry?.reps.length ?? 0;
    this.carry = null;
    this.resuming = false;
    this.announcement = this.control.reason;
  }

  private finishSet(): void {
    const report = this.analyzer!.report();
    this.summary = report;
    this.reps = report.reps;
    const last = report.reps[report.reps.length - 1];
    if (last) this.lastRep = liveRepState(last);
    this.repVerdictDue = null;
    this.analyzer = null;
    if (report.reps.length) void this.save(report, true);
    this.voice.say(setEndWords(report), -1, true);
  }

  private async save(report: SetReport, finished: boolean): Promise<void> {
    this.saved ??= {
      id: `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`,
      startedAt: Date.now(),
      liftOption: this.lift,
      lift: null,
      side: null,
      reps: [],
      report: null,
      finished: false,
    };
    const reps = this.carriedReps ? [...this.saved.reps.slice(0, this.carriedReps), ...report.reps.map((r) => ({ ...r, index: r.index + this.carriedReps }))] : report.reps;
    Object.assign(this.saved, { lift: report.lift ?? this.saved.lift, side: report.side ?? this.saved.side, reps, report: { ...report, reps }, finished });
    try {
      await this.history.put(this.saved);
      this.historyError = '';
    } catch (e) {
      this.historyVersion++;
      // The history keeps the set in memory (listed as not saved): say so, and how to keep it.
      this.historyError = isStorageFull(e)
        ? 'The storage on this device is full, so this set is not saved yet. It is kept on this page (History marks it "not saved"): export your data, or free some space and press "Save now" in History.'
        : `Could not save this set on the device (${e instanceof Error ? e.message : String(e)}). It is kept on this page, marked "not saved" in History: export your data to keep it.`;
      return;
    }
    this.historyVersion++;
    // Asked once, at the first set kept: the reason is on screen in History, with the answer.
    if (!this.persistAsked) {
      this.persistAsked = true;
      this.persistence = await this.persist();
    }
  }

  private persistAsked = false;
}
