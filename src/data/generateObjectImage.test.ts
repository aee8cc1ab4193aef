import { beforeAll, describe, expect, it } from 'vitest';
import { EMOJI_VOC_CLASSES } from './classes';
import { generateObjectImage } from './generateObjectImage';
import { loadAtlasNode } from './node/loadAtlasNode';
import type { SpriteAtlas } from './spriteAtlas';

let atlas: SpriteAtlas;
beforeAll(async () => { atlas = await loadAtlasNode(); });

describe('generateObjectImage', () => {
  it('same seed, same bytes; different seeds differ', () => {
    const a = generateObjectImage(5, atlas), b = generateObjectImage(5, atlas), c = generateObjectImage(6, atlas);
    expect(Buffer.from(a.data.buffer).equals(Buffer.from(b.data.buffer))).toBe(true);
    expect(a.bbox).toEqual(b.bbox);
    expect(Buffer.from(a.data.buffer).equals(Buffer.from(c.data.buffer))).toBe(false);
  });

  it('fixed size gives size x size images whose object spans roughly 35-90 % of the side', () => {
    const spans: number[] = [];
    for (let s = 0; s < 60; s++) {
      const img = generateObjectImage(s, atlas, { size: 96 });
      expect([img.width, img.height]).toEqual([96, 96]);
      expect(img.data.length).toBe(96 * 96 * 4);
      const [x, y, w, h] = img.bbox;
      expect(x >= 0 && y >= 0 && x + w <= 96 && y + h <= 96 && w >= 4 && h >= 4).toBe(true);
      spans.push(Math.max(w, h) / 96);
    }
    spans.sort((a, b) => a - b);
    const median = spans[spans.length >> 1];
    expect(median).toBeGreaterThan(0.35);
    expect(median).toBeLessThan(0.85);
    expect(spans[spans.length - 1]).toBeLessThanOrEqual(1);
  });

  it('arbitrary: sides in 64..400 and aspect 0.5..2, boxes inside', () => {
    let wide = 0, tall = 0;
    for (let s = 0; s < 40; s++) {
      const img = generateObjectImage(100 + s, atlas, { arbitrary: true });
      for (const side of [img.width, img.height]) { expect(side).toBeGreaterThanOrEqual(64); expect(side).toBeLessThanOrEqual(400); }
      const aspect = img.width / img.height;
      expect(aspect).toBeGreaterThanOrEqual(0.5);
      expect(aspect).toBeLessThanOrEqual(2);
      if (aspect > 1.3) wide++;
      if (aspect < 0.77) tall++;
      const [x, y, w, h] = img.bbox;
      expect(x >= 0 && y >= 0 && x + w <= img.width && y + h <= img.height).toBe(true);
    }
    expect(wide).toBeGreaterThan(3);
    expect(tall).toBeGreaterThan(3);
  });

  it('covers every class within 200 seeds, and categoryIds restricts the class', () => {
    const seen = new Set<number>();
    for (let s = 0; s < 200 && seen.size < 20; s++) seen.add(generateObjectImage(s, atlas, { size: 32, effects: false, background: 'flat' }).categoryId);
    expect(seen.size).toBe(EMOJI_VOC_CLASSES.length);
    for (let s = 0; s < 10; s++) expect(generateObjectImage(s, atlas, { size: 32, categoryIds: [8] }).categoryId).toBe(8);
  });

  it('rejects a bad size with the value in the message', () => {
    expect(() => generateObjectImage(1, atlas, { size: 2.5 })).toThrow(/2\.5/);
  });
});
