/**
 * Rotation flags of phone videos. An MP4/MOV track header carries a 3×3
 * matrix (a, b, u / c, d, v / x, y, w; a–d in 16.16 fixed point); players
 * rotate the decoded picture by it. WebCodecs hands back the picture as
 * coded, so the app applies the rotation itself when it makes the bitmap.
 */
export type Rotation = 0 | 90 | 180 | 270;

/** Clockwise display rotation from a track matrix (nearest quarter turn). */
export function rotationFromMatrix(m: ArrayLike<number> | null | undefined): Rotation {
  if (!m || m.length < 5) return 0;
  // Values may arrive as unsigned 32-bit words: `| 0` reads them as signed.
  const a = (m[0] | 0) / 65536;
  const b = (m[1] | 0) / 65536;
  if (!Number.isFinite(a) || !Number.isFinite(b) || (a === 0 && b === 0)) return 0;
  const deg = (Math.atan2(b, a) * 180) / Math.PI;
  const q = (((Math.round(deg / 90) % 4) + 4) % 4) as 0 | 1 | 2 | 3;
  return (q * 90) as Rotation;
}

/** Size of the picture as displayed, after the rotation. */
export function rotatedSize(width: number, height: number, rotation: Rotation): { width: number; height: number } {
  return rotation === 90 || rotation === 270 ? { width: height, height: width } : { width, height };
}

/**
 * Canvas transform (a, b, c, d, e, f as for `setTransform`) that draws a
 * picture of `w`×`h` (coded orientation, already scaled) into a canvas of the
 * rotated size, turned clockwise by `rotation`.
 */
export function rotationTransform(rotation: Rotation, w: number, h: number): [number, number, number, number, number, number] {
  switch (rotation) {
    case 90:
      return [0, 1, -1, 0, h, 0];
    case 180:
      return [-1, 0, 0, -1, w, h];
    case 270:
      return [0, -1, 1, 0, 0, w];
    default:
      return [1, 0, 0, 1, 0, 0];
  }
}
