import { describe, expect, it } from 'vitest';
import { boxBlur } from './boxBlur';

/** Straightforward reference: one box pass, per channel, with explicit edge handling. */
function reference(src: Float32Array, w: number, h: number, c: number, r: number, clamp: boolean): Float32Array {
  const at = (a: Float32Array, x: number, y: number, k: number, horizontal: boolean) => {
    const n = horizontal ? w : h, i = horizontal ? x : y;
    if (i < 0 || i >= n) {
      if (!clamp) return 0;
      const j = i < 0 ? 0 : n - 1;
      return horizontal ? a[(y * w + j) * c + k] : a[(j * w + x) * c + k];
    }
    return a[(y * w + x) * c + k];
  };
  const tmp = new Float32Array(src.length), out = new Float32Array(src.length);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let k = 0; k < c; k++) {
    let s = 0;
    for (let d = -r; d <= r; d++) s += at(src, x + d, y, k, true);
    tmp[(y * w + x) * c + k] = s / (2 * r + 1);
  }
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let k = 0; k < c; k++) {
    let s = 0;
    for (let d = -r; d <= r; d++) s += at(tmp, x, y + d, k, false);
    out[(y * w + x) * c + k] = s / (2 * r + 1);
  }
  return out;
}

describe('boxBlur', () => {
  for (const [edge, r] of [['clamp', 1], ['clamp', 3], ['zero', 2]] as const) {
    it(`matches a direct box filter (edge=${edge}, r=${r}, 4 channels, 9x7)`, () => {
      const w = 9, h = 7, c = 4;
      const src = Float32Array.from({ length: w * h * c }, (_, i) => (i * 37) % 101);
      const got = src.slice();
      boxBlur(got, w, h, c, r, 1, edge);
      const want = reference(src, w, h, c, r, edge === 'clamp');
      for (let i = 0; i < got.length; i++) expect(got[i]).toBeCloseTo(want[i], 3);
    });
  }

  it('keeps a constant image constant (clamp) and radius 0 is a no-op', () => {
    const d = new Float32Array(5 * 4 * 3).fill(77);
    boxBlur(d, 5, 4, 3, 2, 3, 'clamp');
    for (const v of d) expect(v).toBeCloseTo(77, 4);
    const e = Float32Array.from({ length: 12 }, (_, i) => i);
    boxBlur(e, 2, 2, 3, 0);
    expect(Array.from(e)).toEqual([...Array(12).keys()]);
  });
});
