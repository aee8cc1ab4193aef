import type { PlanarRgb } from './resizeRgb';

/**
 * Colour spaces of the diversification strategies (SELECTIVE_SEARCH.md §4), all 8-bit, 3 channels:
 * - `hsv`: H scaled to 0..255 (hue 360° → 255), S and V 0..255 (V = max(R, G, B)).
 * - `lab`: CIE L*a*b* (sRGB, D65), 8-bit as OpenCV/MATLAB: L * 255 / 100, a + 128, b + 128.
 * - `rgi`: normalised r = R / (R+G+B), g = G / (R+G+B) scaled to 0..255, and intensity I.
 * - `h`: hue alone, replicated to 3 channels.
 * - `i`: intensity alone (ITU-R 601 grey, as OpenCV), replicated to 3 channels.
 * - `rgb`: the input unchanged (the FH golden data is RGB).
 */
export type ColourSpace = 'hsv' | 'lab' | 'rgi' | 'h' | 'i' | 'rgb';

/** All colour spaces, in the order the quality mode uses them. */
export const COLOUR_SPACES: readonly ColourSpace[] = ['hsv', 'lab', 'rgi', 'h', 'i', 'rgb'];

/** sRGB byte → linear light 0..1 (IEC 61966-2-1). */
const SRGB_TO_LINEAR = new Float64Array(256);
for (let i = 0; i < 256; i++) {
  const v = i / 255;
  SRGB_TO_LINEAR[i] = v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
}

const clampByte = (v: number): number => (v < 0 ? 0 : v > 255 ? 255 : Math.round(v));

/** Hue in 0..255 (360° = 255), saturation and value 0..255, of one RGB pixel (bytes). */
export function rgbToHsv(r: number, g: number, b: number): [number, number, number] {
  const v = Math.max(r, g, b), d = v - Math.min(r, g, b);
  return [hue255(r, g, b, v, d), v === 0 ? 0 : Math.round((255 * d) / v), v];
}

function hue255(r: number, g: number, b: number, v: number, d: number): number {
  if (d === 0) return 0;
  let h = v === r ? (60 * (g - b)) / d : v === g ? 120 + (60 * (b - r)) / d : 240 + (60 * (r - g)) / d;
  if (h < 0) h += 360;
  return Math.round((h * 255) / 360);
}

/** 8-bit CIE L*a*b* of one sRGB pixel: [L * 255/100, a + 128, b + 128], rounded and clamped. */
export function rgbToLab(r: number, g: number, b: number): [number, number, number] {
  const out = new Uint8Array(3);
  labInto(r, g, b, out, 0, 1);
  return [out[0], out[1], out[2]];
}

/** Writes the 8-bit Lab of one pixel to out[o], out[o + n], out[o + 2n] (no allocation). */
function labInto(r: number, g: number, b: number, out: Uint8Array, o: number, n: number): void {
  const R = SRGB_TO_LINEAR[r], G = SRGB_TO_LINEAR[g], B = SRGB_TO_LINEAR[b];
  // sRGB → XYZ (D65), X and Z divided by the white point (OpenCV's constants).
  const x = (0.412453 * R + 0.35758 * G + 0.180423 * B) / 0.950456;
  const y = 0.212671 * R + 0.71516 * G + 0.072169 * B;
  const z = (0.019334 * R + 0.119193 * G + 0.950227 * B) / 1.088754;
  const fx = labF(x), fy = labF(y), fz = labF(z);
  const L = y > 0.008856 ? 116 * fy - 16 : 903.3 * y;
  out[o] = clampByte((L * 255) / 100);
  out[o + n] = clampByte(500 * (fx - fy) + 128);
  out[o + 2 * n] = clampByte(200 * (fy - fz) + 128);
}

/**
 * Cube root on [0, 1] by linear interpolation in a 4096-step table (max error ~4e-6, i.e. < 0.001 of an
 * 8-bit level after scaling): Math.cbrt per channel was half the cost of the conversion.
 */
const CBRT_STEPS = 4096;
const CBRT = Float64Array.from({ length: CBRT_STEPS + 2 }, (_, i) => Math.cbrt(i / CBRT_STEPS));

/** CIE f(t): t^(1/3) above (6/29)^3, linear below. */
function labF(t: number): number {
  if (t <= 0.008856) return 7.787 * t + 16 / 116;
  if (t >= 1) return Math.cbrt(t);
  const x = t * CBRT_STEPS, i = x | 0;
  return CBRT[i] + (x - i) * (CBRT[i + 1] - CBRT[i]);
}

/** Grey level of one RGB pixel: 0.299 R + 0.587 G + 0.114 B in OpenCV's 14-bit fixed point. */
export function rgbToGrey(r: number, g: number, b: number): number {
  return (r * 4899 + g * 9617 + b * 1868 + 8192) >> 14;
}

/** Normalised rg and intensity of one RGB pixel: [255 R/(R+G+B), 255 G/(R+G+B), grey]; black → [0, 0, 0]. */
export function rgbToRgi(r: number, g: number, b: number): [number, number, number] {
  const s = r + g + b;
  return s === 0 ? [0, 0, 0] : [Math.round((255 * r) / s), Math.round((255 * g) / s), rgbToGrey(r, g, b)];
}

/**
 * Converts a planar RGB image to `space`.
 * @returns planar 3-channel bytes, `[c * n + pixel]`, n = width * height.
 */
export function toColourSpace(rgb: PlanarRgb, space: ColourSpace): Uint8Array {
  const n = rgb.width * rgb.height, src = rgb.data;
  if (space === 'rgb') return src.slice();
  const out = new Uint8Array(3 * n);
  for (let p = 0; p < n; p++) {
    const r = src[p], g = src[n + p], b = src[2 * n + p];
    let c0: number, c1: number, c2: number;
    switch (space) {
      case 'lab': labInto(r, g, b, out, p, n); continue;
      case 'hsv': case 'h': {
        const v = r > g ? (r > b ? r : b) : g > b ? g : b;
        const d = v - (r < g ? (r < b ? r : b) : g < b ? g : b);
        c0 = hue255(r, g, b, v, d);
        if (space === 'h') { c1 = c0; c2 = c0; } else { c1 = v === 0 ? 0 : Math.round((255 * d) / v); c2 = v; }
        break;
      }
      case 'rgi': {
        const sum = r + g + b;
        c0 = sum === 0 ? 0 : Math.round((255 * r) / sum);
        c1 = sum === 0 ? 0 : Math.round((255 * g) / sum);
        c2 = sum === 0 ? 0 : rgbToGrey(r, g, b);
        break;
      }
      case 'i': c0 = c1 = c2 = rgbToGrey(r, g, b); break;
      default: throw new Error(`toColourSpace: unknown colour space '${String(space)}'`);
    }
    out[p] = c0; out[n + p] = c1; out[2 * n + p] = c2;
  }
  return out;
}
