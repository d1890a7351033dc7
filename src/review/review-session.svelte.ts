/**
 * State of the review screen: the file being reviewed, the pose pass over
 * it, the analyzer's report, the physio's settings, exports and saved
 * reviews. Components render this and call its methods; they hold no logic.
 */
import { AbortedError, PoseClient, WorkerCrashedError } from '../client/pose-client';
import { EngineLoadError, engineStartError } from '../client/load-failure';
import type { FrameResult, LiftOption, PoseClip, SetReport, Side } from '../analysis/types';
import { REVIEW_ENGINE, type ModelVariant } from '../shared/pose-protocol';
import { openVideo, sniffFile } from '../video/open-video';
import { VideoError, videoErrors, type VideoErrorKind } from '../video/errors';
import type { VideoInfo } from '../video/types';
import { analyseInSlices, checkClip, serializeRecording, type ThresholdOverrides } from './analysis';
import { planParts, poseClipFromVideo, type PipelineStats } from './pipeline';
import { readRecording, RecordingTooLargeError } from './recording-reader';
import { reviewWorkersHere } from './worker-count';
import { intervalFor } from '../video/decimate';
import type { ProgressSnapshot } from './eta';
import { anglesCsv } from './report-view';
import { exportNames } from './download';
import { downloadText } from '../shared/download';
import { ReviewLibrary, newReviewId, type ReviewIndexEntry, type ReviewSettings } from '../storage/review-store';
import { requestPersistence } from '../storage/persistence';
import { renderKeyFrames, type KeyFrame } from './keyframes';

export type ReviewStatus = 'idle' | 'opening' | 'analysing' | 'ready' | 'error';

/** The review pass's engine set-up lives with the live one's (pose-protocol), so they cannot drift. */
export { REVIEW_ENGINE };

export class ReviewSession {
  // --- the physio's settings
  lift = $state<LiftOption>('auto');
  side = $state<Side | null>(null);
  model = $state<ModelVariant>('full');
  /** frames analysed per second at most ('all': every frame; at 30 only borderline reps change on the shared clips, see analysis-rate.test) */
  rate = $state<'30' | 'all'>('30');
  thresholds = $state.raw<ThresholdOverrides>({});

  // --- progress and messages
  status = $state<ReviewStatus>('idle');
  /** what is happening now (or what went wrong when status is 'error') */
  message = $state('');
  notice = $state('');
  warnings = $state<string[]>([]);
  progress = $state.raw<ProgressSnapshot | null>(null);
  /** what kind of video failure the error is (e.g. 'unsupported-codec'), for drivers that react to it */
  errorKind = $state<VideoErrorKind | null>(null);

  // --- the review
  name = $state('');
  kind = $state<'video' | 'recording' | null>(null);
  videoUrl = $state<string | null>(null);
  videoInfo = $state.raw<VideoInfo | null>(null);
  clip = $state.raw<PoseClip | null>(null);
  times = $state.raw<Float64Array>(new Float64Array());
  report = $state.raw<SetReport | null>(null);
  frames = $state.raw<FrameResult[]>([]);
  stats = $state.raw<PipelineStats | null>(null);
  /** ms the last analyzer run took (threshold edits) */
  analysisMs = $state(0);
  /** share of an analyzer run still going (a long recording takes seconds), else null */
  analysisShare = $state<number | null>(null);
  /** the model the landmarks came from */
  clipModel = $state<string | null>(null);
  keyFrames = $state.raw<KeyFrame[]>([]);

  /** files opened so far (lets a driver tell this file's result from the last one's) */
  opened = $state(0);

  // --- saved reviews
  savedId = $state<string | null>(null);
  saved = $state<ReviewIndexEntry[]>([]);

  private file: Blob | null = null;
  /** one per pose worker; the first always exists, the others are started when a clip is long enough to split */
  private clients: PoseClient[] = [new PoseClient()];
  private readonly workers = reviewWorkersHere();
  private engineKey = '';
  /** clients[0..ready) run the engine of engineKey */
  private ready = 0;
  private run: AbortController | null = null;
  private generation = 0;
  private recomputeTimer: ReturnType<typeof setTimeout> | null = null;
  private analysisRun: AbortController | null = null;
  /** the latest analyzer run's outcome (true when it finished) */
  private analysisDone: Promise<boolean> | null = null;
  private library = new ReviewLibrary();

  get busy(): boolean {
    return this.status === 'opening' || this.status === 'analysing';
  }

  get durationMs(): number {
    const n = this.times.length;
    if (!n) return 0;
    const fps = this.clip?.fps || 30;
    return this.times[n - 1] + 1000 / fps;
  }

  /** The pose model differs from the one the landmarks came from (a re-run would change them). */
  get modelChanged(): boolean {
    return this.kind === 'video' && this.clipModel !== null && this.clipModel !== `pose_landmarker_${this.model}`;
  }

  // ------------------------------------------------------------ opening

  /** A video or a landmark recording, from the picker or a drop. */
  async open(file: File): Promise<void> {
    const gen = this.begin();
    this.clear();
    this.opened++;
    this.name = file.name;
    this.status = 'opening';
    this.message = `Opening “${file.name}”…`;
    try {
      if (file.size === 0) throw videoErrors.empty(file.name);
      const kind = await sniffFile(file);
      if (kind === 'json') await this.openRecording(file);
      else await this.analyseVideo(file);
    } catch (e) {
      if (gen === this.generation) this.fail(e);
    }
  }

  /** Runs pose again on the same video (e.g. with another model). */
  async rerun(): Promise<void> {
    if (!this.file || this.kind !== 'video' || this.busy) return;
    const file = this.file;
    const keep = { savedId: this.savedId, name: this.name };
    const gen = this.begin();
    this.status = 'opening';
    try {
      await this.analyseVideo(file, keep.name);
      this.savedId = keep.savedId;
    } catch (e) {
      if (gen === this.generation) this.fail(e);
    }
  }

  /** A new piece of work: whatever ran before is cancelled and may no longer touch the state. */
  private begin(): number {
    this.cancel();
    return ++this.generation;
  }

  cancel(): void {
    this.run?.abort();
    this.run = null;
    this.analysisRun?.abort();
  }

  private async openRecording(file: Blob): Promise<void> {
    const run = new AbortController();
    this.run = run;
    let clip: PoseClip;
    try {
      const name = this.name;
      clip = await readRecording(file, name, {
        signal: run.signal,
        onProgress: (share) => (this.message = `Reading “${name}”… ${Math.round(share * 100)}%`),
      });
    } catch (e) {
      if (e instanceof RecordingTooLargeError || (e instanceof DOMException && e.name === 'AbortError')) throw e;
      throw new VideoError(`“${this.name}” is not a landmark recording this app can read: ${e instanceof Error ? e.message : String(e)}.`, 'not-video');
    } finally {
      if (this.run === run) this.run = null;
    }
    this.kind = 'recording';
    this.file = null;
    this.clipModel = clip.model ?? null;
    await this.acceptClip(clip, []);
  }

  private async analyseVideo(file: Blob, name = this.name): Promise<void> {
    const run = new AbortController();
    this.run = run;
    const { signal } = run;
    const source = await openVideo(file, name, { signal });
    try {
      this.file = file;
      this.kind = 'video';
      this.setVideoUrl(URL.createObjectURL(file));
      this.videoInfo = source.info;
      this.message = `Loading the ${this.model} pose model…`;
      const parts = planParts(source, this.workers).length;
      await this.ensureEngine(parts);
      signal.throwIfAborted();
      this.status = 'analysing';
      const rate = this.rate === 'all' ? 'every frame' : `up to ${this.rate} frames a second`;
      this.message = `Analysing “${name}” (${rate}, ${parts} pose worker${parts === 1 ? '' : 's'})…`;
      this.progress = null;
      const result = await poseClipFromVideo(source, this.clients.slice(0, parts), {
        signal,
        minIntervalMs: intervalFor(this.rate === 'all' ? null : Number(this.rate)),
        model: `pose_landmarker_${this.model}`,
        onProgress: (p) => (this.progress = p),
      });
      this.stats = result.stats;
      this.clipModel = result.clip.model ?? null;
      await this.acceptClip(result.clip, [...result.info.warnings]);
    } finally {
      source.close();
      if (this.run === run) this.run = null;
    }
  }

  private async acceptClip(clip: PoseClip, warnings: string[]): Promise<void> {
    const check = checkClip(clip, this.name);
    this.clip = clip;
    this.times = Float64Array.from(clip.frames, (f) => f.t);
    this.warnings = [...warnings, ...check.warnings];
    if (check.error) {
      this.status = 'error';
      this.message = check.error;
      return;
    }
    this.status = 'analysing';
    this.message = `Judging the reps of “${this.name}”…`;
    // a settings change during this first run starts a newer one: its result is the one to wait for
    let run = this.recompute();
    let judged = await run;
    while (!judged && this.clip === clip && this.analysisDone && this.analysisDone !== run) judged = await (run = this.analysisDone);
    if (!judged) throw new DOMException('cancelled', 'AbortError');
    this.status = 'ready';
    this.message = '';
  }

  /** `n` workers running this model (the ones already running it are kept). */
  private async ensureEngine(n = 1): Promise<void> {
    const config = { model: this.model, ...REVIEW_ENGINE };
    const key = JSON.stringify(config);
    if (key !== this.engineKey) this.ready = 0;
    this.engineKey = key;
    while (this.clients.length < n) this.clients.push(new PoseClient());
    if (this.ready >= n) return;
    try {
      await Promise.all(this.clients.slice(this.ready, n).map((c) => c.init(config)));
    } catch (e) {
      // Half-started workers: begin from clean ones next time.
      for (const c of this.clients) c.abort();
      this.ready = 0;
      throw await engineStartError(e, this.model);
    }
    this.ready = n;
  }

  // ------------------------------------------------------------ analysis

  /**
   * Re-runs only the analyzer on the stored landmarks (lift, side,
   * thresholds), in slices that leave the page free; a newer run or a new
   * file cancels it. Resolves false when it was cancelled.
   */
  recompute(): Promise<boolean> {
    if (this.recomputeTimer) clearTimeout(this.recomputeTimer);
    this.recomputeTimer = null;
    const clip = this.clip;
    if (!clip) return Promise.resolve(false);
    const done = this.analyseClip(clip);
    this.analysisDone = done;
    return done;
  }

  private async analyseClip(clip: PoseClip): Promise<boolean> {
    this.analysisRun?.abort();
    const run = new AbortController();
    this.analysisRun = run;
    const t0 = performance.now();
    const opts = { lift: this.lift, side: this.side, thresholds: this.thresholds };
    try {
      const { report, frames } = await analyseInSlices(clip, opts, { signal: run.signal, onProgress: (share) => (this.analysisShare = share) });
      this.frames = frames;
      this.report = report;
      this.keyFrames = [];
      this.analysisMs = performance.now() - t0;
      return true;
    } catch (e) {
      if (run.signal.aborted) return false;
      throw e;
    } finally {
      if (this.analysisRun === run) {
        this.analysisRun = null;
        this.analysisShare = null;
      }
    }
  }

  /** Settings changed: recompute soon (coalesces fast typing). */
  scheduleRecompute(delayMs = 120): void {
    if (this.recomputeTimer) clearTimeout(this.recomputeTimer);
    this.recomputeTimer = setTimeout(() => {
      this.recompute().catch((e: unknown) => (this.notice = `The reps could not be judged again: ${e instanceof Error ? e.message : String(e)}`));
    }, delayMs);
  }

  setThresholds(next: ThresholdOverrides): void {
    this.thresholds = next;
    this.scheduleRecompute();
  }

  // ------------------------------------------------------------ exports

  get exportNames() {
    return exportNames(this.name);
  }

  reportJson(): string {
    return JSON.stringify(this.report, null, 2);
  }

  exportReport(): void {
    if (this.report) downloadText(this.reportJson(), this.exportNames.report, 'application/json');
  }

  exportAngles(): void {
    if (this.report && this.clip) downloadText(anglesCsv(this.clip, this.report, this.frames), this.exportNames.angles, 'text/csv');
  }

  exportRecording(): void {
    if (this.clip) downloadText(serializeRecording(this.clip), this.exportNames.recording, 'application/json');
  }

  /** Draws each rep's bottom frame for the printable report. */
  async prepareKeyFrames(): Promise<void> {
    if (!this.clip || !this.report) return;
    this.keyFrames = await renderKeyFrames(this.videoUrl, this.clip, this.report, this.frames);
  }

  // ------------------------------------------------------------ saved reviews

  async refreshSaved(): Promise<void> {
    try {
      this.saved = await this.library.list();
    } catch (e) {
      this.notice = e instanceof Error ? e.message : String(e);
    }
  }

  settings(): ReviewSettings {
    return { lift: this.lift, side: this.side, model: this.model, thresholds: $state.snapshot(this.thresholds) as ThresholdOverrides };
  }

  async save(): Promise<void> {
    if (!this.clip || !this.report) return;
    const id = this.savedId ?? newReviewId();
    try {
      await this.library.save(
        {
          id,
          name: this.name,
          savedAt: Date.now(),
          lift: this.report.lift,
          reps: this.report.reps.length,
          faults: [...new Set(this.report.reps.flatMap((r) => r.faults))],
          hasVideo: this.kind === 'video' && !!this.file,
        },
        {
          id,
          name: this.name,
          settings: this.settings(),
          clip: this.clip,
          ...(this.kind === 'video' && this.file ? { video: this.file, videoType: this.file.type } : {}),
        },
      );
      this.savedId = id;
      this.notice = `Saved “${this.name}” on this device.`;
      void requestPersistence();
      await this.refreshSaved();
    } catch (e) {
      this.notice = `Could not save: ${e instanceof Error ? e.message : String(e)}`;
    }
  }

  async openSaved(id: string): Promise<void> {
    const gen = this.begin();
    try {
      const p = await this.library.load(id);
      if (gen !== this.generation) return;
      if (!p) throw new Error('this review is no longer on the device');
      this.clear();
      this.name = p.name;
      this.lift = p.settings.lift;
      this.side = p.settings.side;
      this.model = p.settings.model;
      this.thresholds = p.settings.thresholds ?? {};
      this.clipModel = p.clip.model ?? null;
      if (p.video) {
        this.kind = 'video';
        this.file = p.video;
        this.setVideoUrl(URL.createObjectURL(p.video));
      } else {
        this.kind = 'recording';
      }
      this.acceptClip(p.clip, []);
      this.savedId = id;
      this.notice = `Reopened “${p.name}”.`;
    } catch (e) {
      if (gen === this.generation) this.fail(e);
    }
  }

  async deleteSaved(id: string): Promise<void> {
    try {
      await this.library.remove(id);
      if (this.savedId === id) this.savedId = null;
      this.notice = 'Deleted the saved review.';
    } catch (e) {
      this.notice = `Could not delete: ${e instanceof Error ? e.message : String(e)}`;
    }
    await this.refreshSaved();
  }

  /** Debug/benchmark: the worker alone on pre-decoded frames of `file` (see bench.ts). */
  async benchPredecoded(file: Blob, maxFrames?: number) {
    await this.ensureEngine();
    const { predecodedLoop } = await import('./bench');
    return predecodedLoop(this.clients[0], file, maxFrames);
  }

  /** Debug/benchmark: decoding alone (see bench.ts). */
  async benchDecode(file: Blob, maxFrames?: number) {
    const { decodeOnly } = await import('./bench');
    return decodeOnly(file, maxFrames);
  }

  // ------------------------------------------------------------ housekeeping

  dispose(): void {
    this.cancel();
    for (const c of this.clients) c.terminate();
    this.setVideoUrl(null);
  }

  private setVideoUrl(url: string | null): void {
    if (this.videoUrl) URL.revokeObjectURL(this.videoUrl);
    this.videoUrl = url;
  }

  private clear(): void {
    this.setVideoUrl(null);
    this.file = null;
    this.kind = null;
    this.videoInfo = null;
    this.clip = null;
    this.times = new Float64Array();
    this.report = null;
    this.frames = [];
    this.stats = null;
    this.progress = null;
    this.warnings = [];
    this.keyFrames = [];
    this.savedId = null;
    this.clipModel = null;
    this.notice = '';
    this.message = '';
    this.errorKind = null;
  }

  private fail(e: unknown): void {
    const aborted = e instanceof AbortedError || (e instanceof DOMException && e.name === 'AbortError') || (e instanceof Error && e.name === 'AbortError');
    if (aborted) {
      this.clear();
      this.status = 'idle';
      this.message = 'Analysis cancelled.';
      return;
    }
    this.status = 'error';
    this.progress = null;
    this.errorKind = e instanceof VideoError ? e.kind : null;
    if (e instanceof VideoError || e instanceof EngineLoadError || e instanceof RecordingTooLargeError) this.message = e.message;
    else if (e instanceof WorkerCrashedError) {
      this.ready = 0;
      this.message = `The pose engine stopped (${e.message}). Open the file again to retry.`;
    } else this.message = `Something went wrong while analysing “${this.name}”: ${e instanceof Error ? e.message : String(e)}`;
    // Keep the app usable: nothing half-made stays on screen.
    this.clip = null;
    this.report = null;
    this.frames = [];
    this.times = new Float64Array();
    this.setVideoUrl(null);
  }
}
