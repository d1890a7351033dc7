/**
 * Opens a landmark recording off the main thread: a long session's JSON
 * (hundreds of MB) is read and parsed in a worker, with bytes-read
 * progress, so the page never freezes; past a size limit it is refused with
 * that reason rather than half-read. The parsed frames come back as flat
 * arrays (recording-pack.ts) and are rebuilt a slice at a time.
 */
import type { PoseClip } from '../analysis/types';
import { formatMB } from '../pwa/model-sizes';
import type { ReaderMessage } from './recording-reader.worker';
import { unpackClip } from './recording-pack';

/**
 * An hour of landmarks at 30 fps is about 250 MB of JSON; parsing needs
 * several times the text in memory, so much past that would fail on a phone
 * anyway, and slowly.
 */
export const MAX_RECORDING_BYTES = 400e6;

export class RecordingTooLargeError extends Error {
  constructor(name: string, bytes: number) {
    super(`“${name}” is too large to open here (${formatMB(bytes)}; recordings up to ${formatMB(MAX_RECORDING_BYTES)}, about an hour and a half at 30 fps, can be opened).`);
    this.name = 'RecordingTooLargeError';
  }
}

export interface ReadOptions {
  signal?: AbortSignal;
  /** share of the file read so far, 0..1 */
  onProgress?: (share: number) => void;
}

export function readRecording(file: File | Blob, name: string, opts: ReadOptions = {}): Promise<PoseClip> {
  if (file.size > MAX_RECORDING_BYTES) return Promise.reject(new RecordingTooLargeError(name, file.size));
  return new Promise<PoseClip>((resolve, reject) => {
    const worker = new Worker(new URL('./recording-reader.worker.ts', import.meta.url), { type: 'module', name: 'recording-reader' });
    const done = () => {
      worker.terminate();
      opts.signal?.removeEventListener('abort', abort);
    };
    const abort = () => {
      done();
      reject(new DOMException('cancelled', 'AbortError'));
    };
    if (opts.signal?.aborted) return abort();
    opts.signal?.addEventListener('abort', abort);
    worker.onmessage = (e: MessageEvent<ReaderMessage>) => {
      const m = e.data;
      if (m.kind === 'progress') opts.onProgress?.(m.share);
      else {
        done();
        if (m.kind === 'error') reject(new Error(m.message));
        else unpackClip(m.clip, (share) => !opts.signal?.aborted && opts.onProgress?.(0.6 + 0.4 * share)).then(resolve, reject);
      }
    };
    worker.onerror = (e) => {
      done();
      reject(new Error(e.message || 'the recording could not be read'));
    };
    worker.postMessage(file);
  });
}
