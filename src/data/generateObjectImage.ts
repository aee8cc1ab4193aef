import { DISTRACTOR_EMOJI, EMOJI_VOC_CLASSES, classById } from './classes';
import { createRng, type Rng } from './createRng';
import { degradeImage } from './degradeImage';
import { drawSprite, spriteHalfExtent } from './drawSprite';
import { glyphMipmap, type GlyphMipmap } from './glyphMipmap';
import { renderBackground, type BackgroundKind } from './renderBackground';
import { pickClassEmoji, sampleSpriteLook, type SpriteLook } from './sampleSpriteLook';
import { sampleImageSize } from './sampleImageSize';
import { canvasToRgba, createSceneCanvas, type RgbaBytes } from './sceneCanvas';
import type { SpriteAtlas } from './spriteAtlas';

/** Options of {@link generateObjectImage}. */
export interface GenerateObjectImageOptions {
  /** Side of the square image in pixels (training crops); ignored when `arbitrary`. @default 144 */
  size?: number;
  /** Random size and aspect (sides in sizeRange, width / height in aspectRange) for testing. @default false */
  arbitrary?: boolean;
  /** [min, max] pixels per side when `arbitrary`. @default [64, 400] */
  sizeRange?: readonly [number, number];
  /** [min, max] width / height when `arbitrary`. @default [0.5, 2] */
  aspectRange?: readonly [number, number];
  /** Object's longer side as a fraction of the shorter image side, [min, max]. @default [0.35, 0.9] */
  objectFraction?: readonly [number, number];
  /** [min, max] number of small unlabelled distractor emoji. @default [0, 2] */
  distractorCount?: readonly [number, number];
  /** Probability that the object is partly cut off by the border (up to 30 % of its extent). @default 0.25 */
  cropProbability?: number;
  /** Category ids the object is drawn from. @default 1..20 */
  categoryIds?: readonly number[];
  /** Background family, or 'random'. @default 'random' */
  background?: BackgroundKind | 'random';
  /** Colour of a 'flat' background, RGB 0..255 (random when unset). */
  flatColour?: readonly [number, number, number];
  /** CC0 / public-domain photos for background crops. @default [] */
  photos?: readonly RgbaBytes[];
  /** Colour jitter, rotation, blur and whole-image degradations. @default true */
  effects?: boolean;
}

/** A single-object image for classification: RGBA pixels, the class and the object's box. */
export interface ObjectImage {
  width: number;
  height: number;
  /** width * height * 4 bytes, RGBA, alpha 255. */
  data: Uint8ClampedArray;
  /** Class id 1..20. */
  categoryId: number;
  /** The emoji string drawn. */
  emoji: string;
  /** [x, y, w, h] image pixels: tight box of the object's pixels with alpha > 25 %, clipped to the image. */
  bbox: [number, number, number, number];
}

const ALL_IDS = EMOJI_VOC_CLASSES.map((c) => c.id);

/**
 * Generates one classification image: a single class emoji filling roughly 35-90 % of the image's
 * shorter side on a varied background, sometimes cut by the border, with 0-2 small distractors that
 * barely touch it. Deterministic in (seed, atlas, options).
 */
export function generateObjectImage(seed: number, atlas: SpriteAtlas, options: GenerateObjectImageOptions = {}): ObjectImage {
  const {
    size = 144, arbitrary = false, sizeRange = [64, 400], aspectRange = [0.5, 2], objectFraction = [0.35, 0.9],
    distractorCount = [0, 2], cropProbability = 0.25, categoryIds = ALL_IDS, background = 'random', flatColour,
    photos = [], effects = true,
  } = options;
  if (!arbitrary && !(Number.isInteger(size) && size >= 8)) throw new Error(`generateObjectImage: size must be an integer >= 8, got ${size}`);
  if (!(objectFraction[0] > 0 && objectFraction[0] <= objectFraction[1])) throw new Error(`generateObjectImage: objectFraction must be 0 < min <= max, got [${objectFraction.join(', ')}]`);
  if (categoryIds.length === 0) throw new Error('generateObjectImage: categoryIds is empty');
  const rng = createRng(seed);
  const bgRng = rng.fork(), layoutRng = rng.fork(), fxRng = rng.fork();
  const { width: W, height: H } = arbitrary ? sampleImageSize(layoutRng, sizeRange, aspectRange) : { width: size, height: size };
  const minSide = Math.min(W, H);
  const lookOptions = { jitter: effects };

  const cls = classById(layoutRng.pick(categoryIds));
  const mip = glyphMipmap(atlas, pickClassEmoji(layoutRng, cls));
  const look = sampleSpriteLook(layoutRng, mip.w, mip.h, layoutRng.uniform(objectFraction[0], objectFraction[1]) * minSide, lookOptions);
  const [hw, hh] = spriteHalfExtent(mip.w, mip.h, look.sx, look.sy, look.angle);
  const crop = layoutRng.chance(cropProbability);
  const tx = crop && layoutRng.chance(0.5) ? layoutRng.uniform(0.05, 0.3) : 0;
  const ty = crop && tx === 0 ? layoutRng.uniform(0.05, 0.3) : 0;
  const centre = (half: number, side: number, t: number): number => {
    const lo = half - 2 * half * t, hi = side - half + 2 * half * t;
    if (lo > hi) return side / 2 + layoutRng.uniform(-0.5, 0.5) * (lo - hi); // larger than the image
    // Cut-off objects go to one border; others anywhere they fit.
    return t > 0 ? (layoutRng.chance(0.5) ? lo : hi) : layoutRng.uniform(lo, hi);
  };
  const cx = centre(hw, W, tx), cy = centre(hh, H, ty);
  const object = { mip, look, cx, cy, hw, hh };

  const behind: Placed[] = [], front: Placed[] = [];
  const n = layoutRng.int(distractorCount[0], distractorCount[1]);
  for (let k = 0; k < n; k++) {
    const dmip = glyphMipmap(atlas, layoutRng.pick(DISTRACTOR_EMOJI));
    for (let attempt = 0; attempt < 20; attempt++) {
      const d = placeSmall(layoutRng, dmip, layoutRng.uniform(0.12, 0.3) * minSide, W, H, lookOptions);
      if (overlapOf(object, d) <= 0.15) { (layoutRng.chance(0.5) ? behind : front).push(d); break; }
    }
  }

  const canvas = createSceneCanvas(W, H);
  renderBackground(canvas, bgRng, { kind: background, flatColour, photos });
  const draw = (p: Placed) => drawSprite(canvas, { mip: p.mip, cx: p.cx, cy: p.cy, ...p.look });
  behind.forEach(draw);
  const cov = draw(object);
  front.forEach(draw);
  if (effects) degradeImage(canvas, fxRng);
  const b = cov.box ?? [0, 0, W, H];
  return { width: W, height: H, data: canvasToRgba(canvas), categoryId: cls.id, emoji: mip.emoji, bbox: [b[0], b[1], b[2] - b[0], b[3] - b[1]] };
}

interface Placed {
  mip: GlyphMipmap;
  look: SpriteLook;
  cx: number;
  cy: number;
  hw: number;
  hh: number;
}

/** A distractor of longer side `size` anywhere in the image (possibly cut by the border). */
function placeSmall(rng: Rng, mip: GlyphMipmap, size: number, W: number, H: number, lookOptions: { jitter: boolean }): Placed {
  const look = sampleSpriteLook(rng, mip.w, mip.h, size, lookOptions);
  const [hw, hh] = spriteHalfExtent(mip.w, mip.h, look.sx, look.sy, look.angle);
  return { mip, look, cx: rng.uniform(0, W), cy: rng.uniform(0, H), hw, hh };
}

/** Area of the intersection of the two boxes over the area of `under`'s box. */
function overlapOf(under: Placed, over: Placed): number {
  const iw = Math.min(under.cx + under.hw, over.cx + over.hw) - Math.max(under.cx - under.hw, over.cx - over.hw);
  const ih = Math.min(under.cy + under.hh, over.cy + over.hh) - Math.max(under.cy - under.hh, over.cy - over.hh);
  return iw > 0 && ih > 0 ? (iw * ih) / (4 * under.hw * under.hh) : 0;
}
