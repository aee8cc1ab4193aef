import { beforeAll, describe, expect, it } from 'vitest';
import { EMOJI_VOC_CLASSES, classEmoji } from './classes';
import { generateScene } from './generateScene';
import { loadAtlasNode } from './node/loadAtlasNode';
import type { SpriteAtlas } from './spriteAtlas';
import { syntheticAtlas } from './syntheticAtlas';

let atlas: SpriteAtlas;
beforeAll(async () => { atlas = await loadAtlasNode(); });

/** Small scenes keep the many-seed tests fast; the generator's logic does not depend on size. */
const SMALL = { sizeRange: [120, 200] as [number, number] };

describe('generateScene', () => {
  it('same seed and atlas give byte-identical scenes; different seeds differ', () => {
    const a = generateScene(7, atlas), b = generateScene(7, atlas), c = generateScene(8, atlas);
    expect(a.width).toBe(b.width);
    expect(Buffer.from(a.data.buffer).equals(Buffer.from(b.data.buffer))).toBe(true);
    expect(a.objects).toEqual(b.objects);
    expect(a.data.length === c.data.length && Buffer.from(a.data.buffer).equals(Buffer.from(c.data.buffer))).toBe(false);
  });

  it('over 50 scenes: sides in 240..640, aspect in 0.5..2, 1-6 objects placed, 0-3 distractors, opaque RGBA', () => {
    const aspects: number[] = [];
    for (let s = 0; s < 50; s++) {
      const sc = generateScene(1000 + s, atlas);
      for (const side of [sc.width, sc.height]) { expect(side).toBeGreaterThanOrEqual(240); expect(side).toBeLessThanOrEqual(640); }
      const aspect = sc.width / sc.height;
      aspects.push(aspect);
      expect(aspect).toBeGreaterThanOrEqual(0.5 - 1e-9);
      expect(aspect).toBeLessThanOrEqual(2 + 1e-9);
      expect(sc.stats.placed).toBeGreaterThanOrEqual(1);
      expect(sc.stats.placed).toBeLessThanOrEqual(6);
      expect(sc.stats.distractors).toBeLessThanOrEqual(3);
      expect(sc.objects.length).toBe(sc.stats.placed - sc.stats.dropped);
      expect(sc.data.length).toBe(sc.width * sc.height * 4);
      for (let i = 3; i < sc.data.length; i += 4 * 97) expect(sc.data[i]).toBe(255);
    }
    // The ranges are actually explored, not just respected.
    expect(Math.min(...aspects)).toBeLessThan(0.8);
    expect(Math.max(...aspects)).toBeGreaterThan(1.25);
  });

  it('ground-truth boxes are inside the image, non-degenerate, with valid class, occlusion and emoji', () => {
    let total = 0;
    for (let s = 0; s < 40; s++) {
      const sc = generateScene(2000 + s, atlas, SMALL);
      for (const o of sc.objects) {
        const [x, y, w, h] = o.bbox;
        expect(x).toBeGreaterThanOrEqual(0);
        expect(y).toBeGreaterThanOrEqual(0);
        expect(x + w).toBeLessThanOrEqual(sc.width);
        expect(y + h).toBeLessThanOrEqual(sc.height);
        expect(w).toBeGreaterThanOrEqual(2);
        expect(h).toBeGreaterThanOrEqual(2);
        expect(o.occluded).toBeGreaterThanOrEqual(0);
        expect(o.occluded).toBeLessThanOrEqual(1);
        expect(classEmoji(EMOJI_VOC_CLASSES[o.categoryId - 1])).toContain(o.emoji);
        if (o.truncated) expect(x === 0 || y === 0 || x + w === sc.width || y + h === sc.height).toBe(true);
        total++;
      }
    }
    expect(total).toBeGreaterThan(60);
  });

  it('every class appears within 300 seeds', () => {
    const seen = new Set<number>();
    for (let s = 0; s < 300 && seen.size < 20; s++) {
      for (const o of generateScene(s, atlas, { ...SMALL, background: 'flat', effects: false }).objects) seen.add(o.categoryId);
    }
    expect([...seen].sort((a, b) => a - b)).toEqual(EMOJI_VOC_CLASSES.map((c) => c.id));
  });

  it('about a quarter of objects are cut off by the border and some are occluded (VOC-like)', () => {
    let truncated = 0, occluded = 0, total = 0;
    for (let s = 0; s < 80; s++) {
      const sc = generateScene(3000 + s, atlas, SMALL);
      truncated += sc.objects.filter((o) => o.truncated).length;
      occluded += sc.objects.filter((o) => o.occluded > 0.1).length;
      total += sc.objects.length;
    }
    expect(truncated / total).toBeGreaterThan(0.12);
    expect(truncated / total).toBeLessThan(0.45);
    expect(occluded / total).toBeGreaterThan(0.03);
  });

  it('one object on a flat background: every changed pixel lies inside its box +-1 px', () => {
    const bg: [number, number, number] = [40, 90, 200];
    for (const seed of [1, 2, 3, 4, 5]) {
      const sc = generateScene(seed, atlas, { width: 200, height: 160, objectCount: [1, 1], distractorCount: [0, 0], background: 'flat', flatColour: bg, effects: false });
      expect(sc.objects).toHaveLength(1);
      const [x, y, w, h] = sc.objects[0].bbox;
      let changed = 0;
      for (let py = 0; py < sc.height; py++) {
        for (let px = 0; px < sc.width; px++) {
          const i = (py * sc.width + px) * 4;
          const diff = Math.abs(sc.data[i] - bg[0]) + Math.abs(sc.data[i + 1] - bg[1]) + Math.abs(sc.data[i + 2] - bg[2]);
          if (diff <= 24) continue; // faint anti-aliasing (alpha < ~10 %) may spill past the 25 % box
          changed++;
          expect(px >= x - 1 && px < x + w + 1 && py >= y - 1 && py < y + h + 1, `seed ${seed}: pixel (${px}, ${py}) outside box [${x}, ${y}, ${w}, ${h}]`).toBe(true);
        }
      }
      // And the box is tight: its area is mostly object pixels (emoji fill much of their rectangle).
      expect(changed).toBeGreaterThan(0.3 * w * h);
    }
  });

  it("boxMode 'visible' boxes lie within the 'drawn' boxes", () => {
    for (let s = 0; s < 20; s++) {
      const drawn = generateScene(4000 + s, atlas, SMALL);
      const visible = generateScene(4000 + s, atlas, { ...SMALL, boxMode: 'visible' });
      expect(visible.objects.length).toBe(drawn.objects.length);
      visible.objects.forEach((o, i) => {
        const d = drawn.objects[i].bbox, v = o.bbox;
        expect(v[0]).toBeGreaterThanOrEqual(d[0]);
        expect(v[1]).toBeGreaterThanOrEqual(d[1]);
        expect(v[0] + v[2]).toBeLessThanOrEqual(d[0] + d[2]);
        expect(v[1] + v[3]).toBeLessThanOrEqual(d[1] + d[3]);
      });
    }
  });

  it('objects showing less than minVisible of themselves are dropped; at least one always stays', () => {
    // Synthetic opaque ellipses, six large objects in a small image: heavy overlap and cut-offs.
    const synth = syntheticAtlas();
    const crowded = { width: 120, height: 120, objectCount: [6, 6] as [number, number], distractorCount: [0, 0] as [number, number], minObjectSize: 60, maxObjectFraction: 0.9, effects: false };
    let dropped = 0;
    for (let s = 0; s < 40; s++) {
      const sc = generateScene(s, synth, crowded);
      dropped += sc.stats.dropped;
      // Nothing covers the last object drawn and placement cuts at most 60 % of it off.
      expect(sc.objects.length).toBeGreaterThanOrEqual(1);
    }
    expect(dropped).toBeGreaterThan(10);
    // With minVisible 0.99 only (nearly) whole, unhidden objects remain.
    for (let s = 0; s < 15; s++) {
      const sc = generateScene(5000 + s, atlas, { ...SMALL, minVisible: 0.99 });
      for (const o of sc.objects) expect(o.occluded).toBeLessThan(0.02);
    }
  });

  it('options are validated with messages that quote the bad value', () => {
    expect(() => generateScene(1, atlas, { objectCount: [0, 3] })).toThrow(/objectCount.*\[0, 3\]/);
    expect(() => generateScene(1, atlas, { categoryIds: [21] })).toThrow(/21/);
    expect(() => generateScene(1, atlas, { width: 100 })).toThrow(/both width and height/);
    expect(() => generateScene(1, atlas, { sizeRange: [500, 200] })).toThrow(/\[500, 200\]/);
  });
});
