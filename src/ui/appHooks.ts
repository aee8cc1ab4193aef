import type { BackendChoice } from '../model/selectBackend';
import type { DetectionTrace } from '../pipeline/detectionTrace';
import type { DetectResult } from '../pipeline/detectorProtocol';
import type { SelfTestResult } from '../pipeline/sppSelfTest';
import type { SppNetTestApi } from '../pipeline/testApi';

/**
 * What the demo page (index.html) exposes at window.__SPPNET__ for end-to-end tests and the app
 * benchmark. (selftest.html exposes SppNetTestApi instead: tf, lib, loadBackend.)
 */
export interface AppHooks {
  /** The last completed run's trace, timings of decode and proposals included. */
  lastTrace?: DetectionTrace;
  lastResult?: Omit<DetectResult, 'trace'> & { imageName: string; totalMs: number; proposalsMs: number; decodeMs: number };
  /** Completed detection runs since the page opened. */
  runs?: number;
  /** 'starting' | 'ready' | 'error': the detector worker's state. */
  engine?: string;
  backend?: BackendChoice;
  /** Backend changes after a failure, in order ('webgpu: device lost (...) → wasm'). */
  fallbacks?: string[];
  /** Pipeline phase: idle, decoding, proposals, detecting, done, error. */
  phase?: string;
  /** Message shown for a bad input, if any. */
  inputError?: string | null;
  /** Per-image evaluation of a generated scene: objects found with the right class at IoU >= 0.5, and AP. */
  lastEval?: { found: number; total: number; mAP: number; perObject: Array<{ classId: number; found: boolean }> };
  lastRcnn?: { windows: number; msPerWindow: number; sppMs: number; estimatedRcnnMs: number; speedup: number; backend: string };
  /** Tensors and bytes held by the detector worker's tfjs. */
  memory?: () => Promise<{ numTensors: number; numBytes: number }>;
  /** Runs the SPP self-test in the worker, on its backend. */
  workerSelfTest?: () => Promise<SelfTestResult>;
  /** RGBA of the current image at (x, y), as the pipeline received it (after EXIF rotation, compositing, downscaling). */
  imagePixel?: (x: number, y: number) => [number, number, number, number] | null;
  /**
   * The visualiser's state: the inspected window and its pyramid, and what is highlighted (pooled
   * indices [start, end), and for one value its channel, value and arg-max conv5 cell [x, y]).
   */
  viz?: {
    window?: number;
    s?: number;
    cells?: [number, number, number, number];
    levels?: number[];
    rule?: string;
    k?: number;
    bins?: number;
    vectorLength?: number;
    trained?: boolean;
    /** conv5 value at (x, y, c) of the inspected window's map (for checking an arg-max). */
    conv5At?: (x: number, y: number, c: number) => number;
    highlight?: { rect: number; level: number; indices: [number, number]; value?: { index: number; channel: number; value: number; cell: [number, number] } } | null;
    channelShown?: number;
  };
  /** Destroys the worker's real WebGPU device (fault injection for the fallback test). */
  loseDevice?: () => void;
}

declare global {
  interface Window { __SPPNET__: SppNetTestApi & AppHooks }
}

/** window.__SPPNET__ on the demo page (created once). */
export function appHooks(): AppHooks {
  window.__SPPNET__ ??= {} as SppNetTestApi & AppHooks;
  return window.__SPPNET__;
}
