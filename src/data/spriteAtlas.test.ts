import { describe, expect, it } from 'vitest';
import { ALL_EMOJI } from './classes';
import { SPRITE_ATLAS_VERSION, atlasFromImageData, validateSpriteAtlas, type SpriteAtlas } from './spriteAtlas';
import { syntheticAtlas } from './syntheticAtlas';

describe('SpriteAtlas', () => {
  it('atlasFromImageData builds a validated atlas from the JSON and decoded RGBA bytes', () => {
    const rgba = new Uint8Array(8 * 4 * 4);
    const atlas = atlasFromImageData({ version: SPRITE_ATLAS_VERSION, font: 'f', glyphs: { a: { x: 1, y: 1, w: 3, h: 2 } } }, rgba, 8, 4);
    expect(atlas.width).toBe(8);
    expect(atlas.data).toBeInstanceOf(Uint8ClampedArray);
    expect(atlas.data.buffer).toBe(rgba.buffer); // no copy
    expect(atlas.glyphs.a).toEqual({ x: 1, y: 1, w: 3, h: 2 });
  });

  it('rejects a wrong version, a short buffer, a glyph outside the atlas and a missing required glyph, naming each', () => {
    const data = new Uint8ClampedArray(8 * 4 * 4);
    expect(() => atlasFromImageData({ version: 99, font: '', glyphs: {} }, data, 8, 4)).toThrow(/version 1, got 99/);
    expect(() => validateSpriteAtlas({ width: 8, height: 4, data: new Uint8ClampedArray(10), glyphs: {} })).toThrow(/got 10/);
    const outside: SpriteAtlas = { width: 8, height: 4, data, glyphs: { '\u{1F408}': { x: 6, y: 0, w: 3, h: 2 } } };
    expect(() => validateSpriteAtlas(outside)).toThrow(/"🐈".*outside the 8x4 atlas/);
    expect(() => validateSpriteAtlas({ width: 8, height: 4, data, glyphs: {} }, ['\u{1F408}'])).toThrow(/no glyph for "🐈"/);
  });

  it('the synthetic test atlas has every emoji and passes validation', () => {
    expect(() => validateSpriteAtlas(syntheticAtlas(), ALL_EMOJI)).not.toThrow();
  });
});
