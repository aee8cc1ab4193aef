import { expect, type Page } from '@playwright/test';

/**
 * Opens the main-thread kernel self-test page (selftest.html; optionally forcing a backend) and waits
 * until it has chosen a backend and self-tested. window.__SPPNET__.tf/lib exist on this page.
 */
export async function openSelfTest(page: Page, backend?: string): Promise<void> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(backend ? `/selftest.html?backend=${backend}` : '/selftest.html');
  await page.waitForFunction(() => window.__SPPNET__?.selfTest !== undefined || window.__SPPNET__?.error !== undefined, null, { timeout: 150_000 });
  expect(errors, 'uncaught page errors').toEqual([]);
}

/** What a finished run of the demo left in window.__SPPNET__ (the parts the tests read). */
export interface RunSnapshot {
  runs: number;
  phase: string;
  inputError: string | null;
  imageName?: string;
  backend?: string;
}

/**
 * Opens the demo (index.html) with an optional URL hash and `?backend=`, and waits until its first
 * run finished (or failed). Collects uncaught page errors into the returned array.
 */
export async function openDemo(page: Page, options: { hash?: string; backend?: string; waitForRun?: boolean } = {}): Promise<string[]> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const q = options.backend ? `?backend=${options.backend}` : '';
  await page.goto(`/${q}${options.hash ?? ''}`);
  if (options.waitForRun !== false) await waitForRuns(page, 1);
  return errors;
}

/** Waits until at least `n` runs completed; fails fast on a run error. */
export async function waitForRuns(page: Page, n: number, timeout = 150_000): Promise<void> {
  await page.waitForFunction((k) => (window.__SPPNET__?.runs ?? 0) >= k || window.__SPPNET__?.phase === 'error' || window.__SPPNET__?.engine === 'error', n, { timeout });
  const s = await page.evaluate(() => ({ phase: window.__SPPNET__.phase, engine: window.__SPPNET__.engine, err: document.querySelector('[role=alert]')?.textContent }));
  expect(s.phase, `run failed: ${s.err}`).not.toBe('error');
  expect(s.engine, `engine failed: ${s.err}`).not.toBe('error');
}

/** Drops a file on the page the way a person does (a real drop event carrying a File). */
export async function dropFile(page: Page, bytes: Buffer, name: string, type: string): Promise<void> {
  await page.evaluate(async ({ b64, name, type }) => {
    const bin = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([bin], name, { type }));
    document.body.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, { b64: bytes.toString('base64'), name, type });
}

/** The demo's state for a test's assertions. */
export async function snapshot(page: Page): Promise<RunSnapshot> {
  return page.evaluate(() => {
    const h = window.__SPPNET__;
    return { runs: h.runs ?? 0, phase: h.phase ?? '', inputError: h.inputError ?? null, imageName: h.lastResult?.imageName, backend: h.backend?.name };
  });
}
