import { expect, type Page } from '@playwright/test';

/** Opens the app (optionally forcing a backend) and waits until it has chosen one and self-tested. */
export async function openApp(page: Page, backend?: string): Promise<void> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(backend ? `/?backend=${backend}` : '/');
  await page.waitForFunction(() => window.__SPPNET__?.selfTest !== undefined || window.__SPPNET__?.error !== undefined, null, { timeout: 150_000 });
  expect(errors, 'uncaught page errors').toEqual([]);
}
