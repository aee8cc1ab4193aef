import { createTestApi, type SppNetTestApi } from '../pipeline/testApi';
import type {} from './appHooks'; // declares window.__SPPNET__

/** Installs window.__SPPNET__ (idempotent) for end-to-end tests, and returns it. */
export function installTestHooks(): SppNetTestApi {
  window.__SPPNET__ ??= createTestApi() as Window['__SPPNET__'];
  return window.__SPPNET__;
}
