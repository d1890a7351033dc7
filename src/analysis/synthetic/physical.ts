/**
 * Fault sizes in physical units of the simulated body, and the line where the
 * truth flips from clean to faulty. The lines come from coaching and
 * biomechanics sources (or a stated coaching convention where no published line
 * exists), never from the analyzer's thresholds (../thresholds.ts): the point
 * of this corpus is to score how well the analyzer's thresholds generalise.
 * README.md ("Fault sizes and lines") lists the same table with the sources.
 */
import type { FaultId, Lift } from '../types';

/** 'above': the rep is faulty when its magnitude is above the line; 'below': when below. */
export type Sense = 'above' | 'below';

export interface FaultLine {
  fault: FaultId;
  unit: string;
  line: number;
  sense: Sense;
  /** half-width of the "just under / just over" band around the line (same unit) */
  band: number;
  /** where clean lifters sit (the corpus' clean reps are drawn here) */
  clean: [number, number];
  /** a severe case: the far end of the sampled range */
  severe: number;
  /** where the line comes from */
  source: string;
}

const RDL_FAMILY: readonly Lift[] = ['rdl', 'sl-rdl', 'kickstand-rdl'];

const LINES: Record<string, Omit<FaultLine, 'fault'>> = {
  // Spinal flexion = the lumbar + thoracic joints' flexion beyond the lifter's standing
  // curves (model: the three back joints' summed flexion, `Pose.rho`).
  'rounded-back': {
    unit: 'deg spinal flexion beyond neutral',
    line: 20,
    sense: 'above',
    band: 5,
    clean: [0, 8],
    severe: 45,
    // No published degree line for whole-spine flexion in a loaded hinge was found. Convention:
    // 20° ≈ 35 % of a ~55–60° lumbar flexion range, the share past which cadaver data suggest
    // disc risk rises (J. Feigenbaum, Barbell Medicine, 2020, "Normal movements of the low back
    // during squats and deadlifts", key point 1). Lifters do flex more than this when pulling
    // maximal weights (same article), so this is a coaching line, not an injury line.
    source: 'convention (no published line): 20° ≈ 35 % of lumbar flexion ROM, Feigenbaum / Barbell Medicine 2020',
  },
  // Bar (wrist mid-point) forward of mid-foot (mid-point of heel and toe) at the bottom.
  'bar-drift': {
    unit: 'cm bar ahead of mid-foot',
    line: 5,
    sense: 'above',
    band: 2,
    clean: [-2, 3],
    severe: 22,
    // jplikescoding/bar-path (public peer, FAULTS.md) flags a bar about 5 cm off mid-foot; the
    // bar-over-mid-foot rule itself is Rippetoe's (Starting Strength, 3rd ed., 2011).
    source: 'jplikescoding/bar-path: flags ~5 cm off mid-foot; bar over mid-foot: Rippetoe, Starting Strength (2011)',
  },
  // Deadlift: hip flexion (trunk–thigh) / knee flexion at the bottom, true 3D joint angles.
  'hips-back:deadlift': {
    unit: 'hip/knee flexion ratio',
    line: 1.0,
    sense: 'below',
    band: 0.1,
    clean: [1.15, 1.6],
    severe: 0.7,
    // No published ratio line. Convention: a hinge bends the hips more than the knees and a squat
    // bends both about equally (the hinge/squat distinction as coached, e.g. D. John, "Intervention",
    // 2013); so equal flexion (ratio 1) is where a pull turns into a squat.
    source: 'convention (no published line): hinge = more hip than knee flexion; ratio 1 = squat pattern (D. John 2013)',
  },
  // RDL family: stance shin tilted forward of vertical at the bottom (knee travel).
  'hips-back:rdl': {
    unit: 'deg shin forward of vertical',
    line: 10,
    sense: 'above',
    band: 3,
    clean: [-3, 6],
    severe: 26,
    // No published line. Coaching descriptions of the RDL keep the shins about vertical and the knees
    // from travelling forward (e.g. BOXROX, "Romanian deadlifts": "the knees never move forward");
    // 10° is the stated convention for "the knees have clearly travelled".
    source: 'convention (no published line): shins ~vertical in an RDL (BOXROX); 10° = knees clearly forward',
  },
  // Deadlift rise: shoulders' share of their total rise when the hips have done half of theirs.
  'hips-rise-first': {
    unit: "shoulders' share of rise at hips half-way",
    line: 0.5,
    sense: 'below',
    band: 0.1,
    clean: [0.57, 0.95],
    severe: 0.1,
    // Coaching: hips and shoulders rise at the same rate off the floor (SAPT Strength, 2016,
    // "Common deadlift mistake: hips popping up"); Starting Strength (M. Inman, 2021) describes the
    // fault as the back angle turning more horizontal. No published number: convention 0.5 = the
    // shoulders have done under half of their share while the hips are half-way up.
    source: 'convention (no published line): hips and shoulders rise together (SAPT 2016; Inman / Starting Strength 2021)',
  },
  // Trunk line (hip mid-point → shoulder mid-point) behind vertical, worst point after lockout.
  'lockout-lean': {
    unit: 'deg trunk behind vertical',
    line: 10,
    sense: 'above',
    band: 3,
    clean: [-4, 5],
    severe: 30,
    // Coaching: finish tall with the glutes, no lean back; powerlifting rules ask for an erect finish
    // with no degree given (IPF Technical Rules). Convention: 10° of visible layback.
    source: 'convention (no published line): finish erect (IPF Technical Rules); 10° = visible layback',
  },
  // Head extension: the ear–shoulder line's angle to the trunk line at the bottom, beyond standing.
  'neck-extension': {
    unit: 'deg head extension vs trunk, beyond standing',
    line: 30,
    sense: 'above',
    band: 6,
    clean: [-20, 20],
    // up to about the end of the cervical extension range
    severe: 65,
    // No published line; S. McGill (backfitpro.com, "Head position and the deadlift") says it depends
    // on the lifter. Convention: 30° ≈ half of the ~60° normal active cervical extension range as
    // commonly tabulated (e.g. AAOS "Joint Motion", 1965; figure recalled, not re-checked here);
    // coaches cue eyes on the floor a couple of metres ahead, which needs far less. Measured from
    // standing: the standing ear-shoulder line already sits ~17-20° forward of the trunk line.
    source: 'convention (no published line): 30° ≈ half of the ~60° normal cervical extension ROM (AAOS 1965, recalled)',
  },
  // Stance knee angle at the bottom (180 = straight), true 3D hip–knee–ankle angle.
  'locked-knees': {
    unit: 'deg stance knee angle at the bottom',
    line: 170,
    sense: 'above',
    band: 4,
    clean: [140, 164],
    severe: 179,
    // Coaching: an RDL keeps a soft, unlocked knee (FAULTS.md; e.g. fitro.info "RDL knee bend"); no
    // published angle. Convention: under 10° of knee flexion (angle > 170°) is a locked knee.
    source: 'convention (no published line): soft knees in an RDL; < 10° flexion = locked',
  },
  // Lowering time: from the start of the descent to the bottom (minimum-jerk duration).
  'fast-lowering:deadlift': {
    unit: 'ms lowering',
    line: 500,
    sense: 'below',
    band: 150,
    clean: [700, 2000],
    severe: 250,
    // No tempo line exists for lowering a conventional deadlift. Convention: under 0.5 s is a drop
    // (a bar falling freely from the hips to the floor takes ~0.3 s).
    source: 'convention (no published line): < 0.5 s = dropped (free fall hip → floor ≈ 0.3 s)',
  },
  'fast-lowering:rdl': {
    unit: 'ms lowering',
    line: 2000,
    sense: 'below',
    band: 400,
    clean: [2200, 3500],
    severe: 500,
    // The seed articles (FAULTS.md) suggest 2–3 s down for RDLs; E. Samuel (Men's Health, "How to do
    // the Romanian deadlift"): at least 2 s, maybe 3. Line: 2 s.
    source: "seed articles: 2–3 s down for RDLs; E. Samuel, Men's Health: at least 2 s",
  },
  // Pelvis rotation (free hip up / open) about the trunk axis at the bottom.
  'hip-rotation': {
    unit: 'deg pelvis rotation',
    line: 10,
    sense: 'above',
    band: 3,
    clean: [0, 5],
    severe: 35,
    // Coaching: both hip bones point at the floor, no opening toward the free leg (The Prehab Guys,
    // "Single leg RDL"; Phyx Physio, "Single-leg RDL"). No published number: convention 10°.
    source: 'convention (no published line): hips square (Prehab Guys; Phyx Physio); 10° = visibly open',
  },
  // Free foot's lowest point (toe or heel) above where it sits flat on the floor, minimum over the rep.
  'lost-balance': {
    unit: 'cm free-foot height (lowest in the rep)',
    line: 2,
    sense: 'below',
    band: 1.5,
    clean: [10, 20],
    severe: 0,
    // FAULTS.md: the free foot touching down is the fault. Convention: within 2 cm of the floor counts
    // as a touch or tap (a shoe sole's thickness).
    source: 'FAULTS.md: free foot touches down; convention: within 2 cm = touch',
  },
  // Planted foot's pitch from flat, worst in the rep: heel up (onto the toes) or toes up (onto the heels).
  'weight-shift': {
    unit: 'deg planted-foot pitch from flat',
    line: 5,
    sense: 'above',
    band: 2,
    clean: [0, 1],
    severe: 20,
    // FAULTS.md and the seed cycling article: "mid-foot pressure", heels down. No published number:
    // convention 5° ≈ a 2 cm heel (or toe) lift on a 24 cm foot, clearly off the floor.
    source: 'convention (no published line): whole foot down (FAULTS.md cue); 5° ≈ 2 cm heel/toe lift',
  },
};

/** The line for a fault in a lift (hips-back and fast-lowering differ between the deadlift and the RDL family). */
export function faultLine(fault: FaultId, lift: Lift): FaultLine {
  const fam = RDL_FAMILY.includes(lift) ? 'rdl' : 'deadlift';
  const row = LINES[`${fault}:${fam}`] ?? LINES[fault];
  return { fault, ...row };
}

/** How far past the line (positive = on the faulty side), in the fault's unit. */
export function excess(l: FaultLine, magnitude: number): number {
  return l.sense === 'above' ? magnitude - l.line : l.line - magnitude;
}

export function pastLine(l: FaultLine, magnitude: number): boolean {
  return excess(l, magnitude) >= 0;
}

export type Band = 'far-under' | 'just-under' | 'just-over' | 'far-over';
export const BANDS: readonly Band[] = ['far-under', 'just-under', 'just-over', 'far-over'];

export function bandOf(l: FaultLine, magnitude: number): Band {
  const e = excess(l, magnitude);
  if (e < -l.band) return 'far-under';
  if (e < 0) return 'just-under';
  if (e < l.band) return 'just-over';
  return 'far-over';
}

/** A magnitude in a band (u in 0..1 picks where); the far bands reach across the clean range / to the severe end. */
export function magnitudeIn(l: FaultLine, band: Band, u: number): number {
  const s = l.sense === 'above' ? 1 : -1;
  // far under reaches the far side of where clean lifters sit
  const farClean = l.sense === 'above' ? l.clean[0] : l.clean[1];
  const b1 = l.band * 1.01;
  const farUnder = Math.max(b1 * 1.01, s * (l.line - farClean));
  const farOver = Math.max(b1 * 1.01, s * (l.severe - l.line));
  // offsets from the line toward the fault (negative = clean side)
  const e =
    band === 'far-under'
      ? -(b1 + u * (farUnder - b1))
      : band === 'just-under'
        ? -l.band * (0.03 + 0.96 * u)
        : band === 'just-over'
          ? l.band * (0.03 + 0.94 * u)
          : b1 + u * (farOver - b1);
  return l.line + s * e;
}

/**
 * Legacy degree 0..1 (older tests and callers): 0 = a clean value, 0.5 = the physical line
 * (from the sources above, not the analyzer), 1 = severe; linear in between.
 */
export function degreeToMagnitude(l: FaultLine, d: number): number {
  const c = (l.clean[0] + l.clean[1]) / 2;
  if (d <= 0.5) return c + (l.line - c) * (d / 0.5);
  return l.line + (l.severe - l.line) * Math.min(1, (d - 0.5) / 0.5);
}
