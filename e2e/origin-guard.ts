/**
 * Records every request the page (and its workers) makes and blocks any that
 * would leave the app's origin, so a test can fail on it.
 */
import type { BrowserContext } from '@playwright/test';

export async function guardOrigin(context: BrowserContext, origin: string): Promise<string[]> {
  const offending: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    offending.push(url);
    return route.abort('blockedbyclient');
  });
  context.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:') && !offending.includes(url)) offending.push(url);
  });
  return offending;
}
