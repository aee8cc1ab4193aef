import type { DetectionTrace } from '../pipeline/detectionTrace';
import type { FeatureMapLayer } from '../pipeline/featureMaps';
import { type BinRule, windowPyramid, type WindowPyramid } from '../spp';
import { scaleFactor } from '../geometry/scaleBox';

/** Which window to inspect: an index into `trace.windows`, or -1 for the whole image (full-image classification). */
export type WindowChoice = number;

/** Everything the pyramid views draw for one window, computed once per selection (plain data). */
export interface WindowInspection {
  /** Index into trace.windows, or -1 for the whole image. */
  window: WindowChoice;
  /** The window in image pixels [x1, y1, x2, y2]. */
  box: [number, number, number, number];
  /** The scale s whose conv5 map pools it, and the image→scale factor f = s / min(w, h). */
  s: number;
  f: number;
  stride: number;
  /** conv5 [h, w] and channels k at that scale. */
  mapSize: [number, number];
  k: number;
  pyramid: WindowPyramid;
  /** [R, k] pooled values in vector order (R = bins of the pyramid; 50 for {6,3,2,1}). */
  values: Float32Array;
  /** [R, k] flat conv5 index (y * w + x) * k + c of the cell each value came from. */
  argmax: Int32Array;
  /** Largest pooled value (colour scale top). */
  max: number;
  /** True when levels and rule are the model's, so this vector is what fc6 was trained on. */
  trained: boolean;
  /** Per channel: largest value inside the window (for "most active channels"). */
  channelMax: Float32Array;
}

/** Options of {@link inspectWindow}. */
export interface InspectWindowOptions {
  /** Pyramid levels. @default trace.levels */
  levels?: readonly number[];
  /** Bin rule. @default 'adaptive' (what the model uses) */
  rule?: BinRule;
  /**
   * Inspect an a×b-cell window at the top-left of the whole image's conv5 map instead of `window`
   * (clamped to the map), to try any size (PAPER.md's table of sliding-rule defects).
   */
  cellSize?: readonly [number, number] | null;
}

/**
 * Lays out and pools one window's pyramid from the conv5 map it was pooled from, with the reference
 * pooling (spp/sppReference.ts), keeping each value's arg-max cell for the linked views. With the
 * model's levels and the adaptive rule the values are the model's own pooled vector.
 * @param conv5 the conv5 layer at the window's scale (featureMaps()).
 */
export function inspectWindow(trace: DetectionTrace, conv5: FeatureMapLayer, window: WindowChoice, options: InspectWindowOptions = {}): WindowInspection {
  const levels = options.levels ?? trace.levels;
  const rule = options.rule ?? 'adaptive';
  const [h, w, k] = conv5.shape;
  let box: [number, number, number, number];
  let cells: [number, number, number, number];
  let s: number;
  if (options.cellSize) {
    s = trace.scales[0].s;
    const a = Math.min(w, Math.max(1, Math.round(options.cellSize[0]))), b = Math.min(h, Math.max(1, Math.round(options.cellSize[1])));
    cells = [0, 0, a - 1, b - 1];
    // Back-projected: cells [0, a) x [0, b) cover pixels [0, a*S) x [0, b*S) at scale s.
    const k = conv5.stride / scaleFactor(trace.imageSize, s);
    box = [0, 0, Math.min(trace.imageSize[0], a * k), Math.min(trace.imageSize[1], b * k)];
  } else if (window === -1) {
    box = [0, 0, trace.imageSize[0], trace.imageSize[1]];
    s = trace.scales[0].s;
    cells = [0, 0, w - 1, h - 1];
  } else {
    const tw = trace.windows[window];
    if (!tw) throw new Error(`inspectWindow: no window ${window} (the trace has ${trace.windows.length})`);
    box = tw.box;
    s = tw.scale;
    cells = tw.cells;
  }
  const info = trace.scales.find((x) => x.s === s);
  if (!info || info.conv5Size[0] !== h || info.conv5Size[1] !== w) {
    throw new Error(`inspectWindow: the feature map [${h}, ${w}] is not the conv5 map of scale ${s} (${info ? info.conv5Size.join('×') : 'not in the trace'})`);
  }
  const pyramid = windowPyramid(cells, levels, rule);
  const { values, argmax } = poolRects(conv5.data, conv5.shape, pyramid.rects);
  let max = 0;
  for (let i = 0; i < values.length; i++) if (values[i] > max) max = values[i];
  // Per-channel maxima over the whole window: the adaptive 1x1 bin when the pyramid has one, else pooled.
  const one = rule === 'adaptive' ? levels.indexOf(1) : -1;
  const channelMax = one >= 0
    ? values.slice(pyramid.levelStart[one] * k, (pyramid.levelStart[one] + 1) * k)
    : poolRects(conv5.data, conv5.shape, Int32Array.of(cells[1], cells[3] + 1, cells[0], cells[2] + 1)).values;
  const trained = rule === 'adaptive' && levels.length === trace.levels.length && levels.every((n, i) => n === trace.levels[i]);
  return { window, box, s, f: scaleFactor(trace.imageSize, s), stride: conv5.stride, mapSize: [h, w], k, pyramid, values, argmax, max, trained, channelMax };
}

/**
 * Max pooling of rectangles `[y0, y1, x0, x1)` of an [h, w, k] map with arg-max, equal to
 * spp/sppReference.ts's rectPoolReference (first maximum in raster order) but walking each cell's k
 * channels contiguously, so a 43×57×256 whole-image pyramid pools in a few ms on the main thread.
 */
export function poolRects(map: Float32Array, shape: readonly [number, number, number], rects: Int32Array): { values: Float32Array; argmax: Int32Array } {
  const [, w, k] = shape;
  const r = rects.length >> 2;
  const values = new Float32Array(r * k).fill(-Infinity);
  const argmax = new Int32Array(r * k).fill(-1);
  for (let i = 0; i < r; i++) {
    const y0 = rects[4 * i], y1 = rects[4 * i + 1], x0 = rects[4 * i + 2], x1 = rects[4 * i + 3];
    const o = i * k;
    for (let y = y0; y < y1; y++) {
      for (let x = x0; x < x1; x++) {
        const base = (y * w + x) * k;
        for (let c = 0; c < k; c++) {
          const v = map[base + c];
          if (v > values[o + c]) { values[o + c] = v; argmax[o + c] = base + c; }
        }
      }
    }
  }
  return { values, argmax };
}

/** Pooled-vector indices `[start, end)` of bin `rect` (index into pyramid.rects): its k channel values. */
export function binIndexRange(insp: WindowInspection, rect: number): [number, number] {
  return [rect * insp.k, (rect + 1) * insp.k];
}

/** Where pooled value `index` came from: its bin, level, channel, and the conv5 cell [x, y] that won the max. */
export function valueSource(insp: WindowInspection, index: number): { rect: number; level: number; channel: number; cell: [number, number]; value: number } {
  if (!(index >= 0 && index < insp.values.length)) throw new Error(`valueSource: index ${index} outside [0, ${insp.values.length})`);
  const rect = Math.floor(index / insp.k);
  const channel = index - rect * insp.k;
  const flat = Math.floor(insp.argmax[index] / insp.k);
  return { rect, level: insp.pyramid.rectLevel[rect], channel, cell: [flat % insp.mapSize[1], Math.floor(flat / insp.mapSize[1])], value: insp.values[index] };
}

/** The `count` channels with the largest values inside the window, largest first. */
export function topChannels(insp: WindowInspection, count: number): number[] {
  return Array.from(insp.channelMax.keys()).sort((a, b) => insp.channelMax[b] - insp.channelMax[a] || a - b).slice(0, count);
}
