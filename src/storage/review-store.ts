/**
 * Saved reviews on the device: a small index record per review (for the
 * list) and the payload (landmarks, the video itself, options and
 * thresholds) in a second store, so listing never loads a video.
 * Here, not under src/review, because the live screen's export and import
 * use it too and must not pull in the review screen's code.
 */
import type { FaultId, LiftOption, PoseClip, Side } from '../analysis/types';
import type { ThresholdOverrides } from '../analysis';
import type { ModelVariant } from '../shared/pose-protocol';
import { openStore, type Store } from './idb-store';

export interface ReviewSettings {
  lift: LiftOption;
  side: Side | null;
  model: ModelVariant;
  thresholds: ThresholdOverrides;
}

export interface ReviewIndexEntry {
  id: string;
  name: string;
  savedAt: number;
  lift: string | null;
  reps: number;
  faults: FaultId[];
  hasVideo: boolean;
}

export interface ReviewPayload {
  id: string;
  name: string;
  settings: ReviewSettings;
  clip: PoseClip;
  /** the original video, for playback and key frames (absent for a reopened recording) */
  video?: Blob;
  videoType?: string;
}

export class ReviewLibrary {
  constructor(
    private readonly index: Store<ReviewIndexEntry> = openStore<ReviewIndexEntry>('review-index'),
    private readonly data: Store<ReviewPayload> = openStore<ReviewPayload>('review-data'),
  ) {}

  async list(): Promise<ReviewIndexEntry[]> {
    return (await this.index.values()).sort((a, b) => b.savedAt - a.savedAt);
  }

  async save(entry: ReviewIndexEntry, payload: ReviewPayload): Promise<void> {
    // Payload first: an index entry never points at nothing.
    await this.data.put(entry.id, payload);
    await this.index.put(entry.id, entry);
  }

  load(id: string): Promise<ReviewPayload | undefined> {
    return this.data.get(id);
  }

  /** ids of every saved review (cheap: keys only) */
  async ids(): Promise<Set<string>> {
    return new Set(await this.index.keys());
  }

  async remove(id: string): Promise<void> {
    await this.index.delete(id);
    await this.data.delete(id);
  }
}

export function newReviewId(now = Date.now()): string {
  return `r${now.toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}
