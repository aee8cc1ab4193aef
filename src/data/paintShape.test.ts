import { describe, expect, it } from 'vitest';
import { paintShape } from './paintShape';
import { createSceneCanvas } from './sceneCanvas';

/** Painted area in pixels: sum of red coverage on a black canvas painted pure red. */
function paintedArea(shape: Parameters<typeof paintShape>[1]): number {
  const c = createSceneCanvas(64, 64);
  paintShape(c, shape, [255, 0, 0]);
  let s = 0;
  for (let i = 0; i < c.rgb.length; i += 3) s += c.rgb[i] / 255;
  return s;
}

describe('paintShape', () => {
  it('anti-aliased areas match the analytic areas (rect, rotated rect, ellipse, triangle)', () => {
    expect(paintedArea({ kind: 'rect', cx: 32, cy: 32, hw: 10.3, hh: 5.6, angle: 0 })).toBeCloseTo(4 * 10.3 * 5.6, 0);
    expect(Math.abs(paintedArea({ kind: 'rect', cx: 32, cy: 32, hw: 12, hh: 6, angle: 0.5 }) - 288)).toBeLessThan(3);
    expect(Math.abs(paintedArea({ kind: 'ellipse', cx: 31.3, cy: 30.8, rx: 14, ry: 9, angle: 0.3 }) - Math.PI * 14 * 9)).toBeLessThan(4);
    expect(Math.abs(paintedArea({ kind: 'triangle', points: [10, 10, 50, 14, 20, 45] }) - 0.5 * Math.abs(40 * 35 - 10 * 4))).toBeLessThan(4);
  });

  it('blends with opacity and leaves pixels outside the shape untouched', () => {
    const c = createSceneCanvas(10, 10);
    c.rgb.fill(100);
    paintShape(c, { kind: 'rect', cx: 5, cy: 5, hw: 2, hh: 2, angle: 0 }, [200, 0, 100], 0.5);
    expect(Array.from(c.rgb.subarray(3 * (5 * 10 + 5), 3 * (5 * 10 + 5) + 3))).toEqual([150, 50, 100]);
    expect(Array.from(c.rgb.subarray(0, 3))).toEqual([100, 100, 100]);
  });
});
