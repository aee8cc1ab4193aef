import { describe, expect, it } from 'vitest';
import type { Segmentation } from './felzenszwalb';
import { hierarchicalGrouping } from './hierarchicalGrouping';
import { colourBins, textureBins } from './pixelBins';
import { regionAdjacency } from './regionAdjacency';
import { regionFeatures } from './regionFeatures';

// 6 x 4 label map:   0 0 1 1 2 2
//                    0 0 1 1 2 2
//                    3 3 3 3 2 2
//                    3 3 3 3 2 2
const W = 6, H = 4;
const LABELS = Int32Array.from([0, 0, 1, 1, 2, 2, 0, 0, 1, 1, 2, 2, 3, 3, 3, 3, 2, 2, 3, 3, 3, 3, 2, 2]);
const SEG: Segmentation = { width: W, height: H, labels: LABELS, count: 4 };

function planesFor(values: number[]): Uint8Array {
  const n = W * H, planes = new Uint8Array(3 * n);
  for (let p = 0; p < n; p++) for (let c = 0; c < 3; c++) planes[c * n + p] = values[LABELS[p]];
  return planes;
}

describe('region features, adjacency and grouping on an inline label map', () => {
  it('regionAdjacency lists each touching pair once (4-neighbourhood)', () => {
    const pairs = regionAdjacency(SEG);
    const list = [];
    for (let i = 0; i < pairs.length; i += 2) list.push(`${pairs[i]}-${pairs[i + 1]}`);
    expect(list.sort()).toEqual(['0-1', '0-3', '1-2', '1-3', '2-3']);
  });

  it('regionFeatures: sizes, inclusive boxes, normalised histograms', () => {
    const planes = planesFor([0, 255, 128, 0]);
    const f = regionFeatures(SEG, colourBins(planes, W * H), textureBins(planes, W, H));
    expect(Array.from(f.size)).toEqual([4, 4, 8, 8]);
    expect(Array.from(f.boxes)).toEqual([0, 0, 1, 1, 2, 0, 3, 1, 4, 0, 5, 3, 0, 2, 3, 3]);
    const c = f.colour as Float32Array, t = f.texture as Float32Array;
    for (let r = 0; r < 4; r++) {
      expect(c.subarray(r * 75, r * 75 + 75).reduce((a, v) => a + v, 0)).toBeCloseTo(1, 5);
      expect(t.subarray(r * 240, r * 240 + 240).reduce((a, v) => a + v, 0)).toBeCloseTo(1, 5);
    }
    expect(c[24]).toBeCloseTo(0, 6); // region 0 is black
    expect(c[75 + 24]).toBeCloseTo(1 / 3, 6); // region 1 is white: bin 24 of each channel
  });

  it('hierarchicalGrouping merges the most similar pair first and ends with the whole image', () => {
    // Regions 0 and 3 are black, 1 white, 2 grey: colour alone pairs 0 and 3 first.
    const planes = planesFor([0, 255, 128, 0]);
    const f = regionFeatures(SEG, colourBins(planes, W * H), null);
    const tree = hierarchicalGrouping(f, regionAdjacency(SEG), W * H, 'C');
    expect(tree.mergeCount).toBe(3);
    expect([tree.children[0], tree.children[1]].sort()).toEqual([0, 3]);
    expect(tree.similarity[0]).toBeCloseTo(1, 6);
    expect(Array.from(tree.boxes.subarray(4 * 6, 4 * 7))).toEqual([0, 0, W - 1, H - 1]);
    for (let m = 1; m < 3; m++) expect(tree.similarity[m]).toBeLessThanOrEqual(tree.similarity[m - 1] + 1e-6);
  });

  it('size-only grouping merges small regions first; fill prefers pairs that fill their box', () => {
    const f = regionFeatures(SEG, null, null);
    const bySize = hierarchicalGrouping(f, regionAdjacency(SEG), W * H, 'S');
    expect([bySize.children[0], bySize.children[1]].sort()).toEqual([0, 1]);
    const byFill = hierarchicalGrouping(f, regionAdjacency(SEG), W * H, 'F');
    // 0+1 and 0+3 and 1+3 and 2+3 ... : 0+1 fills its 4x2 box exactly, as does 0+1+3 later.
    expect([byFill.children[0], byFill.children[1]].sort()).toEqual([0, 1]);
    expect(() => hierarchicalGrouping(f, regionAdjacency(SEG), W * H, 'CT')).toThrow(/needs colour/);
  });

  it('one region: no merges', () => {
    const one: Segmentation = { width: 3, height: 2, labels: new Int32Array(6), count: 1 };
    const tree = hierarchicalGrouping(regionFeatures(one, null, null), regionAdjacency(one), 6, 'SF');
    expect(tree.mergeCount).toBe(0);
    expect(Array.from(tree.boxes)).toEqual([0, 0, 2, 1]);
  });
});
