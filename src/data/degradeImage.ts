import { boxBlur } from './boxBlur';
import type { Rng } from './createRng';
import type { SceneCanvas } from './sceneCanvas';

/** Options of {@link degradeImage}: the probability of each whole-image effect. */
export interface DegradeImageOptions {
  /** Probability of a smooth lighting ramp (x0.75-1.2 across the image). @default 0.25 */
  lighting?: number;
  /** Probability of a whole-image blur (one 3x3 box pass). @default 0.12 */
  blur?: number;
  /** Probability of additive Gaussian noise (sigma 2-10 grey levels). @default 0.3 */
  noise?: number;
  /** Probability of JPEG-like compression (8x8 luma DCT quantisation, 2x2 chroma averaging). @default 0.15 */
  jpeg?: number;
}

/** Which effects {@link degradeImage} applied. */
export interface Degradation {
  lighting: boolean;
  blur: boolean;
  noise: boolean;
  jpeg: boolean;
}

/** Applies random camera-like degradations to the whole canvas in place; returns which ones. */
export function degradeImage(canvas: SceneCanvas, rng: Rng, options: DegradeImageOptions = {}): Degradation {
  const { lighting = 0.25, blur = 0.12, noise = 0.3, jpeg = 0.15 } = options;
  const done: Degradation = { lighting: rng.chance(lighting), blur: rng.chance(blur), noise: rng.chance(noise), jpeg: rng.chance(jpeg) };
  if (done.lighting) applyLighting(canvas, rng);
  if (done.blur) boxBlur(canvas.rgb, canvas.width, canvas.height, 3, 1, 1, 'clamp');
  if (done.noise) addNoise(canvas, rng, rng.uniform(2, 10));
  if (done.jpeg) jpegLike(canvas, rng.uniform(12, 60));
  return done;
}

function applyLighting(canvas: SceneCanvas, rng: Rng): void {
  const { width: W, height: H, rgb } = canvas;
  const a = rng.uniform(0, 2 * Math.PI), c = Math.cos(a), s = Math.sin(a);
  const lo = rng.uniform(0.75, 1), hi = rng.uniform(1, 1.2);
  const half = (Math.abs(c) * W + Math.abs(s) * H) / 2 || 1;
  for (let y = 0, i = 0; y < H; y++) {
    for (let x = 0; x < W; x++, i += 3) {
      const t = (((x - W / 2) * c + (y - H / 2) * s) / half + 1) / 2;
      const g = lo + (hi - lo) * t;
      rgb[i] *= g; rgb[i + 1] *= g; rgb[i + 2] *= g;
    }
  }
}

/** Additive Gaussian noise; normals come from a seeded table indexed by an LCG (Box-Muller per pixel is slow). */
function addNoise(canvas: SceneCanvas, rng: Rng, sigma: number): void {
  const table = new Float32Array(4096);
  for (let i = 0; i < table.length; i++) table[i] = rng.normal() * sigma;
  const mono = rng.chance(0.5);
  let state = Math.floor(rng.next() * 4294967296) >>> 0;
  const { rgb } = canvas;
  for (let i = 0; i < rgb.length; i += 3) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const n = table[state >>> 20];
    if (mono) { rgb[i] += n; rgb[i + 1] += n; rgb[i + 2] += n; continue; }
    rgb[i] += n;
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    rgb[i + 1] += table[state >>> 20];
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    rgb[i + 2] += table[state >>> 20];
  }
}

/** Orthonormal 8-point DCT-II basis, DCT[k * 8 + n], and its transpose (the inverse). */
const DCT = new Float64Array(64);
const IDCT = new Float64Array(64);
for (let k = 0; k < 8; k++) {
  for (let n = 0; n < 8; n++) {
    DCT[k * 8 + n] = IDCT[n * 8 + k] = (k === 0 ? Math.SQRT1_2 : 1) * 0.5 * Math.cos(((2 * n + 1) * k * Math.PI) / 16);
  }
}

/** JPEG's standard luminance quantisation table (ITU T.81 Annex K). */
const LUMA_Q = [16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99];

/**
 * JPEG-like artefacts at the given quality (1-100): RGB -> YCbCr, chroma averaged over 2x2 blocks,
 * luma quantised per 8x8 DCT block with the standard table (blocking and ringing), back to RGB.
 */
function jpegLike(canvas: SceneCanvas, quality: number): void {
  const { width: W, height: H, rgb } = canvas;
  const n = W * H;
  const Y = new Float32Array(n), Cb = new Float32Array(n), Cr = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const r = rgb[3 * i], g = rgb[3 * i + 1], b = rgb[3 * i + 2];
    Y[i] = 0.299 * r + 0.587 * g + 0.114 * b;
    Cb[i] = -0.168736 * r - 0.331264 * g + 0.5 * b;
    Cr[i] = 0.5 * r - 0.418688 * g - 0.081312 * b;
  }
  for (const C of [Cb, Cr]) {
    for (let y = 0; y < H; y += 2) {
      for (let x = 0; x < W; x += 2) {
        const x2 = Math.min(x + 1, W - 1), y2 = Math.min(y + 1, H - 1);
        const m = 0.25 * (C[y * W + x] + C[y * W + x2] + C[y2 * W + x] + C[y2 * W + x2]);
        C[y * W + x] = C[y * W + x2] = C[y2 * W + x] = C[y2 * W + x2] = m;
      }
    }
  }
  const scale = quality < 50 ? 50 / quality : 2 - quality / 50;
  const q = Float64Array.from(LUMA_Q, (v) => Math.max(1, Math.round(v * scale)));
  const qInv = q.map((v) => 1 / v);
  const block = new Float64Array(64), tmp = new Float64Array(64);
  for (let by = 0; by < H; by += 8) {
    for (let bx = 0; bx < W; bx += 8) {
      if (bx + 8 <= W && by + 8 <= H) {
        for (let j = 0, o = by * W + bx; j < 8; j++, o += W) for (let i = 0; i < 8; i++) block[j * 8 + i] = Y[o + i] - 128;
      } else {
        // Edge block: repeat the last row / column, as JPEG encoders pad.
        for (let j = 0; j < 8; j++) for (let i = 0; i < 8; i++) block[j * 8 + i] = Y[Math.min(by + j, H - 1) * W + Math.min(bx + i, W - 1)] - 128;
      }
      transform(block, tmp, DCT);
      for (let k = 0; k < 64; k++) block[k] = Math.round(block[k] * qInv[k]) * q[k];
      transform(block, tmp, IDCT);
      for (let j = 0; j < 8 && by + j < H; j++) for (let i = 0; i < 8 && bx + i < W; i++) Y[(by + j) * W + bx + i] = block[j * 8 + i] + 128;
    }
  }
  for (let i = 0; i < n; i++) {
    const y = Y[i], cb = Cb[i], cr = Cr[i];
    rgb[3 * i] = y + 1.402 * cr;
    rgb[3 * i + 1] = y - 0.344136 * cb - 0.714136 * cr;
    rgb[3 * i + 2] = y + 1.772 * cb;
  }
}

/**
 * Separable 2-D transform of an 8x8 block in place with basis `m` (DCT or IDCT); `tmp` is scratch.
 * Each pass transforms rows and writes them transposed, so the second pass handles the columns.
 */
function transform(block: Float64Array, tmp: Float64Array, m: Float64Array): void {
  for (let pass = 0; pass < 2; pass++) {
    const src = pass === 0 ? block : tmp, dst = pass === 0 ? tmp : block;
    for (let r = 0; r < 64; r += 8) {
      const s0 = src[r], s1 = src[r + 1], s2 = src[r + 2], s3 = src[r + 3], s4 = src[r + 4], s5 = src[r + 5], s6 = src[r + 6], s7 = src[r + 7];
      for (let k = 0; k < 8; k++) {
        const b = k * 8;
        dst[b + (r >> 3)] = m[b] * s0 + m[b + 1] * s1 + m[b + 2] * s2 + m[b + 3] * s3 + m[b + 4] * s4 + m[b + 5] * s5 + m[b + 6] * s6 + m[b + 7] * s7;
      }
    }
  }
}
