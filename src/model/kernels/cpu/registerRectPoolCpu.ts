import { getKernel, registerKernel, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import { rectPoolReference } from '../../../spp/sppReference';
import { RECT_POOL, type RectPoolAttrs } from '../rectPoolKernel';
import { planRectMaxPool } from '../wasm/planRectMaxPool';
import { rectMaxPoolStandalone } from '../wasm/rectMaxPoolStandalone';
import { rectMaxPoolWasm, rectMaxPoolWasmKernel } from '../wasm/rectMaxPoolWasm';
import { tfjsWasmHeap } from '../wasm/tfjsWasmHeap';
import { rectPoolFast } from './rectPoolFast';

interface ArrayBackend {
  readSync(dataId: object): ArrayLike<number>;
  /** cpu backend */
  makeTensorInfo?(shape: number[], dtype: 'float32' | 'int32', values: Float32Array | Int32Array): TensorInfo;
  /** wasm backend */
  makeOutput?(shape: number[], dtype: 'float32' | 'int32', memoryOffset?: number, values?: Float32Array | Int32Array): TensorInfo;
  /** wasm backend: a view of the tensor's memory in the wasm heap (no copy) */
  typedArrayFromHeap?(t: TensorInfo): Float32Array | Int32Array;
  /** wasm backend: the tensor's byte offset in the wasm heap */
  getMemoryOffset?(dataId: object): number;
}

function output(b: ArrayBackend, shape: number[], dtype: 'float32' | 'int32', values: Float32Array | Int32Array): TensorInfo {
  if (b.makeTensorInfo) return b.makeTensorInfo(shape, dtype, values);
  if (b.makeOutput) return b.makeOutput(shape, dtype, undefined, values);
  throw new Error('SppRectPool: backend can create no output tensor');
}

/**
 * The cpu/wasm kernel: read the map once, pool on typed arrays, write one tensor. Max pooling runs
 * the WebAssembly SIMD sparse table (kernels/wasm): on the wasm backend in place in tfjs's heap,
 * on the cpu backend in a memory of its own; where SIMD is unavailable, the JS rectPoolFast.
 */
const rectPoolCpu: KernelFunc = ({ inputs, backend, attrs }) => {
  const { x, rects } = inputs as { x: TensorInfo; rects: TensorInfo };
  const { mode } = attrs as unknown as RectPoolAttrs;
  const b = backend as unknown as ArrayBackend;
  const shape = x.shape as [number, number, number];
  // wasm: read the map and write the result in place in the wasm heap (the output can be 100 MB).
  const map = b.typedArrayFromHeap ? b.typedArrayFromHeap(x) : b.readSync(x.dataId);
  const r = Int32Array.from(b.typedArrayFromHeap ? b.typedArrayFromHeap(rects) : b.readSync(rects.dataId));
  const outShape = [rects.shape[0], shape[2]];
  if (mode === 'argmax') {
    const { argmax } = rectPoolReference(Float32Array.from(map), shape, r, 'max');
    return output(b, outShape, 'int32', argmax);
  }
  if (mode === 'max') {
    const heap = tfjsWasmHeap(backend);
    if (heap && b.makeOutput && b.getMemoryOffset && rectMaxPoolWasmKernel(heap.memory)) {
      const plan = planRectMaxPool(shape, r);
      const out = b.makeOutput(outShape, 'float32');
      const at = (t: TensorInfo) => b.getMemoryOffset!(t.dataId);
      rectMaxPoolWasm(heap, { map: at(x), rects: at(rects), out: at(out) }, shape, plan);
      return out;
    }
    // cpu backend, or a heap the kernel cannot import (tfjs's threaded build): run on our own memory.
    const values = rectMaxPoolStandalone(map, shape, r);
    if (values) return output(b, outShape, 'float32', values);
  }
  if (b.makeOutput && b.typedArrayFromHeap) {
    const out = b.makeOutput(outShape, 'float32');
    // The heap may have grown while allocating `out`: take fresh views after makeOutput.
    rectPoolFast(b.typedArrayFromHeap(x), shape, r, mode, b.typedArrayFromHeap(out) as Float32Array);
    return out;
  }
  return output(b, outShape, 'float32', rectPoolFast(map, shape, r, mode));
};

/** Registers the kernel for the cpu and wasm backends (idempotent). */
export function registerRectPoolCpu(): void {
  for (const backendName of ['cpu', 'wasm']) {
    const config: KernelConfig = { kernelName: RECT_POOL, backendName, kernelFunc: rectPoolCpu };
    if (!getKernel(RECT_POOL, backendName)) registerKernel(config);
  }
}
