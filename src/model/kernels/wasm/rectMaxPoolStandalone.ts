import { planRectMaxPool } from './planRectMaxPool';
import { rectMaxPoolWasm, rectMaxPoolWasmModule } from './rectMaxPoolWasm';

const PAGE = 65536;

/**
 * The wasm SIMD rect max pool on plain arrays (the cpu backend, tests): copies the map and rects into
 * a fresh WebAssembly.Memory sized for the call and returns the output as a view of that memory, so
 * the [R, k] result (often ~100 MB) is never copied. The view keeps the memory alive: it also holds
 * the map and the sparse tables (~15 MB at 43x57x256), freed with the result. The memory is never
 * grown after the view is taken, so the view cannot be detached.
 * @param map Float32Array [h, w, k]; @param rects Int32Array [R * 4] `[y0, y1, x0, x1)`.
 * @returns Float32Array [R, k] equal to rectPoolReference's values, or null where WebAssembly SIMD
 *   is unavailable.
 */
export function rectMaxPoolStandalone(map: ArrayLike<number>, shape: readonly [number, number, number], rects: Int32Array): Float32Array | null {
  if (!rectMaxPoolWasmModule()) return null;
  const [h, w, k] = shape;
  const r = rects.length >> 2;
  const plan = planRectMaxPool(shape, rects);
  const align = (n: number) => ((n + 63) & ~63) >>> 0;
  const mapPtr = 0, rectsPtr = align(4 * h * w * k), outPtr = align(rectsPtr + 16 * r);
  const scratchPtr = align(outPtr + 4 * r * k);
  const memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil((scratchPtr + plan.scratchBytes) / PAGE)) });
  new Float32Array(memory.buffer, mapPtr, h * w * k).set(map);
  new Int32Array(memory.buffer, rectsPtr, 4 * r).set(rects);
  const heap = { memory, malloc: () => scratchPtr, free: () => undefined };
  if (!rectMaxPoolWasm(heap, { map: mapPtr, rects: rectsPtr, out: outPtr }, shape, plan)) return null;
  return new Float32Array(memory.buffer, outPtr, r * k);
}
