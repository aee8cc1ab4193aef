import { describe, expect, it } from 'vitest';
import { resizeRgb, workingSize } from './resizeRgb';
import { assertRgbaImage } from './rgbaImage';

function rgba(w: number, h: number, f: (x: number, y: number) => [number, number, number]) {
  const data = new Uint8ClampedArray(4 * w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data.set([...f(x, y), 255], 4 * (y * w + x));
  return { width: w, height: h, data };
}

describe('working size and resizing', () => {
  it('workingSize scales the longer side to maxSide, keeps aspect, never below 1 px', () => {
    expect(workingSize(1000, 500, 500)).toEqual([500, 250]);
    expect(workingSize(250, 500, 500)).toEqual([250, 500]);
    expect(workingSize(100, 50, 500)).toEqual([500, 250]);
    expect(workingSize(2000, 20, 500)).toEqual([500, 5]);
    expect(workingSize(5000, 1, 500)).toEqual([500, 1]);
    expect(workingSize(640, 480, 0)).toEqual([640, 480]);
    expect(workingSize(0, 0, 500)).toEqual([0, 0]);
  });

  it('same size drops alpha into planar RGB', () => {
    const img = rgba(2, 1, (x) => [x, 10 + x, 20 + x]);
    expect(Array.from(resizeRgb(img, 2, 1).data)).toEqual([0, 1, 10, 11, 20, 21]);
  });

  it('halving averages 2x2 blocks (area)', () => {
    const img = rgba(4, 2, (x, y) => [x < 2 ? 10 + 20 * y : 100, 0, 255]);
    const out = resizeRgb(img, 2, 1);
    expect(Array.from(out.data)).toEqual([20, 100, 0, 0, 255, 255]);
  });

  it('enlarging interpolates bilinearly with half-pixel centres', () => {
    const img = rgba(2, 1, (x) => [x === 0 ? 0 : 100, 0, 0]);
    const out = resizeRgb(img, 4, 1);
    expect(Array.from(out.data.subarray(0, 4))).toEqual([0, 25, 75, 100]);
  });
});

describe('assertRgbaImage', () => {
  it('names the bad length of a non-RGBA buffer', () => {
    expect(() => assertRgbaImage({ width: 4, height: 2, data: new Uint8ClampedArray(24) })).toThrow(
      /image\.data has length 24 \(3\.00 bytes per pixel\), expected width \* height \* 4 = 32/,
    );
    expect(() => assertRgbaImage({ width: 2.5, height: 2, data: new Uint8ClampedArray(20) })).toThrow(/non-negative integers, got 2.5x2/);
    expect(() => assertRgbaImage({ width: 1, height: 1, data: [1, 2, 3, 4] as unknown as Uint8ClampedArray })).toThrow(/got Array/);
    expect(() => assertRgbaImage({ width: 0, height: 0, data: new Uint8ClampedArray(0) })).not.toThrow();
  });
});
