/** What the service worker caches on first use, shared with the page that reports it. */
export const MODEL_CACHE = 'hinge-models-v1';
export const FFMPEG_CACHE = 'hinge-ffmpeg-v1';

/** public/models/pose_landmarker_<variant>.task */
export const isModelUrl = (pathname: string) => /\/models\/[^/]+\.task$/.test(pathname);
/** @ffmpeg/core's loader and wasm, emitted by Vite as assets/ffmpeg-core-<hash>.{js,wasm} */
export const isFfmpegCoreUrl = (pathname: string) => /\/assets\/ffmpeg-core-[^/]+\.(js|wasm)$/.test(pathname);
