// Browser-only (Vite ?url imports): not exported from model/index.ts, so Node code never loads it.
import * as tf from '@tensorflow/tfjs-core';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { BackendName } from '../selectBackend';


/**
 * Loads a backend's code on demand (each is its own chunk, so the page starts without all four)
 * and reports whether tfjs now knows it.
 */
export async function loadBackend(name: BackendName): Promise<boolean> {
  if (tf.findBackendFactory(name)) return true;
  if (name === 'webgpu') await import('@tensorflow/tfjs-backend-webgpu');
  else if (name === 'webgl') await import('@tensorflow/tfjs-backend-webgl');
  else if (name === 'wasm') {
    // The wasm binaries are served by the app itself (Vite copies them): nothing comes from a CDN.
    const { setWasmPaths } = await import('@tensorflow/tfjs-backend-wasm');
    // The threaded build's worker breaks once bundled ("e is not defined" in its blob worker), so
    // run single-threaded SIMD: on 2-core machines threads gain little.
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    setWasmPaths({
      'tfjs-backend-wasm.wasm': wasmPlain,
      'tfjs-backend-wasm-simd.wasm': wasmSimd,
      'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
    });
  }
  else await import('@tensorflow/tfjs-backend-cpu');
  return tf.findBackendFactory(name) !== null && tf.findBackendFactory(name) !== undefined;
}
