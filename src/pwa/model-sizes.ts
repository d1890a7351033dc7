/**
 * How big each pose model is, known at build time (vite.config.ts `define`), so a message can
 * say "9.4 MB" offline, before the model was ever fetched. Pure: no DOM, no stores.
 */
const SIZES: Record<string, number> = typeof __MODEL_SIZES__ === 'undefined' ? {} : __MODEL_SIZES__;

/** Bytes of a model, or null when the build did not have it. */
export const modelBytes = (model: string): number | null => SIZES[model] ?? null;

/** "9.4 MB", "31 MB" (decimal megabytes, as downloads are quoted). */
export function formatMB(bytes: number): string {
  const mb = bytes / 1e6;
  return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`;
}
