import type { WindowInspection } from './windowInspection';
import { binIndexRange, valueSource } from './windowInspection';

/**
 * What the person points at, shared by the linked views: a bin (rect index into the window's
 * pyramid, WindowPyramid.rects order) and, when a single pooled value is hovered, its index in the
 * pooled vector. `null` = nothing.
 */
export type Highlight = null | { rect: number; index?: number };

/** What a highlight means in every view: the pooled indices lit, the bin, and the arg-max cell of one value. */
export interface ResolvedHighlight {
  rect: number;
  level: number;
  /** Pooled-vector indices `[start, end)` lit (the bin's k values, or the one value). */
  indices: [number, number];
  /** For a single value: its channel, value and the conv5 cell [x, y] whose max it passed on. */
  value?: { index: number; channel: number; value: number; cell: [number, number] };
}

/** Resolves a highlight against an inspection (null when it does not apply to it). */
export function resolveHighlight(insp: WindowInspection, h: Highlight): ResolvedHighlight | null {
  if (!h || h.rect < 0 || h.rect >= insp.pyramid.rectLevel.length) return null;
  const level = insp.pyramid.rectLevel[h.rect];
  if (h.index === undefined) return { rect: h.rect, level, indices: binIndexRange(insp, h.rect) };
  const src = valueSource(insp, h.index);
  return { rect: src.rect, level: src.level, indices: [h.index, h.index + 1], value: { index: h.index, channel: src.channel, value: src.value, cell: src.cell } };
}

/** One line describing a highlight for screen readers and the status line. */
export function describeHighlight(insp: WindowInspection, r: ResolvedHighlight): string {
  const lv = insp.pyramid.levels[r.level];
  const local = r.rect - insp.pyramid.levelStart[r.level];
  const cols = lv.cols.length;
  const row = Math.floor(local / cols), col = local % cols;
  const [y0, y1, x0, x1] = insp.pyramid.rects.subarray(4 * r.rect, 4 * r.rect + 4);
  const bin = `level ${lv.n}×${lv.n}, bin (row ${row + 1}, col ${col + 1}): conv5 cells x ${x0}–${x1 - 1}, y ${y0}–${y1 - 1}`;
  if (!r.value) {
    let m = 0, at = 0;
    for (let i = r.indices[0]; i < r.indices[1]; i++) if (insp.values[i] > m) { m = insp.values[i]; at = i - r.indices[0]; }
    return `${bin}; its ${insp.k} channel values are pooled-vector indices ${r.indices[0]}–${r.indices[1] - 1} (largest ${m.toFixed(2)} in channel ${at})`;
  }
  const v = r.value;
  return `pooled index ${v.index} = channel ${v.channel} of ${bin}; value ${v.value.toFixed(3)}, the max of that channel over the bin, from cell (x ${v.cell[0]}, y ${v.cell[1]})`;
}
