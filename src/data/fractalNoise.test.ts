import { describe, expect, it } from 'vitest';
import { createRng } from './createRng';
import { fractalNoise } from './fractalNoise';

describe('fractalNoise', () => {
  it('spans exactly [0, 1], is deterministic per seed and differs between seeds', () => {
    const a = fractalNoise(80, 50, createRng(3), { cell: 16, octaves: 3 });
    const b = fractalNoise(80, 50, createRng(3), { cell: 16, octaves: 3 });
    const c = fractalNoise(80, 50, createRng(4), { cell: 16, octaves: 3 });
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(Math.min(...a)).toBe(0);
    expect(Math.max(...a)).toBeCloseTo(1, 6);
  });

  it('is smooth at its cell scale: neighbours differ far less than random pixels (also via the half-resolution path)', () => {
    for (const opts of [{ cell: 24, octaves: 1 }, { cell: 64, octaves: 2 }]) {
      const w = 120, h = 90;
      const n = fractalNoise(w, h, createRng(9), opts);
      let near = 0, far = 0;
      for (let y = 0; y < h; y++) for (let x = 0; x + 1 < w; x++) near += Math.abs(n[y * w + x + 1] - n[y * w + x]);
      for (let i = 0; i < n.length - 1; i++) far += Math.abs(n[(i * 7919) % n.length] - n[(i * 104729 + 13) % n.length]);
      expect(near / (h * (w - 1))).toBeLessThan(0.2 * (far / (n.length - 1)));
    }
  });
});
