import { describe, expect, it } from 'vitest';
import { UnionFind } from './unionFind';

describe('UnionFind', () => {
  it('joins sets, tracks sizes and counts', () => {
    const uf = new UnionFind(6);
    expect(uf.sets).toBe(6);
    const r = uf.union(0, 1);
    uf.union(1, 2);
    uf.union(4, 5);
    expect(uf.find(2)).toBe(uf.find(0));
    expect(uf.find(3)).toBe(3);
    expect(uf.sizeOf(uf.find(0))).toBe(3);
    expect(uf.sizeOf(uf.find(5))).toBe(2);
    expect(uf.sizeOf(3)).toBe(1);
    expect(uf.sets).toBe(3);
    expect(uf.union(0, 2)).toBe(uf.find(r)); // already joined: no change
    expect(uf.sets).toBe(3);
  });

  it('union by size: the larger set keeps its root; roots store minus the size', () => {
    const uf = new UnionFind(4);
    const big = uf.union(0, 1);
    expect(uf.joinRoots(2, big)).toBe(big);
    expect(uf.parent[big]).toBe(-3);
    expect(uf.parent[2]).toBe(big);
  });

  it('path halving flattens a long chain', () => {
    const uf = new UnionFind(8);
    for (let i = 0; i < 7; i++) uf.parent[i] = i + 1; // chain 0 → 1 → ... → 7
    uf.parent[7] = -8;
    expect(uf.find(0)).toBe(7);
    expect(uf.parent[0]).not.toBe(1);
    expect(uf.find(0)).toBe(7);
  });

  it('labels number sets in order of first appearance', () => {
    const uf = new UnionFind(6);
    uf.union(5, 1);
    uf.union(3, 4);
    uf.union(0, 4);
    // sets: {0,3,4}, {1,5}, {2}
    expect(Array.from(uf.labels())).toEqual([0, 1, 2, 0, 0, 1]);
  });
});
