import { describe, expect, it } from 'vitest';
import { colourBins, TEXTURE_CODES, TEXTURE_LENGTH, textureBins, textureHistogramFromCodes } from './pixelBins';

describe('pixel bins', () => {
  it('colour: round(v/255 * 24) per channel, offset by 25 per channel', () => {
    const planes = Uint8Array.of(0, 255, 5, 6, 128, 0, 0, 0, 255);
    expect(Array.from(colourBins(planes, 3))).toEqual([0, 24, 0, 25 + 1, 25 + 12, 25, 50, 50, 74]);
  });

  it('texture: a flat image lists no pixels (all codes are bin 0)', () => {
    const w = 6, h = 5, t = textureBins(new Uint8Array(3 * w * h).fill(90), w, h);
    expect(t.pixels.length).toBe(0);
    expect(t.codes.length).toBe(0);
  });

  it('texture: a ramp lands in bin 1 at 0° (positive side) and a falling ramp on the negative side', () => {
    const w = 16, h = 8, planes = new Uint8Array(3 * w * h);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
      planes[y * w + x] = 15 * x; // +15 per px in channel 0: 15/255/0.43*9 = 1.23 → bin 1
      planes[w * h + y * w + x] = 240 - 15 * x; // channel 1 falls: bin 1 on the negative side
    }
    const t = textureBins(planes, w, h);
    const p = 4 * w + 8, i = Array.from(t.pixels).indexOf(p), o = i * TEXTURE_CODES;
    expect(i).toBeGreaterThanOrEqual(0);
    expect(t.pixels.length).toBe(w * h); // every pixel has a gradient
    expect(t.codes[o]).toBe(1); // c0, 0°: positive, bin 1
    expect(t.codes[o + 2]).toBe(40); // c0, 90°: flat, bin 0
    expect(t.codes[o + 4]).toBe(80 + 10 + 1); // c1, 0°: negative side, bin 1
    expect(t.codes[o + 8]).toBe(160); // c2 is flat: bin 0, positive side
  });

  it('textureHistogramFromCodes gives every pixel a count in all 8 orientations', () => {
    const counts = new Int32Array(TEXTURE_LENGTH);
    counts[3] = 2; // two pixels: positive side bin 3 of direction 0
    counts[10 + 5] = 1; // one pixel: negative side bin 5
    counts[20] = 3; // direction 1: three flat pixels
    textureHistogramFromCodes(counts, 0);
    expect([counts[0], counts[3], counts[10], counts[15]]).toEqual([1, 2, 2, 1]);
    expect([counts[20], counts[30]]).toEqual([3, 3]);
  });
});
