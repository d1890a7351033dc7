/**
 * What each camera view can check (FAULTS.md "Views and what each can see"):
 * the side view sees the hinge, the back proxies, the bar path and lockout;
 * the front/back view sees the pelvis and balance; an oblique view distorts
 * the sagittal angles, so those checks run with reduced confidence and the
 * lifter is told how to place the camera.
 */
import type { FaultId, View } from './types';

/** Checks that need the sagittal plane (angles and forward offsets seen side-on). */
export const SAGITTAL: ReadonlySet<FaultId> = new Set<FaultId>([
  'hips-back',
  'rounded-back',
  'bar-drift',
  'lockout-lean',
  'neck-extension',
  'locked-knees',
  'weight-shift',
]);

/** Checks that use only heights and timing: fine from any view that shows the whole body. */
const ANY_VIEW: ReadonlySet<FaultId> = new Set<FaultId>(['fast-lowering', 'hips-rise-first', 'lost-balance']);

/**
 * Confidence multiplier for a check in a view: 1 full, between 0 and 1
 * reduced, 0 = the view cannot support it.
 */
export function viewFactor(id: FaultId, view: View, obliqueConfidence: number): number {
  if (view === 'unknown') return 0;
  if (ANY_VIEW.has(id)) return view === 'oblique' && id === 'hips-rise-first' ? Math.max(obliqueConfidence, 0.7) : 1;
  if (id === 'hip-rotation') return view === 'side' ? 0.6 : 1;
  if (SAGITTAL.has(id)) {
    if (view === 'side') return 1;
    // the bar's distance from where it started is partly depth when the camera is turned: not judged
    if (id === 'bar-drift') return 0;
    if (view === 'oblique') return obliqueConfidence;
    return 0;
  }
  return 1;
}

/** What to tell the lifter when a check is unsupported or weak in this view. */
export function viewAdvice(id: FaultId, view: View): string | null {
  if (view === 'unknown') return 'Step into the frame so your whole body is visible.';
  if (SAGITTAL.has(id) && (view === 'front' || view === 'back')) return 'Turn side-on to the camera so your back and hips can be seen.';
  if (id === 'bar-drift' && view === 'oblique') return 'Turn side-on so the bar path over your feet can be seen.';
  if (SAGITTAL.has(id) && view === 'oblique') return 'Turn a little more side-on: from this angle the back and hip angles are only estimates.';
  if (id === 'hip-rotation' && view === 'side') return 'For a sure hip-rotation check, film from the front or the back.';
  return null;
}
