import type { SpriteAtlas } from './spriteAtlas';

/** Alpha above which a pixel counts as part of an object (ground-truth boxes, visibility). */
export const MASK_ALPHA = 0.25;

/** One mip level of a glyph: premultiplied RGBA floats with a 1-pixel transparent border. */
export interface MipLevel {
  /** Glyph width at this level (ceil(w0 / 2^level)). */
  readonly w: number;
  /** Glyph height at this level. */
  readonly h: number;
  /** (w + 2) * (h + 2) * 4 floats: R, G, B premultiplied (0..255 * alpha), alpha 0..1; border is 0. */
  readonly data: Float32Array;
}

/** A glyph ready for resampling: mip levels (level k = 2^k atlas pixels a texel) and its mask area. */
export interface GlyphMipmap {
  readonly emoji: string;
  /** Level-0 (atlas) width and height in pixels. */
  readonly w: number;
  readonly h: number;
  readonly levels: readonly MipLevel[];
  /** Number of level-0 pixels with alpha > MASK_ALPHA (the object's area at scale 1). */
  readonly maskArea: number;
}

const cache = new WeakMap<SpriteAtlas, Map<string, GlyphMipmap>>();

/**
 * The mipmap of one glyph of the atlas, built on first use and cached per atlas (box-filtered 2x2
 * halvings down to <= 4 px). Minifying a 128-px glyph to 24 px straight from level 0 would alias.
 */
export function glyphMipmap(atlas: SpriteAtlas, emoji: string): GlyphMipmap {
  let byEmoji = cache.get(atlas);
  if (!byEmoji) { byEmoji = new Map(); cache.set(atlas, byEmoji); }
  const hit = byEmoji.get(emoji);
  if (hit) return hit;
  const r = atlas.glyphs[emoji];
  if (!r) throw new Error(`glyphMipmap: the atlas has no glyph for ${JSON.stringify(emoji)}`);
  const level0 = new Float32Array((r.w + 2) * (r.h + 2) * 4);
  let maskArea = 0;
  for (let y = 0; y < r.h; y++) {
    for (let x = 0; x < r.w; x++) {
      const s = ((r.y + y) * atlas.width + r.x + x) * 4;
      const d = ((y + 1) * (r.w + 2) + x + 1) * 4;
      const a = atlas.data[s + 3] / 255;
      level0[d] = atlas.data[s] * a;
      level0[d + 1] = atlas.data[s + 1] * a;
      level0[d + 2] = atlas.data[s + 2] * a;
      level0[d + 3] = a;
      if (a > MASK_ALPHA) maskArea++;
    }
  }
  const levels: MipLevel[] = [{ w: r.w, h: r.h, data: level0 }];
  while (Math.max(levels[levels.length - 1].w, levels[levels.length - 1].h) > 4) levels.push(halve(levels[levels.length - 1]));
  const mip: GlyphMipmap = { emoji, w: r.w, h: r.h, levels, maskArea };
  byEmoji.set(emoji, mip);
  return mip;
}

/** 2x2 box-filtered half of a level (pixels past an odd edge read the transparent border). */
function halve(src: MipLevel): MipLevel {
  const w = Math.ceil(src.w / 2), h = Math.ceil(src.h / 2);
  const sw = src.w + 2, dw = w + 2;
  const data = new Float32Array(dw * (h + 2) * 4);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const a = ((2 * y + 1) * sw + 2 * x + 1) * 4, b = a + sw * 4;
      const d = ((y + 1) * dw + x + 1) * 4;
      for (let c = 0; c < 4; c++) data[d + c] = 0.25 * (src.data[a + c] + src.data[a + 4 + c] + src.data[b + c] + src.data[b + 4 + c]);
    }
  }
  return { w, h, data };
}
