import { describe, expect, it } from 'vitest';
import { createRng } from './createRng';
import { BACKGROUND_KINDS, renderBackground } from './renderBackground';
import { createSceneCanvas } from './sceneCanvas';

const photo = { width: 20, height: 10, data: Uint8ClampedArray.from({ length: 800 }, (_, i) => (i % 4 === 3 ? 255 : (i * 13) % 256)) };

describe('renderBackground', () => {
  it('every family fills every pixel with finite, mostly in-range values, deterministically', () => {
    for (const kind of BACKGROUND_KINDS) {
      const a = createSceneCanvas(90, 70), b = createSceneCanvas(90, 70);
      a.rgb.fill(NaN);
      expect(renderBackground(a, createRng(11), { kind, photos: [photo] })).toBe(kind);
      renderBackground(b, createRng(11), { kind, photos: [photo] });
      expect(a.rgb, kind).toEqual(b.rgb);
      let lo = Infinity, hi = -Infinity, finite = true;
      for (const v of a.rgb) { finite &&= Number.isFinite(v); lo = Math.min(lo, v); hi = Math.max(hi, v); }
      expect(finite, kind).toBe(true);
      expect(lo, kind).toBeGreaterThan(-30); // grain may dip slightly below 0 before the final clamp
      expect(hi, kind).toBeLessThan(256 * 1.3);
      expect(hi - lo, `${kind} is not blank`).toBeGreaterThan(kind === 'flat' ? -1 : 5);
    }
  });

  it("'flat' with a colour is exactly that colour; random picks vary and use photos only when given", () => {
    const c = createSceneCanvas(8, 8);
    renderBackground(c, createRng(1), { kind: 'flat', flatColour: [10, 20, 30] });
    for (let i = 0; i < c.rgb.length; i += 3) expect([c.rgb[i], c.rgb[i + 1], c.rgb[i + 2]]).toEqual([10, 20, 30]);
    const kinds = new Set<string>(), withPhotos = new Set<string>();
    for (let s = 0; s < 200; s++) {
      kinds.add(renderBackground(createSceneCanvas(16, 16), createRng(s)));
      withPhotos.add(renderBackground(createSceneCanvas(16, 16), createRng(s), { photos: [photo] }));
    }
    expect(kinds.has('photo')).toBe(false);
    expect(kinds.size).toBe(BACKGROUND_KINDS.length - 1);
    expect(withPhotos.has('photo')).toBe(true);
    expect(() => renderBackground(c, createRng(1), { kind: 'photo' })).toThrow(/needs options\.photos/);
  });
});
