import { describe, expect, it } from 'vitest';
import { explainLoadFailure, isNetworkFailure } from './load-failure';

describe('explainLoadFailure', () => {
  const offline = { model: 'heavy' as const, online: false, modelStored: false };

  it('says the model is not on the device yet, with its size, when offline and not stored', () => {
    expect(explainLoadFailure(new TypeError('Failed to fetch'), offline)).toBe(
      'The heavy pose model is not on this device yet; connect once to download it (31 MB).',
    );
  });

  it('offline with the model stored blames the missing part of the app, never a crash', () => {
    const msg = explainLoadFailure(new Error('pose worker crashed: unknown error'), { ...offline, modelStored: true });
    expect(msg).toMatch(/offline/);
    expect(msg).not.toMatch(/crash|cancel/);
  });

  it('online, a real failure (not the network) keeps its own message', () => {
    expect(explainLoadFailure(new Error('model full could not be loaded (404 Not Found)'), { model: 'full', online: true, modelStored: false })).toBeNull();
    expect(isNetworkFailure(new Error('RuntimeError: Aborted()'))).toBe(false);
    expect(isNetworkFailure(new TypeError('Failed to fetch dynamically imported module: http://x/a.js'))).toBe(true);
  });
});
