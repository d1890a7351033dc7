/**
 * Two contexts' wall clocks (timeOrigin + now) disagree by a few ms: each
 * context converts its own monotonic start to wall time once, when it is
 * created (measured 0.4–2.6 ms apart between this app's page and worker). A
 * latency that starts on one clock and ends on the other needs the offset.
 */
export interface Ping {
  /** local clock when the question left */
  sent: number;
  /** the remote clock when it answered */
  remote: number;
  /** local clock when the answer came back */
  received: number;
}

/**
 * remote − local, from the ping with the shortest round trip (the least
 * queueing, so the remote answer is nearest the round trip's midpoint).
 */
export function clockOffset(pings: readonly Ping[]): number {
  if (pings.length === 0) throw new Error('no pings to estimate a clock offset from');
  let best = pings[0];
  for (const p of pings) if (p.received - p.sent < best.received - best.sent) best = p;
  return best.remote - (best.sent + best.received) / 2;
}
