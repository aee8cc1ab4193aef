import type { Rng } from './createRng';
import type { RgbaBytes, SceneCanvas } from './sceneCanvas';

/**
 * Fills the canvas with a random crop of a photo, resampled bilinearly to the canvas size: the crop has
 * roughly the canvas aspect (+-20 % stretch), covers 35-100 % of the largest such crop, and is mirrored
 * half the time. Greyscale photos (R = G = B) are usually tinted with a random colour so textures such
 * as grass or gravel come in many colours.
 */
export function paintPhotoCrop(canvas: SceneCanvas, photo: RgbaBytes, rng: Rng): void {
  const { width: W, height: H, rgb } = canvas;
  const { width: pw, height: ph, data } = photo;
  if (pw < 2 || ph < 2 || data.length !== pw * ph * 4) throw new Error(`paintPhotoCrop: photo must be RGBA of at least 2x2, got ${pw}x${ph} with ${data.length} bytes`);
  const aspect = (W / H) * rng.logUniform(0.83, 1.2);
  let cw = pw, ch = pw / aspect;
  if (ch > ph) { ch = ph; cw = ph * aspect; }
  const k = rng.uniform(0.35, 1);
  cw *= k; ch *= k;
  const x0 = rng.uniform(0, pw - cw), y0 = rng.uniform(0, ph - ch);
  const flip = rng.chance(0.5);
  const grey = isGreyscale(photo);
  const tint = grey && rng.chance(0.75) ? [rng.uniform(0.45, 1.25), rng.uniform(0.45, 1.25), rng.uniform(0.45, 1.25)] : [1, 1, 1];
  const gain = rng.uniform(0.75, 1.2);
  const sx = cw / W, sy = ch / H;
  const ix = new Int32Array(W), fx = new Float32Array(W);
  for (let x = 0; x < W; x++) {
    const xx = flip ? W - 1 - x : x;
    const u = Math.min(pw - 1.001, Math.max(0, x0 + (xx + 0.5) * sx - 0.5));
    ix[x] = Math.floor(u);
    fx[x] = u - ix[x];
  }
  const g0 = gain * tint[0], g1 = gain * tint[1], g2 = gain * tint[2];
  for (let y = 0; y < H; y++) {
    const v = Math.min(ph - 1.001, Math.max(0, y0 + (y + 0.5) * sy - 0.5));
    const iy = Math.floor(v), fy = v - iy;
    const r0 = iy * pw, r1 = r0 + pw;
    for (let x = 0; x < W; x++) {
      const f = fx[x];
      const a = (r0 + ix[x]) * 4, b = (r1 + ix[x]) * 4;
      const w00 = (1 - f) * (1 - fy), w01 = f * (1 - fy), w10 = (1 - f) * fy, w11 = f * fy;
      const o = 3 * (y * W + x);
      rgb[o] = g0 * (data[a] * w00 + data[a + 4] * w01 + data[b] * w10 + data[b + 4] * w11);
      rgb[o + 1] = g1 * (data[a + 1] * w00 + data[a + 5] * w01 + data[b + 1] * w10 + data[b + 5] * w11);
      rgb[o + 2] = g2 * (data[a + 2] * w00 + data[a + 6] * w01 + data[b + 2] * w10 + data[b + 6] * w11);
    }
  }
}

const greyCache = new WeakMap<RgbaBytes, boolean>();

/** True when every sampled pixel has R = G = B within 2 levels (decoders differ; sparse grid, cached per photo). */
function isGreyscale(photo: RgbaBytes): boolean {
  let grey = greyCache.get(photo);
  if (grey === undefined) {
    grey = true;
    const n = photo.width * photo.height;
    for (let p = 0; p < n && grey; p += 97) {
      const i = p * 4;
      if (Math.abs(photo.data[i] - photo.data[i + 1]) > 2 || Math.abs(photo.data[i] - photo.data[i + 2]) > 2) grey = false;
    }
    greyCache.set(photo, grey);
  }
  return grey;
}
