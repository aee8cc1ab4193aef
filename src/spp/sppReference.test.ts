import { describe, expect, it } from 'vitest';
import { cellBox } from '../geometry/boxes';
import { decodeF32, goldenVector, readGolden, type SppGolden } from '../../test/golden';
import { binCount, decodePooledIndex, levelOffset, pooledIndex, pooledLength } from './layout';
import { rectPoolReference } from './sppReference';
import { normalizeWindows, windowBinRects } from './windowRects';

const golden = readGolden<SppGolden>('spp.json');
const EPS = 1e-6; // golden/README.md: max pooling is exact

describe('pooled-vector layout', () => {
  it('{6,3,2,1} has M = 50 and 12,800 values for k = 256', () => {
    expect(binCount([6, 3, 2, 1])).toBe(50);
    expect(pooledLength(256, [6, 3, 2, 1])).toBe(12800);
    expect(pooledLength(256, [4, 3, 2, 1])).toBe(7680);
  });
  it('level offsets are k * earlier n^2 and indices round-trip', () => {
    const lv = [6, 3, 2, 1];
    expect([0, 1, 2, 3].map((l) => levelOffset(8, lv, l))).toEqual([0, 288, 360, 392]);
    for (const i of [0, 7, 8, 287, 288, 391, 399]) {
      const d = decodePooledIndex(8, lv, i);
      expect(pooledIndex(8, lv, d.level, d.binRow, d.binCol, d.channel)).toBe(i);
    }
    expect(decodePooledIndex(8, lv, 399)).toEqual({ level: 3, n: 1, binRow: 0, binCol: 0, channel: 7 });
  });
});

describe('rectPoolReference vs PyTorch adaptive_max_pool2d (shared/golden/spp.json)', () => {
  it('covers the sizes the issue names', () => {
    const sizes = golden.cases.map((c) => `${c.height}x${c.width}`);
    expect(sizes).toContain('1x1');
    expect(sizes).toContain('43x57');
    expect(golden.cases.some((c) => Math.min(c.height, c.width) < Math.max(...c.levels))).toBe(true);
  });
  golden.cases.forEach((c) => {
    it(`${c.height}x${c.width}x${c.channels} levels {${c.levels}}: full map and ${c.windows.length} windows`, () => {
      const map = decodeF32(c.featureMap);
      const shape = [c.height, c.width, c.channels] as const;
      const windows = [null, ...c.windows.map((w) => [cellBox(...w.cells)])];
      const expected = [goldenVector(c.full), ...c.windows.map((w) => goldenVector(w.levels))];
      windows.forEach((win, i) => {
        const rects = windowBinRects(normalizeWindows(win, [c.height, c.width]), c.levels);
        const { values } = rectPoolReference(map, shape, rects, 'max');
        expect(values.length).toBe(expected[i].length);
        let maxErr = 0;
        for (let j = 0; j < values.length; j++) maxErr = Math.max(maxErr, Math.abs(values[j] - expected[i][j]));
        expect(maxErr).toBeLessThanOrEqual(EPS);
      });
    });
  });
});

describe('normalizeWindows rejects bad windows naming the value', () => {
  it.each([
    [[cellBox(NaN, 0, 1, 1)], /non-integer cell index NaN/],
    [[cellBox(0.5, 0, 1, 1)], /non-integer cell index 0.5/],
    [[cellBox(3, 0, 1, 1)], /window 0 \[3, 0, 1, 1\] is inverted/],
    [[cellBox(0, 0, 1, 1), cellBox(0, 0, 9, 1)], /window 1 .* outside the 4x5 map/],
  ])('%j', (w, re) => expect(() => normalizeWindows(w, [4, 5])).toThrow(re));
  it('zero-size map', () => expect(() => normalizeWindows(null, [0, 5])).toThrow(/\[h, w\] = \[0, 5\]/));
  it('unknown levels', () => expect(() => windowBinRects(Int32Array.of(0, 0, 1, 1), [6, 0])).toThrow(/bad value 0/));
});
