/**
 * How many pose workers the review runs on this device: one per core, as
 * each runs the single-threaded model; fewer where memory is short (each
 * holds its own model and wasm heap, ~150 MB with the full model). `?workers=N`
 * overrides it (benchmarks, and recordings that must not depend on the machine).
 */
export function reviewWorkers(cores: number | undefined, memoryGb: number | undefined, override: string | null): number {
  const forced = Number(override);
  if (override !== null && Number.isInteger(forced) && forced >= 1) return Math.min(forced, 8);
  const byCores = Math.max(1, Math.min(4, cores || 1));
  const byMemory = memoryGb === undefined ? 4 : memoryGb >= 8 ? 4 : memoryGb >= 4 ? 2 : 1;
  return Math.min(byCores, byMemory);
}

/** On this page, now. */
export function reviewWorkersHere(): number {
  const nav = typeof navigator === 'undefined' ? undefined : (navigator as Navigator & { deviceMemory?: number });
  const query = typeof location === 'undefined' ? null : new URLSearchParams(location.search).get('workers');
  return reviewWorkers(nav?.hardwareConcurrency, nav?.deviceMemory, query);
}
