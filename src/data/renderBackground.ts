import type { Rng } from './createRng';
import { fractalNoise } from './fractalNoise';
import { paintPhotoCrop } from './paintPhotoCrop';
import { paintShape, type Shape } from './paintShape';
import { randomColour, samplePalette, type Rgb } from './randomColour';
import type { RgbaBytes, SceneCanvas } from './sceneCanvas';

/** The background families (DATA.md: gradients, noise, shapes, textures, photo crops). */
export const BACKGROUND_KINDS = ['flat', 'linear', 'radial', 'noise', 'shapes', 'stripes', 'checker', 'texture', 'horizon', 'photo'] as const;
/** One background family. */
export type BackgroundKind = (typeof BACKGROUND_KINDS)[number];

/** Relative frequency of each family when chosen at random ('photo' only when photos are given). */
const WEIGHTS: Record<BackgroundKind, number> = {
  flat: 0.04, linear: 0.1, radial: 0.07, noise: 0.13, shapes: 0.13, stripes: 0.06, checker: 0.04, texture: 0.1, horizon: 0.15, photo: 0.18,
};

/** Options of {@link renderBackground}. */
export interface RenderBackgroundOptions {
  /** Family to draw, or 'random' to pick one (then clutter shapes and grain may be added). @default 'random' */
  kind?: BackgroundKind | 'random';
  /** Colour of a 'flat' background (RGB 0..255); random when unset. */
  flatColour?: readonly [number, number, number];
  /** CC0 / public-domain photos for 'photo' crops; without them 'photo' is never chosen at random. @default [] */
  photos?: readonly RgbaBytes[];
}

/**
 * Fills the whole canvas with a random background and returns the family drawn. A chosen 'flat' kind
 * with `flatColour` is exactly that colour (tests rely on it); everything else is random from `rng`.
 */
export function renderBackground(canvas: SceneCanvas, rng: Rng, options: RenderBackgroundOptions = {}): BackgroundKind {
  const { kind = 'random', flatColour, photos = [] } = options;
  if (kind === 'photo' && photos.length === 0) throw new Error("renderBackground: kind 'photo' needs options.photos (none given)");
  const chosen = kind === 'random' ? pickKind(rng, photos.length > 0) : kind;
  switch (chosen) {
    case 'flat': fillFlat(canvas, flatColour ?? randomColour(rng)); break;
    case 'linear': paintLinear(canvas, rng); break;
    case 'radial': paintRadial(canvas, rng); break;
    case 'noise': paintNoise(canvas, rng); break;
    case 'shapes': fillFlat(canvas, randomColour(rng)); if (rng.chance(0.5)) paintLinear(canvas, rng); paintClutter(canvas, rng, rng.int(8, 40), 1); break;
    case 'stripes': paintStripes(canvas, rng, false); break;
    case 'checker': paintStripes(canvas, rng, true); break;
    case 'texture': paintTexture(canvas, rng); break;
    case 'horizon': paintHorizon(canvas, rng); break;
    case 'photo': paintPhotoCrop(canvas, rng.pick(photos), rng); break;
  }
  if (kind === 'random') {
    if (chosen !== 'shapes' && rng.chance(0.3)) paintClutter(canvas, rng, rng.int(2, 10), rng.uniform(0.4, 1));
    if (rng.chance(0.4)) addGrain(canvas, rng);
  }
  return chosen;
}

function pickKind(rng: Rng, withPhotos: boolean): BackgroundKind {
  const kinds = BACKGROUND_KINDS.filter((k) => withPhotos || k !== 'photo');
  const total = kinds.reduce((s, k) => s + WEIGHTS[k], 0);
  let r = rng.next() * total;
  for (const k of kinds) { r -= WEIGHTS[k]; if (r < 0) return k; }
  return kinds[kinds.length - 1];
}

function fillFlat(canvas: SceneCanvas, c: readonly number[]): void {
  const { rgb } = canvas;
  for (let i = 0; i < rgb.length; i += 3) { rgb[i] = c[0]; rgb[i + 1] = c[1]; rgb[i + 2] = c[2]; }
}

/** A palette of n colours, often sharing a hue (natural scenes) and sometimes unrelated. */
function palette(rng: Rng, n: number): Rgb[] {
  const related = rng.chance(0.6);
  const first = rng.next();
  return Array.from({ length: n }, () => (related ? randomColour(rng, { nearHue: first, hueSpread: 0.1 }) : randomColour(rng)));
}

/** Entries of the colour tables (a power of two: periodic indices wrap with a mask). */
const LUT_SIZE = 1024;

/** Palette colours at LUT_SIZE values of t (0..1 inclusive, or 0..1 exclusive when periodic), through `shape`. */
function colourTable(pal: readonly Rgb[], shape?: (t: number) => number, wrap = false): Float32Array {
  const lut = new Float32Array(LUT_SIZE * 3);
  for (let k = 0; k < LUT_SIZE; k++) {
    const t = wrap ? k / LUT_SIZE : k / (LUT_SIZE - 1);
    samplePalette(pal, shape ? shape(t) : t, lut, 3 * k);
  }
  return lut;
}

/**
 * Writes palette(shape(t(x, y))) for every pixel, through a 1024-entry colour table so the per-pixel
 * work is one call of `t` and a table lookup (no pow/sin per pixel).
 * @param t field value per pixel, mapped to [0, 1] by clamping (or wrapped, with `wrap`).
 * @param shape applied to the table's t once per entry (gamma, sine...). @default identity
 */
function paintField(canvas: SceneCanvas, pal: readonly Rgb[], t: (x: number, y: number, i: number) => number, shape?: (t: number) => number, wrap = false): void {
  const lut = colourTable(pal, shape, wrap);
  const { width, height, rgb } = canvas;
  const top = LUT_SIZE - 1;
  for (let y = 0, i = 0; y < height; y++) {
    for (let x = 0; x < width; x++, i++) {
      const v = t(x, y, i);
      let k: number;
      if (wrap) k = ((v - Math.floor(v)) * LUT_SIZE) & (LUT_SIZE - 1); // periodic: entry k is phase k / LUT_SIZE (a phase of 1.0 wraps to 0)
      else k = v <= 0 ? 0 : v >= 1 ? top : (v * top + 0.5) | 0;
      const o = 3 * i, l = 3 * k;
      rgb[o] = lut[l]; rgb[o + 1] = lut[l + 1]; rgb[o + 2] = lut[l + 2];
    }
  }
}

function paintLinear(canvas: SceneCanvas, rng: Rng): void {
  const { width: W, height: H } = canvas;
  const a = rng.uniform(0, 2 * Math.PI), c = Math.cos(a), s = Math.sin(a);
  const half = (Math.abs(c) * W + Math.abs(s) * H) / 2;
  paintField(canvas, palette(rng, rng.int(2, 3)), (x, y) => (((x - W / 2) * c + (y - H / 2) * s) / half + 1) / 2);
}

function paintRadial(canvas: SceneCanvas, rng: Rng): void {
  const { width: W, height: H } = canvas;
  const cx = rng.uniform(-0.2, 1.2) * W, cy = rng.uniform(-0.2, 1.2) * H;
  const r = rng.uniform(0.3, 1.2) * Math.hypot(W, H);
  const r2 = 1 / (r * r);
  // Squared distance into the table, square root folded into the table's shape.
  paintField(canvas, palette(rng, rng.int(2, 3)), (x, y) => ((x - cx) * (x - cx) + (y - cy) * (y - cy)) * r2, Math.sqrt);
}

function paintNoise(canvas: SceneCanvas, rng: Rng): void {
  const { width: W, height: H } = canvas;
  const n = fractalNoise(W, H, rng, { cell: rng.logUniform(12, 200), octaves: rng.int(2, 5), persistence: rng.uniform(0.35, 0.65) });
  const gamma = rng.logUniform(0.5, 2);
  paintField(canvas, palette(rng, rng.int(2, 4)), (_x, _y, i) => n[i], (t) => t ** gamma);
}

function paintStripes(canvas: SceneCanvas, rng: Rng, checker: boolean): void {
  const a = rng.chance(0.4) ? rng.pick([0, Math.PI / 2, Math.PI / 4]) : rng.uniform(0, Math.PI);
  const c = Math.cos(a), s = Math.sin(a);
  const period = rng.logUniform(6, 70);
  const duty = rng.uniform(0.3, 0.7);
  const pal = palette(rng, 2);
  // Anti-aliased square wave of the phase (0..1): coverage from the distance in px to the nearest edge.
  const wave = (f: number): number => {
    const d = (f < duty ? Math.min(f, duty - f) : -Math.min(f - duty, 1 - f)) * period;
    return Math.min(1, Math.max(0, d + 0.5));
  };
  const inv = 1 / period;
  if (!checker) {
    paintField(canvas, pal, (x, y) => (x * c + y * s) * inv, wave, true);
    return;
  }
  const table = new Float32Array(LUT_SIZE);
  for (let k = 0; k < LUT_SIZE; k++) table[k] = wave(k / LUT_SIZE);
  const { width: W, height: H, rgb } = canvas;
  const [c0, c1] = pal;
  for (let y = 0, o = 0; y < H; y++) {
    for (let x = 0; x < W; x++, o += 3) {
      const u = (x * c + y * s) * inv, v = (y * c - x * s) * inv;
      const wu = table[((u - Math.floor(u)) * LUT_SIZE) & (LUT_SIZE - 1)], wv = table[((v - Math.floor(v)) * LUT_SIZE) & (LUT_SIZE - 1)];
      const t = wu + wv - 2 * wu * wv; // soft XOR
      rgb[o] = c0[0] + (c1[0] - c0[0]) * t;
      rgb[o + 1] = c0[1] + (c1[1] - c0[1]) * t;
      rgb[o + 2] = c0[2] + (c1[2] - c0[2]) * t;
    }
  }
}

function paintTexture(canvas: SceneCanvas, rng: Rng): void {
  const { width: W, height: H } = canvas;
  const style = rng.pick(['marble', 'wood', 'grain'] as const);
  const pal = style === 'grain' ? palette(rng, 2).map((col, i) => (i === 0 ? col : col.map((v) => v * 0.7) as Rgb)) : palette(rng, rng.int(2, 3));
  if (style === 'grain') {
    const n = fractalNoise(W, H, rng, { cell: rng.uniform(3, 10), octaves: 2 });
    paintField(canvas, pal, (_x, _y, i) => n[i]);
    return;
  }
  const n = fractalNoise(W, H, rng, { cell: rng.uniform(40, 160), octaves: 3 });
  const period = rng.uniform(15, 80), turbulence = rng.uniform(1, 5);
  const a = rng.uniform(0, Math.PI), c = Math.cos(a), s = Math.sin(a);
  const ox = rng.uniform(-2, 3) * W, oy = rng.uniform(-2, 3) * H;
  const sine = (t: number): number => 0.5 + 0.5 * Math.sin(2 * Math.PI * t);
  const inv = 1 / period;
  if (style === 'marble') paintField(canvas, pal, (x, y, i) => (x * c + y * s) * inv + turbulence * n[i], sine, true);
  else paintField(canvas, pal, (x, y, i) => Math.sqrt((x - ox) * (x - ox) + (y - oy) * (y - oy)) * inv + turbulence * n[i], sine, true);
}

/** An outdoor-like split: sky gradient (sometimes cloudy) above a textured ground, uneven horizon. */
function paintHorizon(canvas: SceneCanvas, rng: Rng): void {
  const { width: W, height: H, rgb } = canvas;
  const horizon = rng.uniform(0.2, 0.75) * H, tilt = rng.uniform(-0.12, 0.12);
  const wobble = rng.uniform(0, 0.08) * H, wobbleCell = rng.uniform(40, 200);
  const skyTop = randomColour(rng, { nearHue: rng.chance(0.7) ? 0.58 : rng.next(), hueSpread: 0.06, saturation: [0.1, 0.75], value: [0.45, 1] });
  const skyLow = skyTop.map((v) => v + (255 - v) * rng.uniform(0.2, 0.7)) as Rgb;
  const groundHue = rng.pick([0.08, 0.1, 0.25, 0.3, 0.12, rng.next()]);
  const ground = palette(rng, 2).map(() => randomColour(rng, { nearHue: groundHue, hueSpread: 0.05, saturation: [0.15, 0.7], value: [0.15, 0.75] }));
  const noise = fractalNoise(W, H, rng, { cell: rng.uniform(6, 60), octaves: 3 });
  const edge = fractalNoise(W, 1, rng, { cell: wobbleCell, octaves: 3 });
  const clouds = rng.chance(0.4) ? fractalNoise(W, H, rng, { cell: rng.uniform(60, 200), octaves: 3 }) : null;
  const skyLut = colourTable([skyTop, skyLow]), groundLut = colourTable(ground);
  const top = LUT_SIZE - 1;
  const hy = new Float32Array(W);
  for (let x = 0; x < W; x++) hy[x] = horizon + tilt * (x - W / 2) + wobble * (edge[x] - 0.5);
  for (let y = 0, i = 0; y < H; y++) {
    for (let x = 0; x < W; x++, i++) {
      const h = hy[x], o = 3 * i;
      if (y < h) {
        const l = 3 * Math.min(top, ((y / h) * top) | 0);
        let r = skyLut[l], g = skyLut[l + 1], b = skyLut[l + 2];
        if (clouds) {
          const cl = clouds[i] > 0.55 ? Math.min(1, (clouds[i] - 0.55) * 3) : 0;
          r += (245 - r) * cl; g += (245 - g) * cl; b += (245 - b) * cl;
        }
        rgb[o] = r; rgb[o + 1] = g; rgb[o + 2] = b;
      } else {
        const l = 3 * ((noise[i] * top + 0.5) | 0);
        const shade = 0.75 + (0.35 * (y - h)) / (H - h + 1); // nearer ground is lighter
        rgb[o] = groundLut[l] * shade; rgb[o + 1] = groundLut[l + 1] * shade; rgb[o + 2] = groundLut[l + 2] * shade;
      }
    }
  }
}

/** Random filled shapes (rectangles, ellipses, triangles, bars) as scene clutter. */
function paintClutter(canvas: SceneCanvas, rng: Rng, count: number, opacity: number): void {
  const { width: W, height: H } = canvas;
  const m = Math.min(W, H);
  for (let k = 0; k < count; k++) {
    const cx = rng.uniform(0, W), cy = rng.uniform(0, H), size = rng.logUniform(0.03, 0.45) * m;
    const angle = rng.chance(0.5) ? 0 : rng.uniform(0, Math.PI);
    const type = rng.int(0, 3);
    let shape: Shape;
    if (type === 0) shape = { kind: 'rect', cx, cy, hw: size * rng.uniform(0.3, 1), hh: size * rng.uniform(0.3, 1), angle };
    else if (type === 1) shape = { kind: 'ellipse', cx, cy, rx: size * rng.uniform(0.3, 1), ry: size * rng.uniform(0.3, 1), angle };
    else if (type === 2) shape = { kind: 'triangle', points: [cx + rng.uniform(-size, size), cy + rng.uniform(-size, size), cx + rng.uniform(-size, size), cy + rng.uniform(-size, size), cx + rng.uniform(-size, size), cy + rng.uniform(-size, size)] };
    else shape = { kind: 'rect', cx, cy, hw: size * 1.5, hh: rng.uniform(1, 4), angle: rng.uniform(0, Math.PI) };
    paintShape(canvas, shape, randomColour(rng), opacity * rng.uniform(0.5, 1));
  }
}

/** Low-frequency brightness mottling plus fine grain, so no background is perfectly smooth. */
function addGrain(canvas: SceneCanvas, rng: Rng): void {
  const { width: W, height: H, rgb } = canvas;
  const n = fractalNoise(W, H, rng, { cell: rng.uniform(2, 6), octaves: 1 });
  const amp = rng.uniform(4, 18);
  for (let i = 0, o = 0; i < n.length; i++, o += 3) {
    const d = (n[i] - 0.5) * amp;
    rgb[o] += d; rgb[o + 1] += d; rgb[o + 2] += d;
  }
}
