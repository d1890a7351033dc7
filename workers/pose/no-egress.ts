/**
 * tasks-vision posts usage metrics to a Google endpoint from inside the
 * worker. Nothing may leave the device, so any fetch off this origin is
 * refused here, before the network is touched.
 */
export function isSameOrigin(url: string, base: string): boolean {
  try {
    const u = new URL(url, base);
    // blob: and data: URLs are made in this page; they carry nothing out.
    if (u.protocol === 'blob:' || u.protocol === 'data:') return true;
    return u.origin === new URL(base).origin;
  } catch {
    return false;
  }
}

export function blockCrossOriginFetch(scope: { fetch: typeof fetch; location: { origin: string; href: string } }): void {
  const realFetch = scope.fetch.bind(scope);
  scope.fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!isSameOrigin(url, scope.location.href)) {
      return Promise.reject(new TypeError(`blocked ${url}: requests may not leave ${scope.location.origin}`));
    }
    return realFetch(input, init);
  }) as typeof fetch;
}
