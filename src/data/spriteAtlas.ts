/**
 * The emoji sprite atlas: one RGBA image holding every glyph the generator draws, trimmed to its alpha
 * bounding box, plus the rectangle of each glyph. Built by scripts/build-atlas.ts and shipped as
 * public/sprites/emoji-atlas.{png,json}; loaded by src/data/node/loadAtlasNode.ts in Node and, in the
 * browser, by decoding the PNG to ImageData and calling {@link atlasFromImageData}.
 */

/** A glyph rectangle in atlas pixels (integers; x, y = top-left, w, h > 0). */
export interface GlyphRect {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** Decoded atlas: RGBA bytes (straight, not premultiplied alpha) and glyph rectangles by emoji string. */
export interface SpriteAtlas {
  /** Atlas width in pixels. */
  readonly width: number;
  /** Atlas height in pixels. */
  readonly height: number;
  /** width * height * 4 bytes, RGBA, row-major, straight alpha. */
  readonly data: Uint8ClampedArray;
  /** Glyph rectangle of every emoji, keyed by the exact emoji string (VS16 included). */
  readonly glyphs: Readonly<Record<string, GlyphRect>>;
}

/** The JSON file written beside the atlas PNG. */
export interface SpriteAtlasJson {
  /** Format version (1). */
  readonly version: number;
  /** Font name, version and licence the glyphs were rendered from. */
  readonly font: string;
  /** Glyph rectangle of every emoji, keyed by the exact emoji string. */
  readonly glyphs: Readonly<Record<string, GlyphRect>>;
}

/** Current atlas JSON format version. */
export const SPRITE_ATLAS_VERSION = 1;

/**
 * Throws a message naming the problem unless `atlas` is well formed: integer size, data of
 * width * height * 4 bytes, and every glyph rectangle a non-empty integer rectangle inside the atlas.
 * @param required emoji that must have a glyph (e.g. `ALL_EMOJI`); a missing one is named.
 */
export function validateSpriteAtlas(atlas: SpriteAtlas, required: readonly string[] = []): void {
  const { width, height, data, glyphs } = atlas;
  if (!Number.isInteger(width) || width <= 0 || !Number.isInteger(height) || height <= 0) {
    throw new Error(`SpriteAtlas: width and height must be positive integers, got ${width}x${height}`);
  }
  if (!(data instanceof Uint8ClampedArray) || data.length !== width * height * 4) {
    throw new Error(`SpriteAtlas: data must be a Uint8ClampedArray of width * height * 4 = ${width * height * 4} bytes, got ${data?.length}`);
  }
  if (glyphs === null || typeof glyphs !== 'object') throw new Error('SpriteAtlas: glyphs must be an object { [emoji]: {x, y, w, h} }');
  for (const [emoji, r] of Object.entries(glyphs)) {
    const ok = [r.x, r.y, r.w, r.h].every(Number.isInteger) && r.x >= 0 && r.y >= 0 && r.w > 0 && r.h > 0 && r.x + r.w <= width && r.y + r.h <= height;
    if (!ok) throw new Error(`SpriteAtlas: glyph ${JSON.stringify(emoji)} has rect ${JSON.stringify(r)} outside the ${width}x${height} atlas or empty`);
  }
  const missing = required.filter((e) => !(e in glyphs));
  if (missing.length > 0) throw new Error(`SpriteAtlas: no glyph for ${missing.map((e) => JSON.stringify(e)).join(', ')} (rebuild with npm run atlas)`);
}

/**
 * Builds a validated {@link SpriteAtlas} from the atlas JSON and the decoded PNG's RGBA bytes (e.g. the
 * `data` of a canvas `ImageData`; straight alpha as canvases return it).
 * @param json parsed emoji-atlas.json.
 * @param rgba width * height * 4 bytes (copied only if not already a Uint8ClampedArray).
 */
export function atlasFromImageData(json: SpriteAtlasJson, rgba: Uint8ClampedArray | Uint8Array, width: number, height: number): SpriteAtlas {
  if (json === null || typeof json !== 'object' || json.version !== SPRITE_ATLAS_VERSION) {
    throw new Error(`atlasFromImageData: expected atlas JSON version ${SPRITE_ATLAS_VERSION}, got ${JSON.stringify((json as { version?: unknown } | null)?.version)}`);
  }
  const data = rgba instanceof Uint8ClampedArray ? rgba : new Uint8ClampedArray(rgba.buffer, rgba.byteOffset, rgba.byteLength);
  const atlas: SpriteAtlas = { width, height, data, glyphs: json.glyphs };
  validateSpriteAtlas(atlas);
  return atlas;
}
