/// <reference lib="webworker" />
/**
 * The app's own PoseEngine in a worker, fed pre-decoded frames back to back:
 * the live pipeline minus the camera and the page. Between the bare loop and
 * the live numbers, it shows what a worker costs by itself.
 */
import * as Comlink from 'comlink';
import { PoseEngine } from '../../workers/pose/engine';
import type { ModelVariant } from '../shared/pose-protocol';

const api = {
  async run(bitmaps: ImageBitmap[], t: number[], model: ModelVariant, masks: boolean, warmup: number): Promise<number[]> {
    const engine = new PoseEngine();
    await engine.init({ model, delegate: 'CPU', masks, peopleCheckMs: 0 });
    const times: number[] = [];
    for (let i = 0; i < bitmaps.length; i++) {
      const r = engine.measure(bitmaps[i], t[i]);
      if (i >= warmup) times.push(r.inferenceMs);
    }
    engine.dispose();
    return times;
  },
};
export type EngineLoopApi = typeof api;
Comlink.expose(api);
