import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BundledPackages, licenceText, packageDirOf } from './release';

describe('packageDirOf', () => {
  it('finds the (innermost) package of a module id', () => {
    expect(packageDirOf('/r/node_modules/comlink/dist/esm/comlink.mjs')).toBe('/r/node_modules/comlink');
    expect(packageDirOf('/r/node_modules/@ffmpeg/core/dist/esm/ffmpeg-core.js?url')).toBe('/r/node_modules/@ffmpeg/core');
    expect(packageDirOf('\0/r/node_modules/a/node_modules/@s/b/x.js')).toBe('/r/node_modules/a/node_modules/@s/b');
    expect(packageDirOf('/r/src/main.ts')).toBeNull();
    expect(packageDirOf('/r/node_modules/.vite/deps/x.js')).toBeNull();
  });
});

describe('licenceText', () => {
  it('lists each package once with its licence field, files, and licence text', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'licences-'));
    const pkg = (name: string, json: object, files: Record<string, string> = {}) => {
      const dir = path.join(root, 'node_modules', name);
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, version: '1.2.3', ...json }));
      for (const [f, t] of Object.entries(files)) writeFileSync(path.join(dir, f), t);
    };
    pkg('zeta', { license: 'MIT' }, { LICENSE: 'MIT text here', 'README.md': 'not a licence' });
    pkg('@s/alpha', { license: 'Apache-2.0' });
    const c = new BundledPackages();
    c.add(path.join(root, 'node_modules/zeta/index.js'), 'assets/a.js');
    c.add(path.join(root, 'node_modules/zeta/other.js'), 'assets/b.js');
    c.add(path.join(root, 'node_modules/@s/alpha/x.js'), 'sw.js');
    c.add(path.join(root, 'src/app.ts'), 'assets/a.js');
    const { text, names } = licenceText(root, c.dirs);
    expect(names).toEqual(['@s/alpha', 'zeta']);
    expect(text).toContain('zeta@1.2.3\nLicense: MIT');
    expect(text).toContain('Shipped in: assets/a.js, assets/b.js');
    expect(text).toContain('--- LICENSE ---\nMIT text here');
    expect(text).not.toContain('not a licence');
    expect(text).toContain('@s/alpha@1.2.3\nLicense: Apache-2.0');
    expect(text).toContain('(the package has no licence file; its package.json says Apache-2.0)');
  });
});
