import type { Rng } from './createRng';

/** Options of {@link fractalNoise}. */
export interface FractalNoiseOptions {
  /** Lattice spacing of the coarsest octave, in pixels. @default 64 */
  cell?: number;
  /** Number of octaves, each with half the cell size. @default 4 */
  octaves?: number;
  /** Amplitude factor from one octave to the next. @default 0.5 */
  persistence?: number;
}

/**
 * Fractal value noise: random values on a lattice, smoothstep-interpolated, summed over octaves of
 * halving cell size, then min-max normalised.
 * @returns width * height floats in [0, 1], row-major.
 */
export function fractalNoise(width: number, height: number, rng: Rng, options: FractalNoiseOptions = {}): Float32Array {
  const { cell = 64, octaves = 4, persistence = 0.5 } = options;
  if (cell / 2 ** (octaves - 1) >= 8 && width >= 32 && height >= 32) {
    // Every octave is smooth over >= 8 px: make it at half resolution (a quarter of the work per
    // octave) and upsample bilinearly; the result is indistinguishable.
    const hw = Math.ceil(width / 2), hh = Math.ceil(height / 2);
    return upsample2(fractalNoise(hw, hh, rng, { cell: cell / 2, octaves, persistence }), hw, hh, width, height);
  }
  const out = new Float32Array(width * height);
  let amp = 1;
  let size = Math.max(2, cell);
  for (let o = 0; o < octaves && size >= 1.5; o++) {
    addOctave(out, width, height, size, amp, rng);
    amp *= persistence;
    size /= 2;
  }
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < out.length; i++) { const v = out[i]; if (v < lo) lo = v; if (v > hi) hi = v; }
  const scale = hi > lo ? 1 / (hi - lo) : 0;
  for (let i = 0; i < out.length; i++) out[i] = (out[i] - lo) * scale;
  return out;
}

/** Adds one octave of value noise with lattice spacing `size` and amplitude `amp` to `out`. */
function addOctave(out: Float32Array, width: number, height: number, size: number, amp: number, rng: Rng): void {
  const gw = Math.ceil(width / size) + 2;
  const gh = Math.ceil(height / size) + 2;
  const grid = new Float32Array(gw * gh);
  for (let i = 0; i < grid.length; i++) grid[i] = rng.next() * amp;
  const ox = rng.next(), oy = rng.next(); // random lattice phase so octaves do not align at (0, 0)
  const ix = new Int32Array(width), fx = new Float32Array(width);
  for (let x = 0; x < width; x++) {
    const g = x / size + ox;
    ix[x] = Math.floor(g);
    const f = g - ix[x];
    fx[x] = f * f * (3 - 2 * f);
  }
  for (let y = 0; y < height; y++) {
    const g = y / size + oy;
    const iy = Math.floor(g);
    let fy = g - iy;
    fy = fy * fy * (3 - 2 * fy);
    const r0 = iy * gw, r1 = r0 + gw;
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const i = ix[x], f = fx[x];
      const a = grid[r0 + i] + (grid[r0 + i + 1] - grid[r0 + i]) * f;
      const b = grid[r1 + i] + (grid[r1 + i + 1] - grid[r1 + i]) * f;
      out[row + x] += a + (b - a) * fy;
    }
  }
}

/** Bilinear 2x upsampling (pixel-centre aligned, edges clamped) of a w x h field to width x height. */
function upsample2(src: Float32Array, w: number, h: number, width: number, height: number): Float32Array {
  const out = new Float32Array(width * height);
  const ix = new Int32Array(width), fx = new Float32Array(width);
  for (let x = 0; x < width; x++) {
    const u = Math.min(w - 1, Math.max(0, (x + 0.5) / 2 - 0.5));
    ix[x] = Math.min(w - 2, Math.floor(u));
    fx[x] = u - ix[x];
  }
  for (let y = 0; y < height; y++) {
    const v = Math.min(h - 1, Math.max(0, (y + 0.5) / 2 - 0.5));
    const iy = Math.min(h - 2, Math.floor(v)), fy = v - iy;
    const r0 = iy * w, r1 = r0 + w, row = y * width;
    for (let x = 0; x < width; x++) {
      const i = ix[x], f = fx[x];
      const a = src[r0 + i] + (src[r0 + i + 1] - src[r0 + i]) * f;
      const b = src[r1 + i] + (src[r1 + i + 1] - src[r1 + i]) * f;
      out[row + x] = a + (b - a) * fy;
    }
  }
  return out;
}
