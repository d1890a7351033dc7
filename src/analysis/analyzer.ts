/**
 * The incremental hinge analyzer: frames in, per-frame results and a set
 * report out. Pipeline per frame: person/ambiguity gate → One-Euro smoothing
 * (visibility-gated) → view and facing → features → calibration → depth →
 * rep phase machine → history row; at the rep's bottom, lockout and a short
 * while after lockout the fault checks run on the rep's frames; the cue
 * picker turns the active faults into one stable cue.
 */
import { guardFrame } from './frame-guard';
import { Calibrator } from './calibration';
import { CueManager } from './cues';
import { computeFeatures, newFeatures } from './features';
import { evaluateFaults, LIFT_FAULTS } from './faults';
import { unjudged } from './faults/evidence';
import type { FaultContext, FaultStage } from './faults/types';
import { LandmarkSmoother } from './filters/landmark-smoother';
import { BONE_COLS, COL, History } from './history';
import { boneLength, BONES, legsUnderBody } from './plausible-body';
import { bilateralLiftFromHipDrop, classifyFeet, footFrame, freeSideOf, LiftDetector, newFootFrame } from './lift-detect';
import { buildReport, type RepRecord } from './report';
import { computeRepMetrics, type RepMetrics, type RepWindow } from './rep-metrics';
import { RepEvent, RepMachine } from './reps';
import { resolveThresholds, type ThresholdOverrides, type Thresholds } from './thresholds';
import {
  LM,
  type Calibration,
  type FaultEvidence,
  type FrameResult,
  type Lift,
  type LiftOption,
  type PoseFrame,
  type SetReport,
  type Side,
  type UnjudgedCheck,
} from './types';
import { newViewState, ViewTracker } from './view';
import { WorldUp, worldKneeAngle } from './world-feet';
import { plantedFootPitch } from './foot-pitch';
import { trunkJump, trunkPoints } from './scene-cut';
import { TYPICAL_SEGMENTS } from './pose-depth';
import { viewAdvice, viewFactor } from './view-support';

export interface AnalyzerOptions {
  /** the lift, or 'auto' to detect it (default 'auto') */
  lift?: LiftOption;
  /** working (stance) side for single-leg lifts; detected when omitted */
  side?: Side;
  /** frame size in pixels (landmarks are normalised to it); default 640×480 */
  width?: number;
  height?: number;
  /** threshold overrides (see thresholds.ts) */
  thresholds?: ThresholdOverrides;
  /** a known calibration (e.g. from an earlier set, or a first pass over a recording) */
  calibration?: Calibration | null;
  /**
   * the lifter's standing height (frame-height units) from a first pass over the recording when it
   * had too few standing frames to calibrate: a clip that opens mid-pull then still has a depth
   */
  heightHint?: number;
  /** the first frame's time, when it is not the first frame pushed (live sessions); informational */
  startMs?: number;
}

export interface HingeAnalyzer {
  push(frame: PoseFrame): FrameResult;
  report(): SetReport;
  readonly calibration: Calibration | null;
  /** the tallest standing height seen so far (the depth reference before calibration) */
  readonly tallestHeight: number;
  readonly thresholds: Thresholds;
}

interface ActiveRep {
  index: number;
  startT: number;
  startIdx: number;
  bottomIdx: number;
  endIdx: number;
  rose: boolean;
  done: boolean;
  /** started mid-descent (clip opened during a descent) */
  cutStart: boolean;
  lockoutUntil: number;
  evidence: FaultEvidence[];
  unjudged: UnjudgedCheck[];
  metrics: RepMetrics | null;
  record: RepRecord | null;
}

/**
 * Horizontal distance (frame-height units, + = forward) from the leg's axis to
 * the bar at the bar's height: along the shin below the knee, along the thigh
 * above it. A bar that brushes the legs sits a limb's half-thickness ahead.
 */
function barAheadOfLeg(f: ReturnType<typeof newFeatures>): number {
  const wy = f.wristY;
  let ax: number, ay: number, bx: number, by: number;
  if (wy >= f.kneeY) {
    ax = f.kneeX; ay = f.kneeY; bx = f.ankleX; by = f.ankleY;
  } else {
    ax = f.hipX; ay = f.hipY; bx = f.kneeX; by = f.kneeY;
  }
  const dy = by - ay;
  const k = Math.abs(dy) > 1e-6 ? Math.min(1, Math.max(0, (wy - ay) / dy)) : 0;
  const legX = ax + (bx - ax) * k;
  return (f.wristX - legX) * f.forward * f.xScale;
}

export function createHingeAnalyzer(options: AnalyzerOptions = {}): HingeAnalyzer {
  const th = resolveThresholds(options.thresholds);
  const aspect = (options.width ?? 640) / (options.height ?? 480);
  const liftOption: LiftOption = options.lift ?? 'auto';
  const smoother = new LandmarkSmoother({
    oneEuro: th.oneEuro,
    minVisibility: th.minVisibility,
    holdMs: th.holdMs,
    gapResetMs: th.gapResetMs,
  });
  const viewTracker = new ViewTracker({ sideMaxDeg: th.sideMaxDeg, frontMinDeg: th.frontMinDeg });
  const viewState = newViewState();
  const feat = newFeatures();
  const calibrator = new Calibrator(
    { ms: th.calibrationMs, tallFraction: th.standTallFraction, minKneeDeg: th.standMinKneeDeg, maxSpeed: 0.25 },
    options.calibration ?? null,
  );
  if (options.heightHint && options.heightHint > 0) calibrator.seedHeight(options.heightHint);
  const machine = new RepMachine({
    enterDepth: th.repEnterDepth,
    minRepDepth: th.repMinDepth,
    riseDelta: th.repRiseDelta,
    exitFraction: th.repExitFraction,
    bottomSpeed: th.repBottomSpeed,
    gapMs: th.gapResetMs,
  });
  const hist = new History(4096);
  const liftDetector = new LiftDetector();
  const cues = new CueManager(th);
  const ff = newFootFrame();
  const worldUp = new WorldUp();

  let lastT = -Infinity;
  const prevTrunk = new Float64Array(8);
  const curTrunk = new Float64Array(8);
  let prevTrunkT = NaN;
  /** a frame with no usable person came since the last one with a body */
  let sawNobody = false;
  let cuts = 0;
  let lastSeenT = -Infinity;
  let lastResult: FrameResult | null = null;
  let firstT = NaN;
  let lift: Lift | null = liftOption === 'auto' ? null : liftOption;
  let side: Side | null = options.side ?? null;
  let bilateralLift: Lift | null = liftOption === 'deadlift' || liftOption === 'rdl' ? liftOption : null;
  let hasDorsal = false;
  const hipDrops: number[] = [];
  let ambiguousFrames = 0;
  let feetHiddenFrames = 0;
  let partials = 0;
  let stanceRefX = NaN;
  /** the recording opened with the lifter bent over: reps are pull-first (a final lowering ends the last rep) */
  let pullFirst = false;
  let active: ActiveRep | null = null;
  const records: RepRecord[] = [];
  const viewCounts = { side: 0, front: 0, back: 0, oblique: 0, unknown: 0 };

  function currentLift(): Lift {
    return lift ?? bilateralLift ?? 'deadlift';
  }

  function ctx(): FaultContext {
    return { lift: currentLift(), view: viewState.view, thresholds: th, calibration: calibrator.value, hasDorsal };
  }

  function standHsHk(): number {
    const c = calibrator.value;
    return c ? c.trunk / c.thigh : NaN;
  }

  function metricsFor(w: RepWindow): RepMetrics {
    const c = calibrator.value;
    return computeRepMetrics(hist, w, th.bottomBand, standHsHk(), c?.foot ?? NaN, c?.standTrunk ?? NaN, c ?? TYPICAL_SEGMENTS);
  }

  function judge(r: { evidence: FaultEvidence[]; unjudged: UnjudgedCheck[] }, m: RepMetrics, stage: FaultStage): void {
    const v = evaluateFaults(m, ctx(), stage);
    r.evidence = v.evidence;
    r.unjudged = v.unjudged;
  }

  /** Decide the lift (auto) from the rep that just passed its bottom. */
  function decideLift(m: RepMetrics): void {
    if (liftOption !== 'auto' && liftOption !== 'deadlift' && liftOption !== 'rdl') {
      if (!side) side = liftDetector.verdict(liftOption).side;
      return;
    }
    if (liftOption === 'auto' && Number.isFinite(m.hipDrop)) {
      // deadlift vs RDL by the median hip drop of the reps so far (heights: any view)
      hipDrops.push(m.hipDrop);
      const sorted = hipDrops.slice().sort((x, y) => x - y);
      bilateralLift = bilateralLiftFromHipDrop(sorted[sorted.length >> 1], th.rdlMaxHipDrop);
    }
    if (liftOption === 'auto') {
      const v = liftDetector.verdict(bilateralLift ?? 'deadlift');
      lift = v.lift;
      if (!options.side) side = v.side;
    }
  }

  function windowOf(r: ActiveRep, endIdx: number, lockoutEnd: number): RepWindow {
    return { start: r.startIdx, bottom: r.bottomIdx, end: endIdx, lockoutEnd, rose: r.rose, cutStart: r.cutStart };
  }

  function finishLockout(r: ActiveRep, nowIdx: number): void {
    if (!r.record || r.done) return;
    const m = metricsFor(windowOf(r, r.endIdx, nowIdx));
    r.metrics = m;
    judge(r, m, 'lockout');
    r.record.metrics = m;
    r.record.evidence = r.evidence;
    r.record.unjudged = r.unjudged;
    r.done = true;
    cues.repFinished(r.evidence, r.unjudged, lastT, r.index);
  }

  /** The lockout checks of every counted rep still waiting for them that `due` says are due, with the frames up to `nowIdx`. */
  function finishLockouts(nowIdx: number, due: (r: ActiveRep) => boolean): void {
    for (const r of records) {
      const ar = r.live as ActiveRep | undefined;
      if (ar && !ar.done && due(ar)) finishLockout(ar, nowIdx);
    }
  }

  function openRep(cutStart: boolean): void {
    const startT = machine.startT;
    active = {
      index: records.length + 1,
      startT,
      startIdx: hist.indexAtOrAfter(startT),
      bottomIdx: hist.written - 1,
      endIdx: hist.written - 1,
      rose: false,
      done: false,
      cutStart,
      lockoutUntil: Infinity,
      evidence: [],
      unjudged: [],
      metrics: null,
      record: null,
    };
  }

  function resultBase(t: number): FrameResult {
    return {
      t,
      person: false,
      landmarks: null,
      angles: null,
      phase: machine.phase,
      repCount: machine.count,
      depth: NaN,
      bar: null,
      midFootX: null,
      view: viewState.view,
      facing: viewState.facing,
      lift,
      side,
      faults: [],
      cue: null,
      setup: [],
      calibration: calibrator.status,
    };
  }

  function push(input: PoseFrame): FrameResult {
    const frame = guardFrame(input);
    if (!frame) return lastResult ?? resultBase(Number.isFinite(lastT) ? lastT : 0);
    const t = frame.t;
    if (!(t > lastT)) {
      // duplicate or out-of-order timestamp: ignore the frame
      return lastResult ?? resultBase(t);
    }
    lastT = t;
    if (!Number.isFinite(firstT)) firstT = t;
    const res = resultBase(t);
    const lms = frame.landmarks;
    const multi = (frame.people ?? 1) > 1;
    let person = !!lms && lms.length >= 33 && !multi;
    if (person && lms) {
      const tv = Math.min(lms[LM.leftShoulder][3], lms[LM.rightShoulder][3], lms[LM.leftHip][3], lms[LM.rightHip][3]);
      if (!(tv >= th.minTrunkVisibility)) person = false;
    }
    if (multi) ambiguousFrames++;

    if (!person || !lms) {
      sawNobody = true;
      if (t - lastSeenT > th.personLostMs && machine.phase !== 'unknown') {
        // the person left: a rep in progress cannot be judged
        if (active && !active.record) active = null;
        machine.interrupt();
      }
      res.setup.push(multi ? 'Only one person in view, please.' : 'Step into the frame so your whole body is visible.');
      res.cue = cues.update([], res.setup, t, null);
      res.phase = machine.phase;
      lastResult = res;
      return res;
    }
    if (t - lastSeenT > th.personLostMs && Number.isFinite(lastSeenT)) {
      smoother.reset();
      const c = calibrator.value;
      if (c && lms) {
        // someone came back: a clearly different body size means a different person (or camera moved)
        // — the next standing frames recalibrate
        const sy = (lms[LM.leftShoulder][1] + lms[LM.rightShoulder][1]) / 2;
        const ay = Math.max(lms[LM.leftAnkle][1], lms[LM.rightAnkle][1]);
        const hgt = ay - sy;
        if (hgt > 0 && Math.abs(hgt / c.standHeight - 1) > 0.25 && !options.calibration) calibrator.reset();
      }
    }
    trunkPoints(lms, aspect, curTrunk);
    // MediaPipe loses the body for a frame at a cut, so at 5–10 fps the two frames either side of
    // a camera looping its file are 200–400 ms apart: across frames with nobody in them a jump
    // twice the limit within the reset gap is a cut too (lifting moved the trunk at most 0.8 trunk
    // lengths in such gaps; the loop, 1.2)
    const jump = trunkJump(prevTrunk, curTrunk);
    const dt = t - prevTrunkT;
    const cut = sawNobody ? dt <= th.gapResetMs && jump > 2 * th.cutJumpTrunk : dt <= th.cutMaxGapMs && jump > th.cutJumpTrunk;
    sawNobody = false;
    if (cut) {
      // the video was cut: frames on either side are not one movement, so no rep spans the cut
      cuts++;
      smoother.reset();
      finishLockouts(hist.written - 1, () => true);
      if (active && !active.record) active = null;
      machine.interrupt();
    }
    prevTrunk.set(curTrunk);
    prevTrunkT = t;
    lastSeenT = t;
    res.person = true;
    if (frame.dorsal != null && Number.isFinite(frame.dorsal)) hasDorsal = true;

    smoother.push(lms, t, aspect);
    viewTracker.update(lms, frame.world, aspect, viewState);
    viewCounts[viewState.view]++;
    const single = lift === 'sl-rdl' || lift === 'kickstand-rdl';
    const legChoice: Side | 'auto' = single && side ? side : 'auto';
    const sagOff = viewState.view === 'side' || viewState.view === 'oblique' ? viewState.offSideDeg : 0;
    computeFeatures(smoother, viewState.forward, sagOff, legChoice, feat);
    const footVisible = feat.visFeet >= th.minVisibility;
    if (!footVisible) feetHiddenFrames++;
    else feetHiddenFrames = 0;
    const sideOn = viewState.view === 'side' || viewState.view === 'oblique';
    calibrator.offer(feat, t, footVisible && sideOn, sideOn);
    const cal = calibrator.value;
    const ref = cal ? cal.standHeight : calibrator.tallestHeight;
    const depth = ref > 0 && feat.ok ? 1 - feat.height / ref : NaN;

    // history row
    const i = hist.next();
    const a = feat.angles;
    hist.set(i, COL.t, t);
    hist.set(i, COL.depth, depth);
    hist.set(i, COL.trunk, a.trunk);
    hist.set(i, COL.hip, a.hip);
    hist.set(i, COL.knee, a.knee);
    hist.set(i, COL.shin, a.shin);
    hist.set(i, COL.neck, a.neck);
    hist.set(i, COL.hipY, feat.hipY);
    hist.set(i, COL.shY, feat.shY);
    hist.set(i, COL.hipX, feat.hipX);
    hist.set(i, COL.xScale, feat.xScale);
    const foot = cal ? cal.foot : NaN;
    const shin = cal ? cal.shin : NaN;
    hist.set(i, COL.bar, ((feat.wristX - feat.midFootX) * feat.forward * feat.xScale) / foot);
    hist.set(i, COL.barX, feat.wristX * feat.forward * feat.xScale);
    hist.set(i, COL.hipH, feat.hipHeight);
    for (let b = 0; b < BONES.length; b++) hist.set(i, BONE_COLS[b], boneLength(lms, aspect, BONES[b]));
    hist.set(i, COL.legsUnder, legsUnderBody(lms) ? 1 : 0);
    hist.set(i, COL.rawHipY, (lms[LM.leftHip][1] + lms[LM.rightHip][1]) / 2);
    hist.set(i, COL.rawShY, (lms[LM.leftShoulder][1] + lms[LM.rightShoulder][1]) / 2);
    hist.set(i, COL.kneeOverToe, ((feat.kneeX - feat.toeX) * feat.forward * feat.xScale) / foot);
    hist.set(i, COL.barLeg, barAheadOfLeg(feat) / foot);
    hist.set(i, COL.hsHk, feat.hs / feat.hk);
    hist.set(i, COL.hsTrunk, cal ? feat.hs / cal.trunk : NaN);
    hist.set(i, COL.visTrunk, feat.visTrunk);
    hist.set(i, COL.visLeg, feat.visLeg);
    hist.set(i, COL.visHead, feat.visHead);
    hist.set(i, COL.visWrist, feat.visWrist);
    hist.set(i, COL.dorsal, frame.dorsal ?? NaN);
    if (cal) {
      footFrame(feat, cal, ff);
      const freeSide: Side | null = single && side ? (side === 'left' ? 'right' : 'left') : null;
      const visL = Math.min(lms[LM.leftHeel][3], lms[LM.leftToe][3]);
      const visR = Math.min(lms[LM.rightHeel][3], lms[LM.rightToe][3]);
      const feet = { heelLY: feat.heelLY, toeLY: feat.toeLY, heelRY: feat.heelRY, toeRY: feat.toeRY, visL, visR };
      hist.set(i, COL.footPitch, plantedFootPitch(feet, cal, single ? side : null, th.minVisibility));
      hist.set(i, COL.visFeet, single && side ? (side === 'left' ? visL : visR) : Math.max(visL, visR));
      // pelvis tilt: the free side's hip above the stance side's, over the trunk length (deg of the hip line)
      if (freeSide) {
        // the free side's hip above the stance side's, beyond the standing baseline (side-on the far hip
        // looks higher or lower by perspective)
        const hipDy = feat.hipRY - feat.hipLY - (Number.isFinite(cal.hipDy) ? (cal.hipDy as number) : 0);
        const up = freeSide === 'left' ? hipDy : -hipDy;
        const hw = Math.hypot((feat.hipLX - feat.hipRX) * feat.xScale, feat.hipLY - feat.hipRY);
        // side-on the hips' width is hidden: their vertical separation over a typical hip width
        // (hipWidthTrunk × the calibrated trunk) is the sine of the tilt
        const tilt =
          viewState.view === 'front' || viewState.view === 'back'
            ? (Math.atan2(up, Math.max(hw, 1e-6)) * 180) / Math.PI
            : (Math.asin(Math.max(-1, Math.min(1, up / (th.hipWidthTrunk * cal.trunk)))) * 180) / Math.PI;
        hist.set(i, COL.hipTilt, tilt);
        const freeAnkleY = freeSide === 'left' ? feat.ankleLY : feat.ankleRY;
        const stAnkleY = freeSide === 'left' ? feat.ankleRY : feat.ankleLY;
        hist.set(i, COL.freeFoot, (stAnkleY - freeAnkleY) / shin);
        const fl = freeSide === 'left';
        let freeToe = worldUp.freeFootHeight(frame.world, fl);
        if (!Number.isFinite(freeToe) && sideOn) {
          // no world landmarks: side-on both feet are about as far from the camera, image heights will do
          const freeLow = fl ? Math.max(feat.toeLY, feat.heelLY, feat.ankleLY) : Math.max(feat.toeRY, feat.heelRY, feat.ankleRY);
          const stLow = fl ? Math.max(feat.toeRY, feat.heelRY, feat.ankleRY) : Math.max(feat.toeLY, feat.heelLY, feat.ankleLY);
          freeToe = (stLow - freeLow) / shin;
        }
        hist.set(i, COL.freeToe, freeToe);
        hist.set(i, COL.kneeW, worldKneeAngle(frame.world, freeSide === 'right'));
        const stX = freeSide === 'left' ? feat.ankleRX : feat.ankleLX;
        if (machine.phase === 'top' || machine.phase === 'lockout' || !Number.isFinite(stanceRefX)) stanceRefX = stX;
        hist.set(i, COL.stanceX, ((stX - stanceRefX) * feat.xScale) / foot);
      }
      // lift votes while bent over
      if (depth > th.repMinDepth * 0.7) {
        const c = classifyFeet(ff, th, viewState.view === 'side');
        liftDetector.vote(c, freeSideOf(ff, c));
      }
    }

    const prevPhase = machine.phase;
    const ev = machine.update(t, depth);
    // standing still: learn the world "up" (feet heights without perspective)
    if ((machine.phase === 'top' || machine.phase === 'lockout') && depth < 0.03) worldUp.offer(frame.world);
    // lockout checks of the previous rep, once its frames after lockout are in
    finishLockouts(i, (ar) => t >= ar.lockoutUntil || ev === RepEvent.Start);

    switch (ev) {
      case RepEvent.Start: {
        const bent = prevPhase === 'unknown';
        if (bent && records.length === 0) pullFirst = true;
        openRep(bent);
        break;
      }
      case RepEvent.Bottom:
        if (active) {
          active.bottomIdx = hist.indexAtOrAfter(machine.bottomT);
          active.rose = true;
          const m = metricsFor(windowOf(active, i, i));
          decideLift(m);
          active.metrics = m;
          judge(active, m, 'bottom');
          cues.faultsSeen(active.evidence, t, active.index);
        }
        break;
      case RepEvent.Lockout:
        if (active) {
          active.endIdx = i;
          active.rose = true;
          const m = metricsFor(windowOf(active, i, i));
          active.metrics = m;
          judge(active, m, 'rise');
          active.lockoutUntil = t + th.lockoutWindowMs;
          const rec: RepRecord = {
            index: records.length + 1,
            startMs: active.startT,
            bottomMs: hist.get(active.bottomIdx, COL.t),
            endMs: t,
            complete: !active.cutStart,
            metrics: m,
            evidence: active.evidence,
            unjudged: active.unjudged,
            live: active,
          };
          active.record = rec;
          records.push(rec);
          cues.faultsSeen(active.evidence, t, active.index);
          active = null;
        }
        break;
      case RepEvent.Partial:
        partials++;
        active = null;
        break;
    }

    // --- result
    res.landmarks = smoother.toLandmarks(aspect);
    res.angles = { ...a };
    res.phase = machine.phase;
    res.repCount = records.length;
    res.depth = depth;
    res.bar = { x: feat.wristX / aspect, y: feat.wristY };
    res.midFootX = feat.midFootX / aspect;
    res.view = viewState.view;
    res.facing = viewState.facing;
    res.lift = lift;
    res.side = side;
    res.calibration = calibrator.status;
    const shown = active ? active.evidence : records.length ? records[records.length - 1].evidence : [];
    res.faults = shown.filter((e) => e.active);

    // setup messages, most important first
    if (ambiguousFrames > 0 && multi) res.setup.push('Only one person in view, please.');
    if (feetHiddenFrames > 15) res.setup.push('Step back so your feet are in the frame.');
    const l = currentLift();
    const needsSide = l === 'deadlift' || l === 'rdl';
    if (needsSide && viewState.view !== 'unknown') {
      const adv = viewAdvice('rounded-back', viewState.view);
      if (adv && viewFactor('rounded-back', viewState.view, th.obliqueConfidence) < 1) res.setup.push(adv);
    }
    if (calibrator.status !== 'done' && machine.phase !== 'lowering' && machine.phase !== 'bottom' && machine.phase !== 'rising') {
      res.setup.push('Stand tall for a moment so your proportions can be measured.');
    }
    res.cue = cues.update(res.faults, res.setup, t, records.length ? records[records.length - 1] : null);
    lastResult = res;
    return res;
  }

  function report(): SetReport {
    const extra: RepRecord[] = [];
    const recs = records.map((r) => ({ ...r }));
    // the last rep's lockout checks, with whatever frames arrived after it
    const lastIdx = hist.written - 1;
    for (const r of recs) {
      const ar = r.live as ActiveRep | undefined;
      if (ar && !ar.done) {
        const m = metricsFor(windowOf(ar, ar.endIdx, lastIdx));
        r.metrics = m;
        judge(r, m, 'lockout');
      }
    }
    const depths = recs.map((r) => r.metrics.depth);
    // a rep cut off by the end of the recording
    if (active && machine.inRep && machine.peak >= th.repMinDepth) {
      const rose = machine.phase === 'rising';
      const sorted = depths.slice().sort((x, y) => x - y);
      const typical = sorted.length ? sorted[sorted.length >> 1] : 0;
      // pull-first recordings (opened at the floor): a final lowering is the end of the last rep, not a new one
      // after a run of reps a final descent is one more rep seen from above; after a single pull it is that pull's lowering
      const counts = rose || (!pullFirst && recs.length >= 2 && machine.peak >= th.cutOffMinDepthRatio * typical);
      if (counts) {
        const ar = active;
        const bottomIdx = hist.indexAtOrAfter(machine.bottomT);
        const w: RepWindow = { start: ar.startIdx, bottom: bottomIdx, end: lastIdx, lockoutEnd: lastIdx, rose, cutStart: ar.cutStart };
        const m = metricsFor(w);
        // a final descent the lifter never rose from is usually the weight being put down:
        // it counts (it is visible as a rep) but is not judged
        const rec: RepRecord = {
          index: recs.length + 1,
          startMs: ar.startT,
          bottomMs: hist.get(bottomIdx, COL.t),
          endMs: lastT,
          complete: false,
          metrics: m,
          evidence: [],
          unjudged: [],
        };
        if (rose) judge(rec, m, 'rise');
        else rec.unjudged = LIFT_FAULTS[currentLift()].map((id) => unjudged(id, 'cut-off', 'The recording ended before this rep came back up.'));
        extra.push(rec);
      }
    }
    const all = recs.concat(extra);
    let view = viewState.view;
    let best = -1;
    for (const [k, n] of Object.entries(viewCounts)) {
      if (k !== 'unknown' && n > best) {
        best = n;
        view = k as typeof view;
      }
    }
    if (best <= 0) view = 'unknown';
    return buildReport({
      lift: all.length ? currentLift() : lift,
      side,
      view,
      facing: viewState.facing,
      calibration: calibrator.value,
      reps: all,
      thresholds: th,
      hasDorsal,
      partials,
      cuts,
      ambiguous: ambiguousFrames > 0,
    });
  }

  return {
    push,
    report,
    get calibration() {
      return calibrator.value;
    },
    get tallestHeight() {
      return calibrator.tallestHeight;
    },
    thresholds: th,
  };
}
