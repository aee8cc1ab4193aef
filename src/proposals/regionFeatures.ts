import type { Segmentation } from './felzenszwalb';
import { COLOUR_LENGTH, TEXTURE_CODES, TEXTURE_LENGTH, flatCode, textureHistogramFromCodes, type TextureCodes } from './pixelBins';

/** Per-region features of a segmentation (SELECTIVE_SEARCH.md §2), region r in row r. */
export interface RegionFeatures {
  /** Number of regions R. */
  count: number;
  /** Float64Array [R]: pixels per region. */
  size: Float64Array;
  /** Int32Array [4R]: tight pixel box minX, minY, maxX, maxY (inclusive). */
  boxes: Int32Array;
  /** Float32Array [R * 75] colour histograms, each L1-normalised to 1; null when not requested. */
  colour: Float32Array | null;
  /** Float32Array [R * 240] texture histograms, each L1-normalised to 1; null when not requested. */
  texture: Float32Array | null;
}

/**
 * Sizes, boxes and histograms of every region in ONE pass over the pixels (accumulated per label),
 * instead of one mask per region.
 * @param colourCodes from {@link colourBins} (planar [3n]) or null to skip colour.
 * @param texture from {@link textureBins}, or null to skip texture.
 */
export function regionFeatures(seg: Segmentation, colourCodes: Uint8Array | null, textureCodes: TextureCodes | null): RegionFeatures {
  const { width: w, height: h, labels, count: R } = seg;
  const n = w * h;
  const size = new Float64Array(R);
  const boxes = new Int32Array(4 * R);
  for (let r = 0; r < R; r++) { boxes[4 * r] = w; boxes[4 * r + 1] = h; boxes[4 * r + 2] = -1; boxes[4 * r + 3] = -1; }
  for (let y = 0, p = 0; y < h; y++) {
    for (let x = 0; x < w; x++, p++) {
      const b = 4 * labels[p];
      size[labels[p]]++;
      if (x < boxes[b]) boxes[b] = x;
      if (x > boxes[b + 2]) boxes[b + 2] = x;
      if (boxes[b + 1] > y) boxes[b + 1] = y; // rows are visited in order: first hit is the minimum
      boxes[b + 3] = y;
    }
  }
  let colour: Float32Array | null = null;
  if (colourCodes) {
    const counts = new Int32Array(R * COLOUR_LENGTH);
    for (let c = 0; c < 3; c++) {
      const o = c * n;
      for (let p = 0; p < n; p++) counts[labels[p] * COLOUR_LENGTH + colourCodes[o + p]]++;
    }
    colour = normaliseRows(counts, size, COLOUR_LENGTH, 3);
  }
  let texture: Float32Array | null = null;
  if (textureCodes) {
    const counts = new Int32Array(R * TEXTURE_LENGTH);
    const listed = new Float64Array(R);
    const { pixels, codes } = textureCodes;
    for (let i = 0, o = 0; i < pixels.length; i++, o += TEXTURE_CODES) {
      const r = labels[pixels[i]], row = r * TEXTURE_LENGTH;
      listed[r]++;
      for (let j = 0; j < TEXTURE_CODES; j++) counts[row + codes[o + j]]++;
    }
    for (let r = 0; r < R; r++) {
      const row = r * TEXTURE_LENGTH, flat = size[r] - listed[r];
      for (let g = 0; g < TEXTURE_CODES; g++) counts[row + flatCode(g)] += flat;
      textureHistogramFromCodes(counts, row);
    }
    texture = normaliseRows(counts, size, TEXTURE_LENGTH, 2 * TEXTURE_CODES);
  }
  return { count: R, size, boxes, colour, texture };
}

/** Divides each row of counts by its total (size * codes per pixel). */
function normaliseRows(counts: Int32Array, size: Float64Array, len: number, perPixel: number): Float32Array {
  const out = new Float32Array(counts.length);
  for (let r = 0; r < size.length; r++) {
    const inv = 1 / (size[r] * perPixel);
    for (let i = r * len, e = i + len; i < e; i++) out[i] = counts[i] * inv;
  }
  return out;
}
