import { describe, expect, it } from 'vitest';
import { compositeOverWhite } from './decodeImage';

describe('compositeOverWhite', () => {
  it('transparent becomes white, half-transparent black becomes mid grey, opaque pixels stay', () => {
    const d = new Uint8ClampedArray([0, 0, 0, 0, 0, 0, 0, 128, 10, 20, 30, 255]);
    expect(compositeOverWhite(d)).toBe(true);
    expect(Array.from(d)).toEqual([255, 255, 255, 255, 127, 127, 127, 255, 10, 20, 30, 255]);
  });

  it('an opaque image is left alone and reported opaque', () => {
    const d = new Uint8ClampedArray([1, 2, 3, 255, 4, 5, 6, 255]);
    expect(compositeOverWhite(d)).toBe(false);
    expect(Array.from(d)).toEqual([1, 2, 3, 255, 4, 5, 6, 255]);
  });
});
