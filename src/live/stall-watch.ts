/**
 * A live stream whose results stop while the camera is still on leaves a
 * frozen picture and a silent coach. The heartbeat (PoseClient) catches a
 * worker that hangs; this catches a stream that stops delivering frames to a
 * worker that is fine (seen here once frames piled up before the stream
 * reached the worker). The session then restarts the stream.
 */
export const STALL_MS = 8000;

export interface TrackState {
  readonly readyState: MediaStreamTrackState;
  /** true while the camera itself sends nothing (covered, suspended by the system) */
  readonly muted: boolean;
}

/** Whether the stream is stuck: no result for `limitMs` while the camera is live and sending. */
export function isStalled(lastResultMs: number, nowMs: number, track: TrackState, limitMs = STALL_MS): boolean {
  return track.readyState === 'live' && !track.muted && nowMs - lastResultMs > limitMs;
}
