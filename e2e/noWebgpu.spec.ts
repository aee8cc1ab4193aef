import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import { openDemo, snapshot } from './helpers';

// A browser without WebGPU (no --enable-unsafe-webgpu, the feature switched off): asking for webgpu
// falls back to another backend, and the page says why. (A file of its own: launch options force a new worker.)
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
test.use({
  launchOptions: {
    executablePath: fs.existsSync(chromium) ? chromium : undefined,
    args: ['--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-features=WebGPU'],
  },
});

test('WebGPU unavailable: asking for webgpu falls back to another backend, shown on screen', async ({ page }) => {
  const errors = await openDemo(page, { backend: 'webgpu', hash: '#src=scene:3000001' });
  const s = await snapshot(page);
  expect(s.backend).not.toBe('webgpu');
  await expect(page.getByTestId('backend-name')).toHaveText(s.backend!);
  await expect(page.getByText('(you asked for webgpu; it fell back)')).toBeVisible();
  await page.getByText(/Passed over/).click();
  await expect(page.getByRole('list', { name: 'Backends passed over' })).toContainText('webgpu: not available in this browser');
  expect(errors).toEqual([]);
});
