// Test helper: bring up a tfjs backend in Node (cpu, or wasm with files from node_modules).
import * as tf from '@tensorflow/tfjs-core';
// The union package's Node bundle registers every gradient and the cpu backend in tfjs-core; the
// deep ESM import of register_all_gradients does not resolve under plain Node.
import '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
let wasmPathsSet = false;

/** Backends that run in Node here. */
export const NODE_BACKENDS = ['cpu', 'wasm'] as const;

/** Switches tfjs to `name`, loading the wasm binaries from node_modules (no network). */
export async function useBackend(name: (typeof NODE_BACKENDS)[number]): Promise<void> {
  if (name === 'wasm' && !wasmPathsSet) {
    const dist = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
    setWasmPaths(dist + path.sep);
    wasmPathsSet = true;
  }
  if (!(await tf.setBackend(name))) throw new Error(`tfjs backend ${name} failed to initialise`);
  await tf.ready();
}
