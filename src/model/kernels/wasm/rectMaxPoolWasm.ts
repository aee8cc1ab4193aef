import type { RectMaxPoolPlan } from './planRectMaxPool';
import { RECT_MAX_POOL_WASM_BASE64 } from './rectMaxPoolWasmBinary';

/** A WebAssembly memory the kernel runs in, with an allocator for its scratch. Pointers in bytes. */
export interface WasmHeap {
  memory: WebAssembly.Memory;
  malloc(bytes: number): number;
  free(ptr: number): void;
}

/** Byte offsets, in the heap, of the kernel's tensors. */
export interface RectMaxPoolPointers {
  /** float32 [h, w, k] map. */
  map: number;
  /** int32 [R, 4] rects `[y0, y1, x0, x1)`. */
  rects: number;
  /** float32 [R, k] output, written once. */
  out: number;
}

interface KernelExports {
  copyBlock(map: number, cells: number, kb: number, bb: number, bsb: number, t: number): void;
  double(src: number, dst: number, step: number, rows: number, rowBytes: number, pitch: number): void;
  query(t: number, pitch: number, bsb: number, bb: number, rects: number, order: number, n: number, out: number, kb: number): void;
}

let compiled: WebAssembly.Module | null | undefined;
const instances = new WeakMap<WebAssembly.Memory, KernelExports>();

/**
 * The compiled kernel module, or null where WebAssembly SIMD is unavailable (callers then use the
 * plain-JS rectPoolFast). Compiled synchronously: it is < 1 KB, well under the 4 KB Chrome allows
 * for a synchronous compile on the main thread, and the tfjs kernel that needs it is synchronous.
 */
export function rectMaxPoolWasmModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  compiled = null;
  if (typeof WebAssembly === 'undefined') return null;
  const bin = atob(RECT_MAX_POOL_WASM_BASE64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  if (WebAssembly.validate(bytes)) compiled = new WebAssembly.Module(bytes);
  return compiled;
}

/**
 * The kernel instantiated on `memory` (cached per memory), or null when SIMD is unavailable or the
 * memory cannot be imported (a shared memory, as in tfjs's threaded build).
 */
export function rectMaxPoolWasmKernel(memory: WebAssembly.Memory): KernelExports | null {
  const cached = instances.get(memory);
  if (cached) return cached;
  const mod = rectMaxPoolWasmModule();
  if (!mod) return null;
  try {
    const exports = new WebAssembly.Instance(mod, { env: { memory } }).exports as unknown as KernelExports;
    instances.set(memory, exports);
    return exports;
  } catch {
    return null;
  }
}

/**
 * Max-pools every rect of an [h, w, k] map living in a wasm heap, writing [R, k] in place; equals
 * rectPoolReference's values exactly (a max is exact whichever order it is taken in).
 * Algorithm (the JS rectPoolFast's, in f32x4 SIMD): a 2-D sparse table T[a][e] = max over 2^a x 2^e
 * cells, built by doubling; a rect of height in [2^a, 2^(a+1)) and width in [2^e, 2^(e+1)) is the max
 * of the 4 overlapping squares at its corners, so each output costs 4 reads whatever the rect's size.
 * Sub-tables are visited column by column (T[0][e] from T[0][e-1] along x, then T[1..][e] along y),
 * and each one's rects are pooled as soon as it is built, so only 2 tables exist at once (5 MB at
 * 43x57x256, not 36 x 2.5 MB) and the one being read stays in cache.
 * @returns false, having written nothing, when the kernel cannot run on this heap's memory.
 */
export function rectMaxPoolWasm(heap: WasmHeap, ptr: RectMaxPoolPointers, shape: readonly [number, number, number], plan: RectMaxPoolPlan): boolean {
  const kernel = rectMaxPoolWasmKernel(heap.memory);
  if (!kernel) return false;
  const n = plan.order.length;
  if (n === 0) return true;
  const [h, w, k] = shape;
  const { ly, lx, bs, start, maxA } = plan;
  const cells = h * w, bsb = 4 * bs, pitch = w * bsb, planeBytes = ((cells * bsb + 63) & ~63) >>> 0;
  const scratch = heap.malloc(plan.scratchBytes);
  try {
    // Views are taken after malloc: growing the memory detaches the old buffer. `>>> 0` keeps
    // offsets above 2 GB positive after the bit masks.
    const orderPtr = ((scratch + 15) & ~15) >>> 0;
    new Int32Array(heap.memory.buffer, orderPtr, n).set(plan.order);
    const row0 = ((orderPtr + 4 * n + 63) & ~63) >>> 0, col = row0 + planeBytes;
    for (let c0 = 0; c0 < k; c0 += bs) {
      const bb = 4 * Math.min(bs, k - c0);
      const query = (a: number, e: number, t: number) => {
        const g = e * ly + a, count = start[g + 1] - start[g];
        if (count > 0) kernel.query(t, pitch, bsb, bb, ptr.rects, orderPtr + 4 * start[g], count, ptr.out + 4 * c0, 4 * k);
      };
      // Doubling runs in place (each cell is overwritten only after it and the cell one step ahead
      // were read), so two tables suffice: T[0][e], grown along x, and T[a][e] for a >= 1, along y.
      kernel.copyBlock(ptr.map + 4 * c0, cells, 4 * k, bb, bsb, row0);
      for (let e = 0; e < lx; e++) {
        const cols = w - (1 << e) + 1;
        if (e > 0) kernel.double(row0, row0, (1 << (e - 1)) * bsb, h, cols * bsb, pitch);
        query(0, e, row0);
        for (let a = 1; a <= maxA[e]; a++) {
          kernel.double(a === 1 ? row0 : col, col, (1 << (a - 1)) * pitch, h - (1 << a) + 1, cols * bsb, pitch);
          query(a, e, col);
        }
      }
    }
  } finally {
    heap.free(scratch);
  }
  return true;
}
