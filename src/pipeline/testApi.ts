import * as tf from '@tensorflow/tfjs-core';
import * as lib from '../index';
import { loadBackend } from '../model/browser/loadBackend';
import type { BackendChoice } from '../model/selectBackend';
import type { SelfTestResult } from './sppSelfTest';

/** What the page exposes at window.__SPPNET__ for end-to-end tests and benchmarks. */
export interface SppNetTestApi {
  tf: typeof tf;
  lib: typeof lib;
  loadBackend: typeof loadBackend;
  /** Registers tfjs gradients (a separate chunk: the app itself never trains). */
  loadGradients: () => Promise<unknown>;
  backend?: BackendChoice;
  selfTest?: SelfTestResult;
  error?: string;
  lastTrace?: import("./detectionTrace").DetectionTrace;
}

/** Builds the test API object (the ui layer installs it on window). */
export function createTestApi(): SppNetTestApi {
  return { tf, lib, loadBackend, loadGradients: () => import('@tensorflow/tfjs-core/dist/register_all_gradients') };
}
