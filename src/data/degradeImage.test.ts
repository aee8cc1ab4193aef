import { describe, expect, it } from 'vitest';
import { createRng } from './createRng';
import { degradeImage } from './degradeImage';
import { createSceneCanvas, type SceneCanvas } from './sceneCanvas';

function gradient(): SceneCanvas {
  const c = createSceneCanvas(48, 40);
  for (let y = 0; y < 40; y++) for (let x = 0; x < 48; x++) c.rgb.set([x * 5, y * 6, 128], 3 * (y * 48 + x));
  return c;
}
const only = (k: 'lighting' | 'blur' | 'noise' | 'jpeg') => ({ lighting: 0, blur: 0, noise: 0, jpeg: 0, [k]: 1 });

describe('degradeImage', () => {
  it('with every probability 0 changes nothing', () => {
    const c = gradient(), before = c.rgb.slice();
    expect(degradeImage(c, createRng(1), { lighting: 0, blur: 0, noise: 0, jpeg: 0 })).toEqual({ lighting: false, blur: false, noise: false, jpeg: false });
    expect(c.rgb).toEqual(before);
  });

  for (const k of ['lighting', 'blur', 'noise', 'jpeg'] as const) {
    it(`${k}: deterministic per seed, changes the image, stays close to it`, () => {
      const a = gradient(), b = gradient(), ref = gradient();
      expect(degradeImage(a, createRng(5), only(k))[k]).toBe(true);
      degradeImage(b, createRng(5), only(k));
      expect(a.rgb).toEqual(b.rgb);
      let diff = 0;
      for (let i = 0; i < a.rgb.length; i++) diff += Math.abs(a.rgb[i] - ref.rgb[i]);
      const mean = diff / a.rgb.length;
      expect(mean).toBeGreaterThan(0.05);
      expect(mean).toBeLessThan(k === 'lighting' ? 40 : 12);
    });
  }
});
