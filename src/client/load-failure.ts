/**
 * Why the pose engine could not start, in words a lifter can act on. Offline,
 * a failed fetch is not a crash: the model (or part of the app) was never
 * stored on this device, and the only fix is to connect once.
 */
import type { ModelVariant } from '../shared/pose-protocol';
import { formatMB, modelBytes } from '../pwa/model-sizes';

export class EngineLoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EngineLoadError';
  }
}

export interface LoadContext {
  model: ModelVariant;
  online: boolean;
  /** whether the model file is in this origin's Cache Storage (put there by the service worker) */
  modelStored: boolean;
}

/** Errors a browser gives for a request that never reached a server, in a worker or a page. */
const NETWORK_ERROR = /failed to fetch|networkerror|network error|load failed|err_internet_disconnected|could not be loaded \(0|importscripts|dynamically imported module|unknown error/i;

export function isNetworkFailure(e: unknown): boolean {
  const text = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return NETWORK_ERROR.test(text);
}

/** The message for a failed start, or null when it was not for want of a connection. */
export function explainLoadFailure(e: unknown, ctx: LoadContext): string | null {
  if (ctx.online && !isNetworkFailure(e)) return null;
  if (ctx.online) return `The ${ctx.model} pose model could not be downloaded: the connection failed. Check it and try again.`;
  if (!ctx.modelStored) {
    const bytes = modelBytes(ctx.model);
    return `The ${ctx.model} pose model is not on this device yet; connect once to download it${bytes ? ` (${formatMB(bytes)})` : ''}.`;
  }
  return 'You are offline and part of the app is not on this device yet; connect once and reload the page.';
}

/** Whether a URL is in any of this origin's caches (false where Cache Storage is missing). */
export async function isStored(url: string): Promise<boolean> {
  try {
    return (await globalThis.caches?.match(url)) !== undefined;
  } catch {
    return false;
  }
}

export const modelFileUrl = (model: ModelVariant, base = document.baseURI): string => new URL(`models/pose_landmarker_${model}.task`, base).href;

/** The words for a failed engine start: offline-aware, else the error's own. */
export async function engineStartError(e: unknown, model: ModelVariant): Promise<EngineLoadError> {
  const online = globalThis.navigator?.onLine ?? true;
  const offline = explainLoadFailure(e, { model, online, modelStored: online || (await isStored(modelFileUrl(model))) });
  if (offline) return new EngineLoadError(offline);
  const why = e instanceof Error ? e.message : String(e);
  return new EngineLoadError(`The ${model} pose model could not start (${why}). Reload the page to try again, or pick another model.`);
}
