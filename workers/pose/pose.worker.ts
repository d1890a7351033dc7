/// <reference lib="webworker" />
/**
 * The pose worker: MediaPipe off the main thread, exposed through comlink.
 * Calls are serialised by the client (one frame in flight); this side just
 * measures and answers.
 */
import * as Comlink from 'comlink';
import type { EngineConfig, PoseWorkerApi } from '../../src/shared/pose-protocol';
import { blockCrossOriginFetch } from './no-egress';
import { PoseEngine } from './engine';

blockCrossOriginFetch(self as unknown as Parameters<typeof blockCrossOriginFetch>[0]);

const engine = new PoseEngine();

const api: PoseWorkerApi = {
  init: (config: EngineConfig) => engine.init(config),
  detect: (frame, t) => engine.detect(frame, t),
  reset: () => engine.reset(),
  info: async () => engine.info(),
  dispose: async () => engine.dispose(),
};

Comlink.expose(api);
