import { describe, expect, it } from 'vitest';
import { planRectMaxPool } from './planRectMaxPool';

describe('planRectMaxPool', () => {
  // Rects [y0, y1, x0, x1): heights 1, 5, 2, 1 (a = 0, 2, 1, 0); widths 3, 1, 8, 2 (e = 1, 0, 3, 1).
  const rects = Int32Array.of(0, 1, 0, 3, 2, 7, 4, 5, 1, 3, 0, 8, 6, 7, 6, 8);
  const plan = planRectMaxPool([8, 9, 6], rects);

  it('sizes the tables to the tallest and widest rect', () => {
    expect([plan.ly, plan.lx]).toEqual([3, 4]);
  });

  it('groups rects e-major by the sub-table T[a][e] they read, keeping input order inside a group', () => {
    // Groups e * ly + a: rect 1 (a2,e0) -> 2; rects 0, 3 (a0,e1) -> 3; rect 2 (a1,e3) -> 10.
    expect(Array.from(plan.order)).toEqual([1, 0, 3, 2]);
    expect(plan.start[2]).toBe(0);
    expect(plan.start[3]).toBe(1);
    expect(plan.start[4]).toBe(3);
    expect(plan.start[10]).toBe(3);
    expect(plan.start[11]).toBe(4);
  });

  it('builds each column of sub-tables only up to the tallest rect reading it', () => {
    expect(Array.from(plan.maxA)).toEqual([2, 0, -1, 1]);
  });

  it('rounds channel blocks up to whole f32x4 vectors, one block for a conv5-sized map', () => {
    expect(plan.bs).toBe(8);
    expect(planRectMaxPool([43, 57, 256], rects).bs).toBe(256);
    // 4,480 cells x 263 channels exceed one 1 M-float table: two equal blocks of 132.
    expect(planRectMaxPool([64, 70, 263], rects).bs).toBe(132);
  });

  it('names a rect that is empty or outside the map', () => {
    expect(() => planRectMaxPool([8, 9, 6], Int32Array.of(0, 1, 3, 3))).toThrow(/rect 0 \[0, 1, 3, 3\) is empty or outside the 8x9 map/);
    expect(() => planRectMaxPool([8, 9, 6], Int32Array.of(0, 1, 0, 1, -1, 1, 0, 1))).toThrow(/rect 1/);
  });
});
