import { describe, expect, it } from 'vitest';
import { CSP, CSP_DIRECTIVES, SECURITY_HEADERS, headersFile, nginxSnippet } from './headers';

describe('security headers', () => {
  it('allow wasm compilation in script-src only, and no eval or inline script anywhere', () => {
    expect(CSP_DIRECTIVES['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    for (const [k, v] of Object.entries(CSP_DIRECTIVES)) {
      if (k !== 'script-src') expect(v, k).not.toContain("'wasm-unsafe-eval'");
      expect(v, k).not.toContain("'unsafe-eval'");
    }
    expect(CSP).not.toMatch(/script-src[^;]*'unsafe-inline'/);
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
});
