/**
 * The one security policy, sent as response headers by `vite preview` and the dev server
 * (vite.config.ts), written into dist/_headers for static hosts, and put back on every
 * response the service worker serves from its caches (src/pwa/sw.ts), so an offline load
 * is as locked down as an online one. Plain data: Node (the config) and the worker both import it.
 */

/**
 * - script-src: our own files only; 'wasm-unsafe-eval' lets MediaPipe and ffmpeg.wasm compile
 *   their WebAssembly, and nothing else (no 'unsafe-eval', no inline script).
 * - style-src 'self': component CSS is extracted to files, and Svelte sets dynamic styles
 *   through the CSSOM (`el.style.cssText`), which the policy does not restrict.
 * - connect-src/img-src/media-src: our origin, and blob:/data: URLs made in this page.
 * - worker-src 'self': the pose and ffmpeg workers are files from here.
 * - frame-ancestors 'none': nobody may frame the camera page.
 */
export const CSP_DIRECTIVES: Record<string, string[]> = {
  'default-src': ["'self'"],
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'blob:', 'data:'],
  'media-src': ["'self'", 'blob:', 'mediastream:'],
  'connect-src': ["'self'", 'blob:', 'data:'],
  'worker-src': ["'self'"],
  'manifest-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-src': ["'none'"],
  'frame-ancestors': ["'none'"],
};

export const CSP = Object.entries(CSP_DIRECTIVES)
  .map(([k, v]) => `${k} ${v.join(' ')}`)
  .join('; ');

/** Every response, page, worker script, wasm or model, carries these. */
export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  // The camera for this origin only; nothing else this app does not use.
  'Permissions-Policy': 'camera=(self), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=()',
};

/**
 * The dev server only: Vite's client injects each module's CSS as a `<style>` element (and
 * swaps it on hot reload), so there styles may be inline. Never sent by a build.
 */
export const DEV_SECURITY_HEADERS: Record<string, string> = {
  ...SECURITY_HEADERS,
  'Content-Security-Policy': CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"),
};

/** The `_headers` file of Netlify / Cloudflare Pages: every path gets the headers. */
export function headersFile(): string {
  return ['/*', ...Object.entries(SECURITY_HEADERS).map(([k, v]) => `  ${k}: ${v}`), ''].join('\n');
}

/** nginx `add_header` lines for the README (always: also on error responses). */
export function nginxSnippet(): string {
  return Object.entries(SECURITY_HEADERS)
    .map(([k, v]) => `add_header ${k} "${v}" always;`)
    .join('\n');
}
