import { gaussianGradient } from './gaussianFilter';

/** Colour histogram bins per channel (SELECTIVE_SEARCH.md §2; 3 channels → 75-d). */
export const COLOUR_BINS = 25;
/** Texture histogram bins per orientation and channel. */
export const TEXTURE_BINS = 10;
/** Texture orientations: 4 steered directions x (positive part, negated negative part). */
export const ORIENTATIONS = 8;
/** Texture codes per pixel: 3 channels x 4 steered directions (each code holds the sign). */
export const TEXTURE_CODES = 3 * (ORIENTATIONS / 2);
/** Length of a colour histogram (3 channels). */
export const COLOUR_LENGTH = 3 * COLOUR_BINS;
/** Length of a texture histogram (3 channels x 8 orientations x 10 bins = 240). */
export const TEXTURE_LENGTH = 3 * ORIENTATIONS * TEXTURE_BINS;
/** Gaussian derivative scale of the texture features, pixels. */
export const TEXTURE_SIGMA = 1;
/**
 * Gradient magnitude (on a 0..1 image) mapped to the last texture bin; larger values are clamped into
 * it. MATLAB BlobStructTextureHist: round(v * (bins - 1) / 0.43) + 1, which spills past the last bin.
 */
export const TEXTURE_MAX = 0.43;

/**
 * Colour bin of every pixel and channel, as MATLAB BlobStructColourHist: round(v/255 * 24), offset by
 * channel * 25 so one histogram holds all channels.
 * @param planes planar 3-channel bytes [3n].
 * @returns Uint8Array [3n], planar like the input, values 0..74.
 */
export function colourBins(planes: Uint8Array, n: number): Uint8Array {
  const lut = new Uint8Array(3 * 256);
  for (let c = 0; c < 3; c++) for (let v = 0; v < 256; v++) lut[c * 256 + v] = c * COLOUR_BINS + Math.round((v / 255) * (COLOUR_BINS - 1));
  const out = new Uint8Array(3 * n);
  for (let c = 0; c < 3; c++) {
    const o = c * n, l = c * 256;
    for (let p = 0; p < n; p++) out[o + p] = lut[l + planes[o + p]];
  }
  return out;
}

/**
 * Texture codes of the pixels that have any gradient. Per channel, Gaussian derivatives Gx, Gy
 * (sigma = 1) are steered to 0°, 45°, 90°, 135° (G_θ = cos θ Gx + sin θ Gy: first derivatives of a
 * Gaussian are steerable, so no image rotation). Orientation 2j is the positive part of direction j,
 * 2j + 1 the negated negative part; at each pixel one of the two is 0, which still counts in its
 * bin 0. So one code per direction says which side is non-zero and its bin:
 * (c * 4 + j) * 20 + (d > 0 ? bin(d) : 10 + bin(-d)), with bin(v) = round(v/255 * 9/0.43) clamped to 9
 * (MATLAB BlobStructTextureHist, clamped); a bin-0 value is coded on the positive side whatever its
 * sign (both give the same histogram). {@link textureHistogramFromCodes} restores the 8 orientations.
 * Most pixels (50–90% on photos) are flat: all 12 codes are bin 0. Those are left out; a region's
 * flat pixels are its size minus its listed pixels.
 */
export interface TextureCodes {
  /** Int32Array [F]: indices of the non-flat pixels, ascending. */
  pixels: Int32Array;
  /** Uint8Array [12F]: their codes, pixel-major, values 0..239. */
  codes: Uint8Array;
}

/** Code of a flat pixel for channel/direction group g (0..11): positive side, bin 0. */
export const flatCode = (g: number): number => 2 * TEXTURE_BINS * g;

/**
 * Texture codes of a planar 3-channel image (see {@link TextureCodes}).
 * @param planes planar 3-channel bytes [3n], n = w * h.
 */
export function textureBins(planes: Uint8Array, w: number, h: number): TextureCodes {
  const n = w * h;
  const grads = [0, 1, 2].map((c) => gaussianGradient(planes.subarray(c * n, (c + 1) * n), w, h, TEXTURE_SIGMA));
  const [g0, g1, g2] = grads;
  const pixels = new Int32Array(n);
  const codes = new Uint8Array(TEXTURE_CODES * n);
  const s = (TEXTURE_BINS - 1) / (TEXTURE_MAX * 255); // gradient (0..255 units) → bin units
  const r = Math.SQRT1_2 * s;
  let count = 0;
  for (let p = 0; p < n; p++) {
    let x = g0.gx[p], y = g0.gy[p];
    const a0 = signedBin(x * s), a1 = signedBin(r * (x + y)), a2 = signedBin(y * s), a3 = signedBin(r * (y - x));
    x = g1.gx[p]; y = g1.gy[p];
    const b0 = signedBin(x * s), b1 = signedBin(r * (x + y)), b2 = signedBin(y * s), b3 = signedBin(r * (y - x));
    x = g2.gx[p]; y = g2.gy[p];
    const c0 = signedBin(x * s), c1 = signedBin(r * (x + y)), c2 = signedBin(y * s), c3 = signedBin(r * (y - x));
    if ((a0 | a1 | a2 | a3 | b0 | b1 | b2 | b3 | c0 | c1 | c2 | c3) === 0) continue; // flat pixel
    const o = TEXTURE_CODES * count;
    pixels[count++] = p;
    codes[o] = a0; codes[o + 1] = 20 + a1; codes[o + 2] = 40 + a2; codes[o + 3] = 60 + a3;
    codes[o + 4] = 80 + b0; codes[o + 5] = 100 + b1; codes[o + 6] = 120 + b2; codes[o + 7] = 140 + b3;
    codes[o + 8] = 160 + c0; codes[o + 9] = 180 + c1; codes[o + 10] = 200 + c2; codes[o + 11] = 220 + c3;
  }
  return { pixels: pixels.subarray(0, count), codes: codes.subarray(0, TEXTURE_CODES * count) };
}

/**
 * Code (without its group offset) of a steered value v in bin units, indexed by
 * floor(clamp(v + 9.5, 0, 18.5)): v rounded to -9..9; 1..9 positive side, 11..19 negative side
 * (10 + |v|), 0 for |v| < 0.5. A table instead of branches: ~2x faster on 3M values per image.
 */
const SIGNED_BIN = Uint8Array.from({ length: 19 }, (_, i) => (i < 9 ? TEXTURE_BINS + 9 - i : i - 9));

function signedBin(v: number): number {
  return SIGNED_BIN[Math.min(18.5, Math.max(0, v + 9.5)) | 0];
}

/**
 * Converts counts of {@link textureBins} codes (one 240-row of a region, 12 groups of 20) in place into
 * the 8-orientation histogram (24 groups of 10): positive side bin 0 gains every negative-side pixel,
 * and vice versa.
 */
export function textureHistogramFromCodes(counts: Int32Array, offset: number): void {
  for (let g = offset, e = offset + TEXTURE_LENGTH; g < e; g += 2 * TEXTURE_BINS) {
    let pos = 0, neg = 0;
    for (let b = 0; b < TEXTURE_BINS; b++) { pos += counts[g + b]; neg += counts[g + TEXTURE_BINS + b]; }
    counts[g] += neg;
    counts[g + TEXTURE_BINS] += pos;
  }
}
