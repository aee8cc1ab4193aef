import { describe, expect, it } from 'vitest';
import { pickWindowAt } from './pickWindowAt';

const W = (box: [number, number, number, number]) => ({ box, scale: 600, cells: [0, 0, 0, 0] as [number, number, number, number] });
const trace = { windows: [W([0, 0, 100, 100]), W([10, 10, 50, 50]), W([20, 20, 30, 30]), W([60, 60, 90, 90])] };

describe('pickWindowAt', () => {
  it('a detection window wins over a smaller proposal under the click', () => {
    expect(pickWindowAt(trace, 25, 25, [1])).toBe(1);
  });
  it('without a detection there, the smallest proposal containing the point', () => {
    expect(pickWindowAt(trace, 25, 25, [3])).toBe(2);
    expect(pickWindowAt(trace, 70, 70, [])).toBe(3);
  });
  it('only the first topN proposals count when they are what is drawn; outside everything → null', () => {
    expect(pickWindowAt(trace, 25, 25, [], 2)).toBe(1);
    expect(pickWindowAt(trace, 150, 5, [])).toBeNull();
  });
  it('x2/y2 are exclusive (continuous boxes)', () => {
    expect(pickWindowAt(trace, 30, 25, [], 0)).toBe(1);
  });
});
