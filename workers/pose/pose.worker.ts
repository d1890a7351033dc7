/// <reference lib="webworker" />
/**
 * The pose worker: MediaPipe off the main thread, exposed through comlink.
 * Calls are serialised by the client (one frame in flight), or the worker
 * reads the camera stream itself (live); this side just measures and answers.
 */
import * as Comlink from 'comlink';
import type { EngineConfig, PoseWorkerApi } from '../../src/shared/pose-protocol';
import { blockCrossOriginFetch } from './no-egress';
import { PoseEngine } from './engine';
import { FrameStream } from './frame-stream';

blockCrossOriginFetch(self as unknown as Parameters<typeof blockCrossOriginFetch>[0]);

const engine = new PoseEngine();
const live = new FrameStream(engine);

const api: PoseWorkerApi = {
  init: (config: EngineConfig) => engine.init(config),
  detect: (frame, t) => engine.detect(frame, t),
  stream: (frames, options, onFrame) =>
    live.run(frames, options, (f) => {
      // A comlink callback: the page may be gone, and nothing here waits for it.
      Promise.resolve(onFrame(f.frame ? Comlink.transfer(f, [f.frame]) : f) as unknown).catch(() => f.frame?.close());
    }),
  reset: () => engine.reset(),
  info: async () => engine.info(),
  wallNow: async () => performance.timeOrigin + performance.now(),
  dispose: async () => engine.dispose(),
};

Comlink.expose(api);
