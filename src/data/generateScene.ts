import { DISTRACTOR_EMOJI, EMOJI_VOC_CLASSES, classById } from './classes';
import { createRng, type Rng } from './createRng';
import { degradeImage, type Degradation } from './degradeImage';
import { drawSprite, spriteHalfExtent, type SpriteCoverage } from './drawSprite';
import { glyphMipmap, type GlyphMipmap } from './glyphMipmap';
import { renderBackground, type BackgroundKind } from './renderBackground';
import { pickClassEmoji, sampleSpriteLook, type SpriteLook } from './sampleSpriteLook';
import { sampleImageSize } from './sampleImageSize';
import { canvasToRgba, createSceneCanvas, type RgbaBytes } from './sceneCanvas';
import type { SpriteAtlas } from './spriteAtlas';

/** Options of {@link generateScene}. Every default follows DATA.md. */
export interface GenerateSceneOptions {
  /** [min, max] pixels per image side. @default [240, 640] */
  sizeRange?: readonly [number, number];
  /** [min, max] of width / height. @default [0.5, 2] */
  aspectRange?: readonly [number, number];
  /** Fixed width (with `height`): overrides sizeRange and aspectRange. */
  width?: number;
  /** Fixed height (with `width`). */
  height?: number;
  /** [min, max] number of class objects placed (before dropping hidden ones). @default [1, 6] */
  objectCount?: readonly [number, number];
  /** Smallest object, longer side in pixels. @default 24 */
  minObjectSize?: number;
  /** Largest object, longer side as a fraction of the shorter image side. @default 0.8 */
  maxObjectFraction?: number;
  /** [min, max] number of unlabelled distractor emoji. @default [0, 3] */
  distractorCount?: readonly [number, number];
  /** Category ids objects are drawn from. @default 1..20 */
  categoryIds?: readonly number[];
  /** Background family, or 'random'. @default 'random' */
  background?: BackgroundKind | 'random';
  /** Colour of a 'flat' background, RGB 0..255 (random when unset). */
  flatColour?: readonly [number, number, number];
  /** CC0 / public-domain photos for background crops (public/backgrounds). @default [] */
  photos?: readonly RgbaBytes[];
  /** Colour jitter, rotation, blur and whole-image degradations (false: clean renders for tests). @default true */
  effects?: boolean;
  /** An object stays in the ground truth only if at least this fraction of its mask is visible. @default 0.35 */
  minVisible?: number;
  /** 'drawn': box of the object's drawn pixels, clipped to the image (occluders ignored); 'visible': box of its unoccluded pixels (VOC's rule). @default 'drawn' */
  boxMode?: 'drawn' | 'visible';
}

/** One ground-truth object of a scene. */
export interface EmojiSceneObject {
  /** [x, y, w, h] in image pixels: tight box of pixels with alpha > 25 %, clipped to the image. */
  bbox: [number, number, number, number];
  /** Class id 1..20. */
  categoryId: number;
  /** The emoji string drawn. */
  emoji: string;
  /** True when the object is cut off by the image border. */
  truncated: boolean;
  /** Fraction of its in-image pixels hidden by objects or distractors drawn on top (0..1). */
  occluded: number;
}

/** A generated scene: opaque RGBA pixels and its ground truth. */
export interface EmojiScene {
  width: number;
  height: number;
  /** width * height * 4 bytes, RGBA, alpha 255. */
  data: Uint8ClampedArray;
  /** Ground-truth objects in drawing order (later ones are on top). */
  objects: EmojiSceneObject[];
  /** How the scene was made (for tests and dataset statistics). */
  stats: { placed: number; dropped: number; distractors: number; background: BackgroundKind; degradation: Degradation | null };
}

/** A planned sprite: glyph, look, centre and half extents. */
interface Plan {
  mip: GlyphMipmap;
  look: SpriteLook;
  cx: number;
  cy: number;
  hw: number;
  hh: number;
  /** 0 for a distractor. */
  categoryId: number;
}

const ALL_IDS = EMOJI_VOC_CLASSES.map((c) => c.id);

/**
 * Generates one Emoji-VOC scene, VOC-like: 1-6 class emoji of varied size, stretch, rotation, mirror
 * and colour over a varied background, overlapping and cut off at the border, with 0-3 unlabelled
 * distractor emoji and camera-like degradations. Pure and deterministic: the same seed, atlas and
 * options give byte-identical output in Node and in a browser worker of the same JS engine (V8);
 * another engine may differ in the last bit of Math.sin/exp/log and so in a few pixel values.
 * @param seed any integer; the splits in splits.ts fix which seeds form train/val/test.
 */
export function generateScene(seed: number, atlas: SpriteAtlas, options: GenerateSceneOptions = {}): EmojiScene {
  const {
    sizeRange = [240, 640], aspectRange = [0.5, 2], objectCount = [1, 6], minObjectSize = 24, maxObjectFraction = 0.8,
    distractorCount = [0, 3], categoryIds = ALL_IDS, background = 'random', flatColour, photos = [], effects = true,
    minVisible = 0.35, boxMode = 'drawn',
  } = options;
  checkRange('objectCount', objectCount, 1);
  checkRange('distractorCount', distractorCount, 0);
  if (categoryIds.length === 0) throw new Error('generateScene: categoryIds is empty');
  categoryIds.forEach(classById);
  const rng = createRng(seed);
  // Independent streams: changing the background option leaves the layout unchanged, and so on.
  const bgRng = rng.fork(), layoutRng = rng.fork(), fxRng = rng.fork();
  if ((options.width === undefined) !== (options.height === undefined)) throw new Error(`generateScene: give both width and height or neither, got ${options.width}x${options.height}`);
  const size = options.width !== undefined && options.height !== undefined
    ? { width: options.width, height: options.height }
    : sampleImageSize(layoutRng, sizeRange, aspectRange);
  const { width: W, height: H } = size;
  const canvas = createSceneCanvas(W, H);
  const lookOptions = { jitter: effects };
  const minSide = Math.min(W, H);
  const maxSize = Math.max(minObjectSize, maxObjectFraction * minSide);

  // Objects: each placed so that it keeps most of itself in view and hides at most half of any earlier one.
  const wanted = layoutRng.int(objectCount[0], objectCount[1]);
  const objects: Plan[] = [];
  for (let k = 0; k < wanted; k++) {
    const cls = classById(layoutRng.pick(categoryIds));
    const mip = glyphMipmap(atlas, pickClassEmoji(layoutRng, cls));
    for (let attempt = 0; attempt < 25; attempt++) {
      const look = sampleSpriteLook(layoutRng, mip.w, mip.h, layoutRng.logUniform(minObjectSize, maxSize), lookOptions);
      const plan = placeObject(layoutRng, mip, look, W, H, objects, cls.id);
      if (objects.length === 0 || objects.every((o) => overlapOf(o, plan) <= 0.5)) { objects.push(plan); break; }
    }
  }
  // Distractors: never covering more than 30 % of an object's box, in front of or behind objects.
  const drawOrder: Plan[] = [...objects];
  const nDistractors = layoutRng.int(distractorCount[0], distractorCount[1]);
  let distractors = 0;
  for (let k = 0; k < nDistractors; k++) {
    const mip = glyphMipmap(atlas, layoutRng.pick(DISTRACTOR_EMOJI));
    for (let attempt = 0; attempt < 25; attempt++) {
      const look = sampleSpriteLook(layoutRng, mip.w, mip.h, layoutRng.logUniform(minObjectSize, Math.max(minObjectSize, 0.5 * minSide)), lookOptions);
      const plan = placeObject(layoutRng, mip, look, W, H, [], 0);
      if (objects.every((o) => overlapOf(o, plan) <= 0.3)) {
        drawOrder.splice(layoutRng.int(0, drawOrder.length), 0, plan);
        distractors++;
        break;
      }
    }
  }

  const kind = renderBackground(canvas, bgRng, { kind: background, flatColour, photos });
  const owner = new Uint8Array(W * H);
  const coverage = new Map<Plan, SpriteCoverage>();
  for (const p of drawOrder) {
    const id = p.categoryId === 0 ? 0 : objects.indexOf(p) + 1;
    coverage.set(p, drawSprite(canvas, { mip: p.mip, cx: p.cx, cy: p.cy, ...p.look }, owner, id));
  }
  const degradation = effects ? degradeImage(canvas, fxRng) : null;

  const visible = visibleStats(owner, W, objects.length);
  const out: EmojiSceneObject[] = [];
  objects.forEach((p, i) => {
    const cov = coverage.get(p)!;
    const seen = visible.count[i + 1];
    const [ex0, ey0, ex1, ey1] = cov.extent;
    // Whole mask area: counted exactly when the glyph lies inside the image, else estimated from the
    // glyph's scale-1 area (blur and resampling make that estimate a few % off, hence the max).
    const whole = ex0 >= 0 && ey0 >= 0 && ex1 <= W && ey1 <= H ? cov.maskPixels : Math.max(cov.maskPixels, cov.fullMaskArea);
    if (cov.box === null || seen === 0 || seen / whole < minVisible) return;
    const b = boxMode === 'visible' ? visible.boxes[i + 1] : cov.box;
    const truncated = (cov.box[0] === 0 && ex0 < 0) || (cov.box[1] === 0 && ey0 < 0) || (cov.box[2] === W && ex1 > W) || (cov.box[3] === H && ey1 > H);
    out.push({ bbox: [b[0], b[1], b[2] - b[0], b[3] - b[1]], categoryId: p.categoryId, emoji: p.mip.emoji, truncated, occluded: 1 - seen / cov.maskPixels });
  });
  return {
    width: W, height: H, data: canvasToRgba(canvas), objects: out,
    stats: { placed: objects.length, dropped: objects.length - out.length, distractors, background: kind, degradation },
  };
}

/**
 * Picks a centre for a sprite: usually anywhere it fits inside the image; in 25 % of cases pushed over
 * a border (or two) so that 10-60 % of its extent is cut off; and when earlier objects exist, in 30 %
 * of cases right next to one of them so that they overlap.
 */
function placeObject(rng: Rng, mip: GlyphMipmap, look: SpriteLook, W: number, H: number, earlier: readonly Plan[], categoryId: number): Plan {
  const [hw, hh] = spriteHalfExtent(mip.w, mip.h, look.sx, look.sy, look.angle);
  const inside = (half: number, side: number): number => (2 * half <= side ? rng.uniform(half, side - half) : rng.uniform(side - half, half));
  const overBorder = (half: number, side: number, t: number): number => (rng.chance(0.5) ? half - 2 * half * t : side - half + 2 * half * t);
  let cx: number, cy: number;
  if (rng.chance(0.25)) {
    const axis = rng.int(0, 2);
    cx = axis === 1 ? inside(hw, W) : overBorder(hw, W, axis === 0 ? rng.uniform(0.1, 0.6) : rng.uniform(0.1, 0.35));
    cy = axis === 0 ? inside(hh, H) : overBorder(hh, H, axis === 1 ? rng.uniform(0.1, 0.6) : rng.uniform(0.1, 0.35));
  } else {
    cx = inside(hw, W);
    cy = inside(hh, H);
    if (earlier.length > 0 && rng.chance(0.3)) {
      const o = rng.pick(earlier);
      const phi = rng.uniform(0, 2 * Math.PI), k = rng.uniform(0.4, 0.9);
      const clampTo = (v: number, half: number, side: number): number => (2 * half <= side ? Math.min(side - half, Math.max(half, v)) : v);
      cx = clampTo(o.cx + Math.cos(phi) * (o.hw + hw) * k, hw, W);
      cy = clampTo(o.cy + Math.sin(phi) * (o.hh + hh) * k, hh, H);
    }
  }
  return { mip, look, cx, cy, hw, hh, categoryId };
}

/** Area of the intersection of the two plans' boxes over the area of `under`'s box. */
function overlapOf(under: Plan, over: Plan): number {
  const iw = Math.min(under.cx + under.hw, over.cx + over.hw) - Math.max(under.cx - under.hw, over.cx - over.hw);
  const ih = Math.min(under.cy + under.hh, over.cy + over.hh) - Math.max(under.cy - under.hh, over.cy - over.hh);
  return iw > 0 && ih > 0 ? (iw * ih) / (4 * under.hw * under.hh) : 0;
}

/** Per owner id: pixel count and tight box [x1, y1, x2, y2] of the pixels it owns (topmost). */
function visibleStats(owner: Uint8Array, W: number, n: number): { count: Int32Array; boxes: number[][] } {
  const count = new Int32Array(n + 1);
  const boxes = Array.from({ length: n + 1 }, () => [Infinity, Infinity, -Infinity, -Infinity]);
  const H = owner.length / W;
  for (let y = 0, p = 0; y < H; y++) {
    for (let x = 0; x < W; x++, p++) {
      const id = owner[p];
      if (id === 0) continue;
      count[id]++;
      const b = boxes[id];
      if (x < b[0]) b[0] = x;
      if (y < b[1]) b[1] = y;
      if (x + 1 > b[2]) b[2] = x + 1;
      if (y + 1 > b[3]) b[3] = y + 1;
    }
  }
  return { count, boxes };
}

function checkRange(name: string, r: readonly [number, number], min: number): void {
  if (!(Number.isInteger(r[0]) && Number.isInteger(r[1]) && r[0] >= min && r[0] <= r[1])) {
    throw new Error(`generateScene: ${name} must be integers ${min} <= min <= max, got [${r[0]}, ${r[1]}]`);
  }
}
