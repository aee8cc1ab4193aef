import { describe, expect, it } from 'vitest';
import { windowPyramid } from './windowPyramid';
import { normalizeWindows, windowBinRects } from './windowRects';
import { cellBox } from '../geometry/boxes';

describe('windowPyramid', () => {
  it('adaptive {6,3,2,1} on a 10x8 window: 50 rectangles equal to the kernels\u2019 windowBinRects, regular', () => {
    const cells: [number, number, number, number] = [3, 5, 12, 12];
    const p = windowPyramid(cells, [6, 3, 2, 1]);
    expect(p.width).toBe(10);
    expect(p.height).toBe(8);
    expect(p.rectLevel.length).toBe(50);
    expect(p.levelStart).toEqual([0, 36, 45, 49, 50]);
    expect(Array.from(p.rects)).toEqual(Array.from(windowBinRects(normalizeWindows([cellBox(3, 5, 12, 12)], [20, 20]), [6, 3, 2, 1])));
    expect(p.regular).toBe(true);
    expect(p.levels.every((l) => l.defect === '' && l.uncovered.length === 0)).toBe(true);
  });

  it('sliding rule, a=10 (width) n=6: 9 columns, and the defect is named', () => {
    const p = windowPyramid([0, 0, 9, 12], [6], 'sliding'); // 10 wide, 13 tall
    expect(p.levels[0].cols.length).toBe(9);
    expect(p.levels[0].rows.length).toBe(6); // b=13, n=6 is fine
    expect(p.rectLevel.length).toBe(54);
    expect(p.levels[0].defect).toMatch(/width a = 10: 9 bins instead of 6/);
    expect(p.regular).toBe(false);
  });

  it('sliding rule, a=8 n=3: cell 7 of every row is never pooled', () => {
    const p = windowPyramid([0, 0, 7, 8], [3], 'sliding'); // 8 wide, 9 tall (9/3 is fine)
    expect(p.levels[0].cols).toEqual([[0, 3], [2, 5], [4, 7]]);
    expect(p.levels[0].uncovered).toEqual(Array.from({ length: 9 }, (_, r) => [r, 7]));
    expect(p.levels[0].defect).toMatch(/cell 7 never pooled/);
  });

  it('sliding rule undefined for a < n: no bins at that level, every cell uncovered, said so', () => {
    const p = windowPyramid([0, 0, 3, 3], [6, 1], 'sliding');
    expect(p.levelStart).toEqual([0, 0, 1]);
    expect(p.levels[0].uncovered.length).toBe(16);
    expect(p.levels[0].defect).toMatch(/a = 4 < n = 6.*undefined/);
    expect(p.levels[1].defect).toBe('');
  });

  it('rejects inverted or fractional cells and bad levels', () => {
    expect(() => windowPyramid([5, 0, 4, 3], [1])).toThrow(/inclusive integer/);
    expect(() => windowPyramid([0, 0, 1.5, 3], [1])).toThrow(/inclusive integer/);
    expect(() => windowPyramid([0, 0, 1, 1], [0])).toThrow(/levels/);
  });
});
