import { createTestApi, type SppNetTestApi } from '../pipeline/testApi';

declare global {
  interface Window { __SPPNET__: SppNetTestApi }
}

/** Installs window.__SPPNET__ (idempotent) for end-to-end tests, and returns it. */
export function installTestHooks(): SppNetTestApi {
  window.__SPPNET__ ??= createTestApi();
  return window.__SPPNET__;
}
