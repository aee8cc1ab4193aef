import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ALL_EMOJI } from '../classes';
import type { SpriteAtlas } from '../spriteAtlas';
import { DEFAULT_SPRITES_DIR, loadAtlasNode } from './loadAtlasNode';
import { DEFAULT_BACKGROUNDS_DIR, loadBackgroundsNode } from './loadBackgroundsNode';

let atlas: SpriteAtlas;
beforeAll(async () => { atlas = await loadAtlasNode(); });

describe('shipped emoji atlas (public/sprites)', () => {
  it('has a glyph for every class emoji, variant and distractor, inside the atlas', () => {
    for (const e of ALL_EMOJI) {
      const r = atlas.glyphs[e];
      expect(r, JSON.stringify(e)).toBeDefined();
      expect(r.x).toBeGreaterThanOrEqual(1); // a transparent gutter surrounds every glyph
      expect(r.y).toBeGreaterThanOrEqual(1);
      expect(r.x + r.w).toBeLessThanOrEqual(atlas.width - 1);
      expect(r.y + r.h).toBeLessThanOrEqual(atlas.height - 1);
      expect(Math.max(r.w, r.h)).toBeGreaterThanOrEqual(100); // rendered near 128 px
    }
  });

  it('every glyph is mostly opaque and shaded (not a flat fallback silhouette), trimmed tight, with a clear gutter', () => {
    const alpha = (x: number, y: number) => atlas.data[(y * atlas.width + x) * 4 + 3];
    let colourful = 0;
    for (const e of ALL_EMOJI) {
      const { x, y, w, h } = atlas.glyphs[e];
      let opaque = 0, chroma = 0, lo = 255, hi = 0;
      for (let j = 0; j < h; j++) {
        for (let i = 0; i < w; i++) {
          const k = ((y + j) * atlas.width + x + i) * 4;
          if (atlas.data[k + 3] < 128) continue;
          opaque++;
          const [r, g, b] = [atlas.data[k], atlas.data[k + 1], atlas.data[k + 2]];
          chroma += Math.max(r, g, b) - Math.min(r, g, b);
          const luma = 0.299 * r + 0.587 * g + 0.114 * b;
          lo = Math.min(lo, luma); hi = Math.max(hi, luma);
        }
      }
      expect(opaque, JSON.stringify(e)).toBeGreaterThan(0.2 * w * h);
      expect(hi - lo, `${JSON.stringify(e)} luminance spread`).toBeGreaterThan(60);
      if (chroma / opaque > 20) colourful++;
      const edges = [[...Array(w).keys()].some((i) => alpha(x + i, y) > 0), [...Array(w).keys()].some((i) => alpha(x + i, y + h - 1) > 0),
        [...Array(h).keys()].some((j) => alpha(x, y + j) > 0), [...Array(h).keys()].some((j) => alpha(x + w - 1, y + j) > 0)];
      expect(edges, JSON.stringify(e)).toEqual([true, true, true, true]);
      for (let i = -1; i <= w; i++) { expect(alpha(x + i, y - 1)).toBe(0); expect(alpha(x + i, y + h)).toBe(0); }
    }
    // Colour glyphs: all but the grey ones (the place setting, the plain sheep...) are clearly chromatic.
    expect(colourful).toBeGreaterThan(0.85 * ALL_EMOJI.length);
  });

  it('ships the OFL notice and stays under 1.5 MB', () => {
    const ofl = fs.readFileSync(path.join(DEFAULT_SPRITES_DIR, 'OFL.txt'), 'utf8');
    expect(ofl).toMatch(/SIL OPEN FONT LICENSE Version 1\.1/);
    expect(ofl).toMatch(/Copyright 2013-2017 Google Inc\./);
    expect(fs.statSync(path.join(DEFAULT_SPRITES_DIR, 'emoji-atlas.png')).size).toBeLessThan(1.5e6);
    const json = JSON.parse(fs.readFileSync(path.join(DEFAULT_SPRITES_DIR, 'emoji-atlas.json'), 'utf8')) as { font: string };
    expect(json.font).toBe('Noto Color Emoji 2.042 (SIL OFL 1.1)');
  });

  it('a missing folder is a clear error', async () => {
    await expect(loadAtlasNode('/nonexistent/sprites')).rejects.toThrow(/emoji-atlas\.png not found.*npm run atlas/);
  });
});

describe('shipped background photos (public/backgrounds)', () => {
  it('decode to RGBA, are <= 384 px, total < 600 KB, and each is named in LICENSES.md', async () => {
    const photos = await loadBackgroundsNode();
    expect(photos.length).toBeGreaterThanOrEqual(3);
    for (const p of photos) {
      expect(Math.max(p.width, p.height)).toBeLessThanOrEqual(384);
      expect(p.data.length).toBe(p.width * p.height * 4);
    }
    const files = fs.readdirSync(DEFAULT_BACKGROUNDS_DIR).filter((f) => /\.(jpe?g|png)$/.test(f));
    const total = files.reduce((s, f) => s + fs.statSync(path.join(DEFAULT_BACKGROUNDS_DIR, f)).size, 0);
    expect(total).toBeLessThan(600_000);
    const licences = fs.readFileSync(path.join(DEFAULT_BACKGROUNDS_DIR, 'LICENSES.md'), 'utf8');
    for (const f of files) expect(licences, f).toContain(`| ${f} |`);
    for (const banned of ['astronaut', 'chelsea', 'coffee']) expect(files.some((f) => f.includes(banned))).toBe(false);
  });
});
