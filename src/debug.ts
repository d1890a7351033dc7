/**
 * With `?debug` in the URL, live state is reachable from the console (and
 * from the e2e tests) as `window.__hinge`. Read-only use; off by default.
 */
export function exposeForDebug(name: string, value: unknown): void {
  if (typeof window === 'undefined' || !new URLSearchParams(window.location.search).has('debug')) return;
  const w = window as unknown as { __hinge?: Record<string, unknown> };
  (w.__hinge ??= {})[name] = value;
}
