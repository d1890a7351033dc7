import { describe, expect, it } from 'vitest';
import { CSP, CSP_DIRECTIVES, DEV_SECURITY_HEADERS, SECURITY_HEADERS, headersFile, nginxSnippet } from './headers';

describe('security headers', () => {
  it('allow wasm compilation in script-src only, and no eval or inline script anywhere', () => {
    expect(CSP_DIRECTIVES['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    for (const [k, v] of Object.entries(CSP_DIRECTIVES)) {
      if (k !== 'script-src') expect(v, k).not.toContain("'wasm-unsafe-eval'");
      expect(v, k).not.toContain("'unsafe-eval'");
    }
    expect(CSP).not.toContain("'unsafe-inline'");
    expect(CSP).toContain("frame-ancestors 'none'");
    expect(CSP).toContain("default-src 'self'");
    // nothing but this origin and local blob:/data: URLs, in any directive
    expect(CSP.match(/https?:|wss?:|\*/g)).toBeNull();
  });

  it('are one policy in the _headers file and the nginx snippet', () => {
    const lines = headersFile().split('\n');
    expect(lines[0]).toBe('/*');
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) {
      expect(lines).toContain(`  ${k}: ${v}`);
      expect(nginxSnippet()).toContain(`add_header ${k} "${v}" always;`);
    }
    expect(SECURITY_HEADERS['Permissions-Policy']).toMatch(/(^|, )camera=\(self\)(,|$)/);
  });

  it('relax only inline styles, only for the dev server', () => {
    const dev = DEV_SECURITY_HEADERS['Content-Security-Policy'];
    expect(dev).toContain("style-src 'self' 'unsafe-inline'");
    expect(dev.replace(" 'unsafe-inline'", '')).toBe(CSP);
    expect(headersFile()).not.toContain('unsafe-inline');
  });
});

describe('the README', () => {
  it('documents the headers as sent', async () => {
    const { readFileSync } = await import('node:fs');
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(nginxSnippet());
  });
});
