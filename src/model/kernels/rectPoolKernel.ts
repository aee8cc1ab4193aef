import type { NamedAttrMap } from '@tensorflow/tfjs-core';

/**
 * The batched SPP kernel: pool every rectangle of `rects` over all channels of `x`, in one dispatch.
 * Inputs: x float32 [h, w, k]; rects int32 [R, 4] of `[y0, y1, x0, x1)` (spp/windowRects.ts).
 * Output: float32 [R, k] (mode 'max' | 'avg'), or int32 [R, k] arg-max flat indices
 * (y * w + x) * k + c (mode 'argmax', used by the gradient).
 * One kernel per backend: kernels/cpu (cpu, wasm), kernels/webgpu (WGSL), kernels/webgl (GLSL).
 */
export const RECT_POOL = 'SppRectPool';

export type RectPoolKernelMode = 'max' | 'avg' | 'argmax';

export interface RectPoolAttrs extends NamedAttrMap {
  mode: RectPoolKernelMode;
}

/** Upper bound on cell loops in GPU shaders (a map side never exceeds it after the input cap). */
export const MAX_MAP_SIDE = 1024;
