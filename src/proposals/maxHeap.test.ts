import { describe, expect, it } from 'vitest';
import { MaxHeap } from './maxHeap';
import { seededRandom } from './seededRandom';

describe('MaxHeap', () => {
  it('pops pairs by descending priority', () => {
    const h = new MaxHeap(2);
    h.push(0.3, 1, 2);
    h.push(0.9, 3, 4);
    h.push(0.5, 5, 6);
    const out = new Int32Array(2);
    expect(h.peekPriority()).toBe(0.9);
    expect(h.pop(out)).toBe(0.9);
    expect(Array.from(out)).toEqual([3, 4]);
    expect(h.pop(out)).toBe(0.5);
    expect(Array.from(out)).toEqual([5, 6]);
    expect(h.pop(out)).toBe(0.3);
    expect(h.length).toBe(0);
    expect(h.pop(out)).toBe(-Infinity);
    expect(h.peekPriority()).toBeUndefined();
  });

  it('grows past its capacity and matches a sort on 1,000 random keys', () => {
    const rnd = seededRandom(11);
    const h = new MaxHeap(4);
    const keys: number[] = [];
    for (let i = 0; i < 1000; i++) { const k = rnd(); keys.push(k); h.push(k, i, -i); }
    keys.sort((a, b) => b - a);
    const out = new Int32Array(2);
    for (const k of keys) {
      expect(h.pop(out)).toBe(k);
      expect(out[0] + out[1]).toBe(0);
    }
  });
});
