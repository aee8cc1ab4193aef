// Node-side tfjs setup for training and evaluation: the wasm backend with its binaries from
// node_modules (tfjs-node cannot be installed here; PLATFORM.md).
import * as tf from '@tensorflow/tfjs-core';
// The union package's Node bundle registers every gradient and the cpu backend.
import '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** Switches tfjs to wasm (default) or cpu in Node, loading wasm files from node_modules. */
export async function initNodeBackend(name: 'wasm' | 'cpu' = 'wasm'): Promise<void> {
  if (name === 'wasm') {
    const dist = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
    setWasmPaths(dist + path.sep);
  }
  if (!(await tf.setBackend(name))) throw new Error(`tfjs backend ${name} failed to initialise`);
  await tf.ready();
}
