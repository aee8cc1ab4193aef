import { test, expect } from '@playwright/test';
import { openSelfTest } from './helpers';

test('the self-test page picks a backend, says which, and its tiny SPP matches the reference', async ({ page }) => {
  await openSelfTest(page);
  const state = await page.evaluate(() => ({ backend: window.__SPPNET__.backend, test: window.__SPPNET__.selfTest, error: window.__SPPNET__.error }));
  expect(state.error).toBeUndefined();
  expect(['webgpu', 'webgl', 'wasm', 'cpu']).toContain(state.backend?.name);
  await expect(page.getByTestId('backend-name')).toHaveText(state.backend!.name);
  expect(state.test?.outShape).toEqual([3, 200]);
  expect(state.test?.maxAbsError).toBe(0);
  await expect(page.getByTestId('selftest')).toContainText('matches the reference exactly');
  // Headless Chromium here has only SwiftShader (WebGPU and WebGL): the automatic order passes over both and says so.
  const adapter = await page.evaluate(() => window.__SPPNET__.lib.webgpuAdapterInfo());
  if (adapter?.software) {
    expect(state.backend?.name).not.toBe('webgpu');
    await expect(page.getByRole('list', { name: 'Backends passed over' })).toContainText('webgpu: software adapter');
  }
  const gl = await page.evaluate(() => window.__SPPNET__.lib.webglRendererInfo());
  if (gl?.software) {
    expect(state.backend?.name).not.toBe('webgl');
    await expect(page.getByRole('list', { name: 'Backends passed over' })).toContainText('webgl: software renderer');
  }
  await page.screenshot({ path: 'test-results/selftest-page.png', fullPage: true });
});

test('a backend picked in the URL is used and shown on the self-test page', async ({ page }) => {
  await openSelfTest(page, 'wasm');
  await expect(page.getByTestId('backend-name')).toHaveText('wasm');
  await expect(page.getByRole('combobox', { name: 'Backend' })).toHaveValue('wasm');
});
