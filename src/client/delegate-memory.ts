/**
 * The delegate measured on this device, per model, so the CPU-vs-GPU trial
 * (a few slow frames) runs once rather than at every start.
 */
import type { Delegate, ModelVariant } from '../shared/pose-protocol';

const KEY = 'hinge-coach:delegate';

type Memory = Partial<Record<ModelVariant, { delegate: Delegate; reason: string; at: number }>>;

function read(storage: Storage | undefined): Memory {
  try {
    return JSON.parse(storage?.getItem(KEY) ?? '{}') as Memory;
  } catch {
    return {};
  }
}

export function rememberDelegate(model: ModelVariant, delegate: Delegate, reason: string, storage: Storage | undefined = globalThis.localStorage): void {
  const m = read(storage);
  m[model] = { delegate, reason, at: Date.now() };
  try {
    storage?.setItem(KEY, JSON.stringify(m));
  } catch {
    // Private mode or full storage: measuring again next time is fine.
  }
}

export function recalledDelegate(model: ModelVariant, storage: Storage | undefined = globalThis.localStorage): { delegate: Delegate; reason: string } | null {
  const hit = read(storage)[model];
  return hit ? { delegate: hit.delegate, reason: `${hit.reason}, on ${new Date(hit.at).toLocaleDateString()}` } : null;
}
