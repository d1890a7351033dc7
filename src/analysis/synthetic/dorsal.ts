/**
 * "Dorsal rise" (FAULTS.md) measured on the modelled back outline in image
 * space, as the mask-based feature would see it: chord H (hip mid) → S
 * (shoulder mid), e(t) = perpendicular distance from the chord to the back
 * outline on the back's side; F = [max e(t), t in 0.3..0.8 − e(0.1)] / |S − H|.
 */
export type P2 = [number, number];

/** Chaikin corner cutting, keeps the end points. */
export function smoothOutline(pts: P2[], rounds = 2): P2[] {
  let cur = pts;
  for (let r = 0; r < rounds; r++) {
    const out: P2[] = [cur[0]];
    for (let i = 0; i < cur.length - 1; i++) {
      const a = cur[i];
      const b = cur[i + 1];
      out.push([0.75 * a[0] + 0.25 * b[0], 0.75 * a[1] + 0.25 * b[1]]);
      out.push([0.25 * a[0] + 0.75 * b[0], 0.25 * a[1] + 0.75 * b[1]]);
    }
    out.push(cur[cur.length - 1]);
    cur = out;
  }
  return cur;
}

/**
 * @param H hip mid-point (pixels), S shoulder mid-point (pixels)
 * @param outline back outline in pixels (any order along the back)
 * @param facingLeft lifter faces image-left (the back is then on the chord's right-hand normal)
 */
export function dorsalRise(H: P2, S: P2, outline: P2[], facingLeft: boolean): number | null {
  const dx = S[0] - H[0];
  const dy = S[1] - H[1];
  const L = Math.hypot(dx, dy);
  if (!(L > 1)) return null;
  const u: P2 = [dx / L, dy / L];
  const n: P2 = facingLeft ? [-u[1], u[0]] : [u[1], -u[0]];
  const a = outline.map((p) => (p[0] - H[0]) * u[0] + (p[1] - H[1]) * u[1]);
  const e = outline.map((p) => (p[0] - H[0]) * n[0] + (p[1] - H[1]) * n[1]);
  const at = (t: number): number | null => {
    const x = t * L;
    let best: number | null = null;
    for (let i = 0; i < outline.length - 1; i++) {
      const a0 = a[i];
      const a1 = a[i + 1];
      if ((a0 - x) * (a1 - x) > 0 || a0 === a1) continue;
      const f = (x - a0) / (a1 - a0);
      const v = e[i] + f * (e[i + 1] - e[i]);
      if (best === null || v > best) best = v;
    }
    return best;
  };
  const base = at(0.1);
  if (base === null) return null;
  let mx = -Infinity;
  let valid = 0;
  let total = 0;
  for (let t = 0.3; t <= 0.8001; t += 1 / 32) {
    total++;
    const v = at(t);
    if (v === null) continue;
    valid++;
    mx = Math.max(mx, v);
  }
  if (valid < 0.7 * total) return null;
  return (mx - base) / L;
}
