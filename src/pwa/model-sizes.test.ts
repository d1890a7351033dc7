import { describe, expect, it } from 'vitest';
import { formatMB, modelBytes } from './model-sizes';

describe('model sizes', () => {
  it('are the built models in public/models, in MB as a download is quoted', () => {
    // vite.config.ts defines them from public/models (npm run models makes them).
    expect(modelBytes('lite')).toBeGreaterThan(1e6);
    expect(modelBytes('heavy')!).toBeGreaterThan(modelBytes('full')!);
    expect(modelBytes('nope')).toBeNull();
    expect(formatMB(9_398_270)).toBe('9.4 MB');
    expect(formatMB(30_672_452)).toBe('31 MB');
  });
});
