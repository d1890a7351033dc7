/** Drawing the body over a video frame. Canvas only; no analysis here. */
import type { Landmark } from '../analysis/types';

/** BlazePose topology (33 points), face reduced to what helps read the head. */
export const POSE_EDGES: ReadonlyArray<readonly [number, number]> = [
  [0, 7], [0, 8], [7, 11], [8, 12],
  [11, 12], [11, 23], [12, 24], [23, 24],
  [11, 13], [13, 15], [12, 14], [14, 16],
  [23, 25], [25, 27], [24, 26], [26, 28],
  [27, 29], [29, 31], [27, 31], [28, 30], [30, 32], [28, 32],
];

export interface SkeletonStyle {
  /** points less visible than this are not drawn (occluded far side) */
  minVisibility: number;
  left: string;
  right: string;
  centre: string;
  lineWidth: number;
}

export const DEFAULT_SKELETON_STYLE: SkeletonStyle = {
  minVisibility: 0.35,
  // Colour-blind-safe pair (Okabe–Ito blue / orange) so left and right stay distinct.
  left: '#56B4E9',
  right: '#E69F00',
  centre: '#F0F0F0',
  lineWidth: 4,
};

/** Draws into a canvas whose pixel size matches the displayed frame. */
export function drawSkeleton(
  ctx: CanvasRenderingContext2D,
  lm: readonly Landmark[],
  width: number,
  height: number,
  style: SkeletonStyle = DEFAULT_SKELETON_STYLE,
): void {
  const scale = Math.max(1, Math.min(width, height) / 360);
  ctx.lineWidth = style.lineWidth * scale;
  ctx.lineCap = 'round';
  for (const [a, b] of POSE_EDGES) {
    const p = lm[a], q = lm[b];
    if (!p || !q || p[3] < style.minVisibility || q[3] < style.minVisibility) continue;
    ctx.strokeStyle = a % 2 === 1 && b % 2 === 1 ? style.left : a % 2 === 0 && b % 2 === 0 && a > 0 ? style.right : style.centre;
    ctx.beginPath();
    ctx.moveTo(p[0] * width, p[1] * height);
    ctx.lineTo(q[0] * width, q[1] * height);
    ctx.stroke();
  }
  for (let i = 0; i < lm.length; i++) {
    const p = lm[i];
    if (p[3] < style.minVisibility || (i > 0 && i < 11 && i !== 7 && i !== 8)) continue;
    ctx.fillStyle = i === 0 ? style.centre : i % 2 ? style.left : style.right;
    ctx.beginPath();
    ctx.arc(p[0] * width, p[1] * height, 3.5 * scale, 0, Math.PI * 2);
    ctx.fill();
  }
}

/** A polyline of normalised points (the bar path), fading from old to new. */
export function drawPath(
  ctx: CanvasRenderingContext2D,
  points: ReadonlyArray<readonly [number, number]>,
  width: number,
  height: number,
  color: string,
  lineWidth = 3,
): void {
  if (points.length < 2) return;
  ctx.strokeStyle = color;
  ctx.lineWidth = lineWidth * Math.max(1, Math.min(width, height) / 360);
  ctx.beginPath();
  ctx.moveTo(points[0][0] * width, points[0][1] * height);
  for (let i = 1; i < points.length; i++) ctx.lineTo(points[i][0] * width, points[i][1] * height);
  ctx.stroke();
}
