/**
 * Separable Gaussian smoothing and first derivatives on float planes, borders clamped (as the
 * original Felzenszwalb–Huttenlocher `convolve_even`).
 */

/**
 * Half of a symmetric Gaussian: taps exp(-0.5 (i/sigma)^2) for i = 0..ceil(4 sigma), normalised so the
 * full kernel (m0 + 2 * sum of the others) sums to 1 (SELECTIVE_SEARCH.md §1.2).
 * @param sigma standard deviation in pixels (values below 0.01 are raised to 0.01, as the FH code).
 */
export function gaussianKernel(sigma: number): Float32Array {
  const s = Math.max(sigma, 0.01);
  const len = Math.ceil(4 * s) + 1;
  const k = new Float64Array(len);
  let sum = 0;
  for (let i = 0; i < len; i++) {
    k[i] = Math.exp(-0.5 * (i / s) * (i / s));
    sum += i === 0 ? k[i] : 2 * k[i];
  }
  const out = new Float32Array(len);
  for (let i = 0; i < len; i++) out[i] = k[i] / sum;
  return out;
}

/**
 * Half of an antisymmetric first-derivative-of-Gaussian kernel: d[i] = i g(i) / sum_j j^2 g(j), so the
 * response to a unit ramp is exactly 1 (units: value per pixel). d[0] = 0.
 */
export function derivativeKernel(sigma: number): Float32Array {
  const g = gaussianKernel(sigma);
  let ramp = 0;
  for (let i = 1; i < g.length; i++) ramp += 2 * i * i * g[i];
  const out = new Float32Array(g.length);
  for (let i = 1; i < g.length; i++) out[i] = (i * g[i]) / ramp;
  return out;
}

/**
 * Correlates each row of a w x h plane with a half kernel `k` (x direction):
 * even: out[x] = k0 s[x] + sum_i k_i (s[x-i] + s[x+i]); odd: out[x] = sum_i k_i (s[x+i] - s[x-i]).
 * Indices are clamped to the image. Radius 4 (sigma 0.8 and 1) runs an unrolled loop.
 */
export function convolveRows(src: Float32Array, dst: Float32Array, w: number, h: number, k: Float32Array, odd: boolean): void {
  const r = k.length - 1, sign = odd ? -1 : 1, k0 = odd ? 0 : k[0];
  const fast = r === 4 && w > 2 * r;
  for (let y = 0; y < h; y++) {
    const base = y * w;
    for (let x = 0; x < w; x++) {
      if (fast && x === r) {
        if (odd) oddRow4(src, dst, base + r, base + w - r, k);
        else evenRow4(src, dst, base + r, base + w - r, k);
        x = w - r - 1;
        continue;
      }
      let v = k0 * src[base + x];
      for (let i = 1; i <= r; i++) {
        const a = x + i < w ? x + i : w - 1, b = x - i > 0 ? x - i : 0;
        v += k[i] * (src[base + a] + sign * src[base + b]);
      }
      dst[base + x] = v;
    }
  }
}

function evenRow4(s: Float32Array, d: Float32Array, from: number, to: number, k: Float32Array): void {
  const k0 = k[0], k1 = k[1], k2 = k[2], k3 = k[3], k4 = k[4];
  for (let o = from; o < to; o++) {
    d[o] = k0 * s[o] + k1 * (s[o - 1] + s[o + 1]) + k2 * (s[o - 2] + s[o + 2]) + k3 * (s[o - 3] + s[o + 3]) + k4 * (s[o - 4] + s[o + 4]);
  }
}

function oddRow4(s: Float32Array, d: Float32Array, from: number, to: number, k: Float32Array): void {
  const k1 = k[1], k2 = k[2], k3 = k[3], k4 = k[4];
  for (let o = from; o < to; o++) {
    d[o] = k1 * (s[o + 1] - s[o - 1]) + k2 * (s[o + 2] - s[o - 2]) + k3 * (s[o + 3] - s[o - 3]) + k4 * (s[o + 4] - s[o - 4]);
  }
}

/** As {@link convolveRows} along y (columns), visiting memory row by row. */
export function convolveColumns(src: Float32Array, dst: Float32Array, w: number, h: number, k: Float32Array, odd: boolean): void {
  const r = k.length - 1, sign = odd ? -1 : 1, k0 = odd ? 0 : k[0];
  const row = (y: number): number => (y < 0 ? 0 : y >= h ? h - 1 : y) * w;
  for (let y = 0; y < h; y++) {
    const o = y * w;
    if (r === 4) {
      const k1 = k[1], k2 = k[2], k3 = k[3], k4 = k[4];
      const u1 = row(y - 1), u2 = row(y - 2), u3 = row(y - 3), u4 = row(y - 4);
      const d1 = row(y + 1), d2 = row(y + 2), d3 = row(y + 3), d4 = row(y + 4);
      if (odd) {
        for (let x = 0; x < w; x++) {
          dst[o + x] = k1 * (src[d1 + x] - src[u1 + x]) + k2 * (src[d2 + x] - src[u2 + x]) +
            k3 * (src[d3 + x] - src[u3 + x]) + k4 * (src[d4 + x] - src[u4 + x]);
        }
      } else {
        for (let x = 0; x < w; x++) {
          dst[o + x] = k0 * src[o + x] + k1 * (src[d1 + x] + src[u1 + x]) + k2 * (src[d2 + x] + src[u2 + x]) +
            k3 * (src[d3 + x] + src[u3 + x]) + k4 * (src[d4 + x] + src[u4 + x]);
        }
      }
      continue;
    }
    for (let x = 0; x < w; x++) dst[o + x] = k0 * src[o + x];
    for (let i = 1; i <= r; i++) {
      const a = row(y + i), b = row(y - i), ki = k[i], kb = sign * ki;
      for (let x = 0; x < w; x++) dst[o + x] += ki * src[a + x] + kb * src[b + x];
    }
  }
}

/**
 * Gaussian-smooths `channels` planes of w x h (planar `[c * w * h + pixel]`) in float.
 * @returns Float32Array of the same layout; values keep the input's units (not rounded).
 */
export function smoothPlanes(src: Uint8Array | Float32Array, w: number, h: number, channels: number, sigma: number): Float32Array {
  const n = w * h, k = gaussianKernel(sigma);
  const out = new Float32Array(channels * n), tmp = new Float32Array(n), plane = new Float32Array(n);
  for (let c = 0; c < channels; c++) {
    plane.set(src.subarray(c * n, (c + 1) * n));
    convolveRows(plane, tmp, w, h, k, false);
    convolveColumns(tmp, out.subarray(c * n, (c + 1) * n), w, h, k, false);
  }
  return out;
}

/**
 * Gaussian derivatives of one w x h plane at scale `sigma`: gx = d/dx (smoothed), gy = d/dy.
 * @returns two Float32Array planes in value units per pixel (positive where values grow with x / y).
 */
export function gaussianGradient(src: Uint8Array | Float32Array, w: number, h: number, sigma: number): { gx: Float32Array; gy: Float32Array } {
  const n = w * h, g = gaussianKernel(sigma), d = derivativeKernel(sigma);
  const plane = src instanceof Float32Array ? src : Float32Array.from(src);
  const tmp = new Float32Array(n), gx = new Float32Array(n), gy = new Float32Array(n);
  convolveRows(plane, tmp, w, h, d, true);
  convolveColumns(tmp, gx, w, h, g, false);
  convolveRows(plane, tmp, w, h, g, false);
  convolveColumns(tmp, gy, w, h, d, true);
  return { gx, gy };
}
