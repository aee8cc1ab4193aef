import { describe, expect, it } from 'vitest';
import { IDENTITY_COLOUR } from './colourJitter';
import { drawSprite } from './drawSprite';
import { glyphMipmap } from './glyphMipmap';
import { createSceneCanvas } from './sceneCanvas';
import type { SpriteAtlas } from './spriteAtlas';

/** A 10x6 atlas holding one fully opaque 4x2 glyph "g": left half red, right half blue. */
function tinyAtlas(): SpriteAtlas {
  const width = 10, height = 6;
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 2; y < 4; y++) for (let x = 3; x < 7; x++) data.set(x < 5 ? [255, 0, 0, 255] : [0, 0, 255, 255], (y * width + x) * 4);
  return { width, height, data, glyphs: { g: { x: 3, y: 2, w: 4, h: 2 } } };
}

describe('drawSprite', () => {
  it('scale 4, no rotation: covers exactly the scaled glyph rectangle; mask area = glyph area * sx * sy', () => {
    const canvas = createSceneCanvas(40, 30);
    const mip = glyphMipmap(tinyAtlas(), 'g');
    const cov = drawSprite(canvas, { mip, cx: 20, cy: 15, sx: 4, sy: 4, angle: 0, flip: false });
    expect(cov.box).toEqual([12, 11, 28, 19]);
    expect(cov.extent).toEqual([12, 11, 28, 19]);
    expect(cov.fullMaskArea).toBe(8 * 16);
    expect(Math.abs(cov.maskPixels - 128)).toBeLessThanOrEqual(16 + 8);
    const px = (x: number, y: number) => Array.from(canvas.rgb.subarray(3 * (y * 40 + x), 3 * (y * 40 + x) + 3)).map(Math.round);
    expect(px(14, 15)).toEqual([255, 0, 0]); // left half red
    expect(px(25, 15)).toEqual([0, 0, 255]); // right half blue
    expect(px(5, 5)).toEqual([0, 0, 0]);
  });

  it('flip mirrors the glyph; the owner map records the topmost object; an off-image sprite draws nothing', () => {
    const canvas = createSceneCanvas(40, 30);
    const owner = new Uint8Array(40 * 30);
    const mip = glyphMipmap(tinyAtlas(), 'g');
    drawSprite(canvas, { mip, cx: 20, cy: 15, sx: 4, sy: 4, angle: 0, flip: true, colour: IDENTITY_COLOUR }, owner, 3);
    expect(Math.round(canvas.rgb[3 * (15 * 40 + 14) + 2])).toBe(255); // left half now blue
    expect(owner[15 * 40 + 20]).toBe(3);
    expect(owner[0]).toBe(0);
    const off = drawSprite(canvas, { mip, cx: -50, cy: 15, sx: 2, sy: 2, angle: 0, flip: false });
    expect(off.maskPixels).toBe(0);
    expect(off.box).toBeNull();
  });

  it('rotating by 90 degrees swaps the box sides', () => {
    const mip = glyphMipmap(tinyAtlas(), 'g');
    const cov = drawSprite(createSceneCanvas(40, 40), { mip, cx: 20, cy: 20, sx: 4, sy: 4, angle: Math.PI / 2, flip: false });
    const [x1, y1, x2, y2] = cov.box!;
    expect([x2 - x1, y2 - y1]).toEqual([8, 16]);
  });

  it('a strong minification samples a mip level, keeping edge pixels blended (no aliasing to pure colours)', () => {
    const mip = glyphMipmap(tinyAtlas(), 'g');
    expect(mip.levels.length).toBe(1); // 4x2 needs no smaller level
    const canvas = createSceneCanvas(8, 8);
    drawSprite(canvas, { mip, cx: 4, cy: 4, sx: 1, sy: 1, angle: 0, flip: false });
    expect(Math.round(canvas.rgb[3 * (4 * 8 + 3)])).toBe(255);
  });
});
