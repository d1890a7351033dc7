import { describe, expect, it, vi } from 'vitest';
import { blockCrossOriginFetch, isSameOrigin } from './no-egress';

describe('no egress', () => {
  const base = 'http://127.0.0.1:4173/assets/pose.worker.js';

  it('tells same-origin, blob and data URLs from the rest', () => {
    expect(isSameOrigin('/models/pose_landmarker_full.task', base)).toBe(true);
    expect(isSameOrigin('http://127.0.0.1:4173/wasm/x.wasm', base)).toBe(true);
    expect(isSameOrigin('blob:http://127.0.0.1:4173/abc', base)).toBe(true);
    expect(isSameOrigin('https://metrics.example.com/v1/log', base)).toBe(false);
    expect(isSameOrigin('http://127.0.0.1:9999/', base)).toBe(false);
  });

  it('refuses cross-origin fetches without touching the network', async () => {
    const real = vi.fn(async () => new Response('ok'));
    const scope = { fetch: real as unknown as typeof fetch, location: { origin: 'http://127.0.0.1:4173', href: base } };
    blockCrossOriginFetch(scope);
    await expect(scope.fetch('https://metrics.example.com/v1/log', { method: 'POST' })).rejects.toThrow(/blocked/);
    expect(real).not.toHaveBeenCalled();
    await scope.fetch('/models/pose_landmarker_lite.task');
    expect(real).toHaveBeenCalledTimes(1);
  });
});
