import type { RgbaImage } from './rgbaImage';

/** Planar 8-bit RGB image: `data[c * width * height + y * width + x]`, c = 0 (R), 1 (G), 2 (B). */
export interface PlanarRgb {
  width: number;
  height: number;
  data: Uint8Array;
}

/**
 * Size of the working image: the longer side becomes `maxSide` (aspect kept, each side >= 1 px).
 * `maxSide <= 0` or an empty image keeps the original size.
 * @returns [width, height] in working pixels.
 */
export function workingSize(width: number, height: number, maxSide: number): [number, number] {
  const longer = Math.max(width, height);
  if (!(maxSide > 0) || longer === 0 || longer === maxSide) return [width, height];
  const f = maxSide / longer;
  return [Math.max(1, Math.round(width * f)), Math.max(1, Math.round(height * f))];
}

/**
 * Resamples an RGBA image to `outWidth` x `outHeight` planar RGB (alpha dropped). Separable, per axis:
 * pixel-area averaging when shrinking and bilinear with half-pixel centres when enlarging, as
 * OpenCV's INTER_AREA / INTER_LINEAR (the reference script resizes that way).
 */
export function resizeRgb(image: RgbaImage, outWidth: number, outHeight: number): PlanarRgb {
  const { width: w, height: h, data } = image;
  const n = outWidth * outHeight;
  const out = new Uint8Array(3 * n);
  if (n === 0) return { width: outWidth, height: outHeight, data: out };
  if (w === outWidth && h === outHeight) {
    for (let p = 0; p < n; p++) {
      out[p] = data[4 * p];
      out[n + p] = data[4 * p + 1];
      out[2 * n + p] = data[4 * p + 2];
    }
    return { width: w, height: h, data: out };
  }
  const tx = axisTaps(w, outWidth);
  const ty = axisTaps(h, outHeight);
  // Horizontal pass: [h, outWidth] per channel, float.
  const mid = new Float32Array(3 * h * outWidth);
  const hn = h * outWidth;
  for (let y = 0; y < h; y++) {
    const row = y * w;
    for (let x = 0; x < outWidth; x++) {
      let r = 0, g = 0, b = 0;
      for (let t = tx.start[x], e = tx.start[x + 1]; t < e; t++) {
        const q = 4 * (row + tx.index[t]), wt = tx.weight[t];
        r += data[q] * wt; g += data[q + 1] * wt; b += data[q + 2] * wt;
      }
      const o = y * outWidth + x;
      mid[o] = r; mid[hn + o] = g; mid[2 * hn + o] = b;
    }
  }
  // Vertical pass.
  for (let c = 0; c < 3; c++) {
    const src = c * hn, dst = c * n;
    for (let y = 0; y < outHeight; y++) {
      for (let x = 0; x < outWidth; x++) {
        let v = 0;
        for (let t = ty.start[y], e = ty.start[y + 1]; t < e; t++) v += mid[src + ty.index[t] * outWidth + x] * ty.weight[t];
        out[dst + y * outWidth + x] = Math.min(255, Math.max(0, Math.round(v)));
      }
    }
  }
  return { width: outWidth, height: outHeight, data: out };
}

/** Sparse resampling matrix along one axis: output i uses taps start[i]..start[i+1]-1. */
interface AxisTaps { start: Int32Array; index: Int32Array; weight: Float32Array }

function axisTaps(inSize: number, outSize: number): AxisTaps {
  const start = new Int32Array(outSize + 1);
  const index: number[] = [];
  const weight: number[] = [];
  const scale = inSize / outSize; // input pixels per output pixel
  for (let i = 0; i < outSize; i++) {
    start[i] = index.length;
    if (scale >= 1) {
      // Area: output pixel i covers input [i*scale, (i+1)*scale).
      const a = i * scale, b = Math.min(inSize, (i + 1) * scale);
      for (let j = Math.floor(a); j < b; j++) {
        const cover = Math.min(b, j + 1) - Math.max(a, j);
        if (cover > 1e-9) { index.push(j); weight.push(cover / scale); }
      }
    } else {
      const s = Math.min(inSize - 1, Math.max(0, (i + 0.5) * scale - 0.5));
      const j = Math.floor(s), f = s - j;
      index.push(j); weight.push(1 - f);
      if (f > 0 && j + 1 < inSize) { index.push(j + 1); weight.push(f); }
    }
  }
  start[outSize] = index.length;
  return { start, index: Int32Array.from(index), weight: Float32Array.from(weight) };
}
