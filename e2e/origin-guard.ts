/**
 * Records every request the page, its workers and its service worker make, and blocks any that
 * would leave the app's origin, so a test can fail on it. Requests a service worker makes to the
 * network reach the context's routes and 'request' events too (`request.serviceWorker()` set);
 * a request the service worker answers from its cache never reaches the network, so it is not
 * routed, though the page's 'request' event still fires for it.
 *
 * `block: false` only records: for a test that must see the app's own defences (CSP, the
 * workers' fetch guard) stop a request, not Playwright's route.
 */
import type { BrowserContext } from '@playwright/test';

export async function guardOrigin(context: BrowserContext, origin: string, opts: { block?: boolean } = {}): Promise<string[]> {
  const offending: string[] = [];
  // By origin, not prefix: http://127.0.0.1:41810 is not http://127.0.0.1:4181.
  const ours = (url: string) => url.startsWith('data:') || url.startsWith('blob:') || new URL(url).origin === origin;
  if (opts.block ?? true) {
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (ours(url)) return route.continue();
      offending.push(url);
      return route.abort('blockedbyclient');
    });
  }
  context.on('request', (req) => {
    const url = req.url();
    if (!ours(url) && !offending.includes(url)) offending.push(url);
  });
  return offending;
}
