import type { WasmHeap } from './rectMaxPoolWasm';

/** The parts of tfjs-backend-wasm's Emscripten module we use (not in its public typings). */
interface EmscriptenModule {
  /** The instance's exports; `memory` is the heap in the single-threaded builds. */
  asm?: { memory?: unknown };
  /** The heap in the threaded build (a shared memory, which our non-shared import refuses). */
  wasmMemory?: unknown;
  _malloc?(bytes: number): number;
  _free?(ptr: number): void;
}

/**
 * The tfjs wasm backend's heap as a {@link WasmHeap}, so our kernel instance can import that memory
 * and read/write tensors in place (instances on one thread may share a non-shared memory); scratch
 * is taken from tfjs's own allocator and given back after the call. Null for any other backend.
 * @param backend `tf.backend()` or a kernel's `backend` argument.
 */
export function tfjsWasmHeap(backend: unknown): WasmHeap | null {
  const wasm = (backend as { wasm?: EmscriptenModule } | null)?.wasm;
  if (!wasm || typeof wasm._malloc !== 'function' || typeof wasm._free !== 'function') return null;
  const memory = wasm.asm?.memory ?? wasm.wasmMemory;
  if (!(memory instanceof WebAssembly.Memory)) return null;
  const { _malloc: malloc, _free: free } = wasm;
  // `>>> 0`: Emscripten's malloc returns a signed int32, negative above 2 GB (as tfjs does).
  return { memory, malloc: (bytes) => malloc(bytes) >>> 0, free: (ptr) => free(ptr) };
}
