import { describe, expect, it } from 'vitest';
import { scaledImageSize } from '../geometry/scaleBox';
import { MAX_TRUNK_PIXELS, MAX_TRUNK_SIDE, fitScales } from './fitScales';

describe('fitScales', () => {
  it('a 500x375 image keeps the 5 paper scales (1600x1200 at s=1200 is under both caps)', () => {
    expect(fitScales([500, 375], [480, 576, 688, 864, 1200]).map((x) => x.s)).toEqual([480, 576, 688, 864, 1200]);
  });

  it('a 4000x3000 photo at s=1600 is capped by area: 1825x1369 stays under 2.5 MP', () => {
    const [{ s }] = fitScales([4000, 3000], [1600]);
    const [w, h] = scaledImageSize([4000, 3000], s);
    expect(w * h).toBeLessThanOrEqual(MAX_TRUNK_PIXELS);
    expect(s).toBe(1369);
  });

  it('a 10000x100 strip is capped by its long side, never above 2048 px', () => {
    const [{ s }] = fitScales([10000, 100], [688]);
    const [w, h] = scaledImageSize([10000, 100], s);
    expect(Math.max(w, h)).toBeLessThanOrEqual(MAX_TRUNK_SIDE);
    expect(s).toBe(20);
  });

  it('an 8x8 image is upscaled to the requested scale', () => {
    expect(fitScales([8, 8], [688])).toEqual([{ requested: 688, s: 688 }]);
  });

  it('scales that collapse onto one value are kept once', () => {
    const f = fitScales([4000, 100], [480, 688]);
    expect(f).toHaveLength(1);
  });

  it('rejects a non-positive scale, quoting it', () => {
    expect(() => fitScales([10, 10], [0])).toThrow(/got 0/);
  });
});
