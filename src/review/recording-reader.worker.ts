/// <reference lib="webworker" />
/** Reads and parses one landmark recording (recording-reader.ts), reporting the bytes read. */
import { parseRecording } from '../analysis/recording';
import { packClip, packTransfer, type PackedClip } from './recording-pack';

export type ReaderMessage = { kind: 'progress'; share: number } | { kind: 'clip'; clip: PackedClip } | { kind: 'error'; message: string };

const post = (m: ReaderMessage, transfer: Transferable[] = []) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(m, transfer);

self.onmessage = async (e: MessageEvent<Blob>) => {
  const file = e.data;
  try {
    const reader = file.stream().pipeThrough(new TextDecoderStream()).getReader();
    const parts: string[] = [];
    let chars = 0;
    let lastShare = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
      chars += value.length;
      // characters, not bytes: close enough for a progress bar on mostly-ASCII JSON
      const share = Math.min(1, chars / Math.max(1, file.size));
      if (share - lastShare >= 0.01) post({ kind: 'progress', share: (lastShare = share) * 0.6 });
    }
    const clip = packClip(parseRecording(parts.join('')));
    post({ kind: 'clip', clip }, packTransfer(clip));
  } catch (err) {
    post({ kind: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};
