import type { RgbaImage } from './rgbaImage';
import {
  selectiveSearchSteps, type SelectiveSearchOptions, type SelectiveSearchProgress, type SelectiveSearchResult,
} from './selectiveSearchSteps';

/** Thrown when `options.signal.aborted` is seen between steps. `name` is 'AbortError', as DOM aborts. */
export class SelectiveSearchAbortError extends Error {
  constructor() {
    super('selectiveSearch: cancelled');
    this.name = 'AbortError';
  }
}

/**
 * Object proposals by selective search (Uijlings et al., IJCV 2013), as SELECTIVE_SEARCH.md.
 * Runs synchronously; in the app call it through the proposals worker so the page never blocks.
 * @param image RGBA bytes (ImageData-like); alpha ignored. A buffer whose length is not
 *   width * height * 4 throws an error naming the bad length.
 * @returns Float32Array [4N] of `[x1, y1, x2, y2]` in image pixels (x2, y2 exclusive), best ranked
 *   first; possibly empty (e.g. 0x0 images, or images thinner than the minimum box side).
 */
export function selectiveSearch(image: RgbaImage, options: SelectiveSearchOptions = {}): Float32Array {
  return selectiveSearchDetailed(image, { ...options, detail: options.detail ?? false }).boxes;
}

/**
 * Selective search returning boxes plus working size, timings and, with `options.detail`, every
 * initial segmentation (label maps) and merge tree (for the visualiser).
 */
export function selectiveSearchDetailed(image: RgbaImage, options: SelectiveSearchOptions = {}): SelectiveSearchResult {
  return runSteps(selectiveSearchSteps(image, options), options);
}

/**
 * Drives a step generator to completion, reporting progress and honouring the abort signal between
 * steps.
 */
export function runSteps(
  steps: Generator<SelectiveSearchProgress, SelectiveSearchResult, void>,
  options: Pick<SelectiveSearchOptions, 'onProgress' | 'signal'>,
): SelectiveSearchResult {
  for (;;) {
    if (options.signal?.aborted) throw new SelectiveSearchAbortError();
    const r = steps.next();
    if (r.done) return r.value;
    options.onProgress?.(r.value);
  }
}
