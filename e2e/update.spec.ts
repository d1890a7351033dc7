/**
 * A new version is offered, never forced: when the service worker changes, a banner offers the
 * reload; the page does not reload by itself, the button waits while a set or a review runs
 * (src/pwa/busy.ts), and choosing it brings the new worker in.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { repoRoot } from './clips';

const swFile = path.resolve(repoRoot, process.env.E2E_DIST ?? 'dist', 'sw.js');

test('an update waits for the user, and not mid-set', async ({ page }) => {
  test.setTimeout(60_000);
  await page.goto('/?debug');
  const first = await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
    return reg.active!.scriptURL;
  });
  expect(first).toMatch(/\/sw\.js$/);
  await expect(page.getByTestId('update-banner')).toHaveCount(0);

  // A deploy: the same worker, one comment different. On disk (vite preview reads files per
  // request): the browser's update check for a service worker script is not routed by Playwright.
  const original = readFileSync(swFile, 'utf8');
  writeFileSync(swFile, `${original}\n// next version ${Date.now()}\n`);
  try {
    await page.evaluate(() => ((window as any).__marker = 'still this page'));
    await page.evaluate(() => (window as any).__hinge.pwa.setBusy('live-set', true));
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    await expect(page.getByTestId('update-banner')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('update-banner')).toContainText('Update available');
    // Mid-set: offered, not applied, and the button waits.
    await expect(page.getByTestId('update-reload')).toBeDisabled();
    await expect(page.getByTestId('update-wait')).toContainText('when the set ends');
    await page.waitForTimeout(1500);
    expect(await page.evaluate(() => (window as any).__marker)).toBe('still this page');
    expect(await page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())!.waiting)).toBe(true);

    // The set ends; the user chooses the reload; the new worker takes over.
    await page.evaluate(() => (window as any).__hinge.pwa.setBusy('live-set', false));
    await expect(page.getByTestId('update-reload')).toBeEnabled();
    await Promise.all([page.waitForEvent('load'), page.getByTestId('update-reload').click()]);
    expect(await page.evaluate(() => (window as any).__marker)).toBeUndefined();
    const after = await page.evaluate(async () => {
      const reg = (await navigator.serviceWorker.getRegistration())!;
      return { waiting: !!reg.waiting, controlled: !!navigator.serviceWorker.controller };
    });
    expect(after).toEqual({ waiting: false, controlled: true });
    await expect(page.getByTestId('update-banner')).toHaveCount(0);
  } finally {
    writeFileSync(swFile, original);
  }
});
