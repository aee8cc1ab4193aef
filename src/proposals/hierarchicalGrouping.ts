import { MaxHeap } from './maxHeap';
import { COLOUR_LENGTH, TEXTURE_LENGTH } from './pixelBins';
import type { RegionFeatures } from './regionFeatures';
import { histogramIntersection, similarityTerms, type SimilaritySet } from './similarity';

/**
 * One hierarchy: the merges of hierarchical grouping in order. Regions 0..R-1 are the initial
 * segments; merge m creates region R + m from `children[2m]` and `children[2m + 1]`.
 */
export interface MergeTree {
  /** Number of initial regions R. */
  initialCount: number;
  /** Number of merges M (R - 1 when the region graph is connected). */
  mergeCount: number;
  /** Int32Array [2M]: the two regions merged at step m. */
  children: Int32Array;
  /** Float32Array [M]: their similarity (mean of the selected terms, 0..1). */
  similarity: Float32Array;
  /** Int32Array [4(R + M)]: inclusive pixel box minX, minY, maxX, maxY of every region. */
  boxes: Int32Array;
}

/**
 * Hierarchical grouping (SELECTIVE_SEARCH.md §3): repeatedly merge the most similar adjacent pair until
 * one region remains. A max-heap with lazy invalidation replaces the reference's re-sort per merge:
 * pairs touching a merged region stay in the heap and are skipped when popped. Merged histograms
 * are size-weighted averages, sizes add, boxes unite.
 * @param features initial regions (histograms needed by `set` must be present).
 * @param adjacency pairs from {@link regionAdjacency} ([2P], a < b).
 * @param imageArea width * height in pixels (normalises size and fill).
 */
export function hierarchicalGrouping(
  features: RegionFeatures, adjacency: Int32Array, imageArea: number, set: SimilaritySet,
): MergeTree {
  const terms = similarityTerms(set);
  const R = features.count;
  const T = Math.max(R, 2 * R - 1);
  if (terms.colour && !features.colour) throw new Error(`hierarchicalGrouping: set '${set}' needs colour histograms`);
  if (terms.texture && !features.texture) throw new Error(`hierarchicalGrouping: set '${set}' needs texture histograms`);
  const size = new Float64Array(T);
  size.set(features.size);
  const boxes = new Int32Array(4 * T);
  boxes.set(features.boxes);
  const colour = terms.colour ? new Float32Array(T * COLOUR_LENGTH) : null;
  if (colour && features.colour) colour.set(features.colour);
  const texture = terms.texture ? new Float32Array(T * TEXTURE_LENGTH) : null;
  if (texture && features.texture) texture.set(features.texture);

  const invArea = 1 / imageArea, invCount = 1 / terms.count;
  const similarity = (i: number, j: number): number => {
    let s = 0;
    if (colour) s += histogramIntersection(colour, i * COLOUR_LENGTH, j * COLOUR_LENGTH, COLOUR_LENGTH);
    if (texture) s += histogramIntersection(texture, i * TEXTURE_LENGTH, j * TEXTURE_LENGTH, TEXTURE_LENGTH);
    if (terms.size) s += 1 - (size[i] + size[j]) * invArea;
    if (terms.fill) {
      const bw = Math.max(boxes[4 * i + 2], boxes[4 * j + 2]) - Math.min(boxes[4 * i], boxes[4 * j]) + 1;
      const bh = Math.max(boxes[4 * i + 3], boxes[4 * j + 3]) - Math.min(boxes[4 * i + 1], boxes[4 * j + 1]) + 1;
      s += 1 - (bw * bh - size[i] - size[j]) * invArea;
    }
    return s * invCount;
  };

  const neighbours: number[][] = new Array<number[]>(T);
  for (let r = 0; r < T; r++) neighbours[r] = [];
  const heap = new MaxHeap(2 * adjacency.length);
  for (let e = 0; e < adjacency.length; e += 2) {
    const a = adjacency[e], b = adjacency[e + 1];
    neighbours[a].push(b);
    neighbours[b].push(a);
    heap.push(similarity(a, b), a, b);
  }

  const alive = new Uint8Array(T);
  alive.fill(1, 0, R);
  const stamp = new Int32Array(T).fill(-1);
  const children = new Int32Array(2 * Math.max(0, R - 1));
  const simAtMerge = new Float32Array(Math.max(0, R - 1));
  const pair = new Int32Array(2);
  let m = 0;
  while (m < R - 1 && heap.length > 0) {
    const s = heap.pop(pair);
    const a = pair[0], b = pair[1];
    if (!alive[a] || !alive[b]) continue; // stale: one side was merged already
    const t = R + m;
    const sa = size[a], sb = size[b], st = sa + sb;
    size[t] = st;
    boxes[4 * t] = Math.min(boxes[4 * a], boxes[4 * b]);
    boxes[4 * t + 1] = Math.min(boxes[4 * a + 1], boxes[4 * b + 1]);
    boxes[4 * t + 2] = Math.max(boxes[4 * a + 2], boxes[4 * b + 2]);
    boxes[4 * t + 3] = Math.max(boxes[4 * a + 3], boxes[4 * b + 3]);
    if (colour) mergeRows(colour, a, b, t, sa / st, sb / st, COLOUR_LENGTH);
    if (texture) mergeRows(texture, a, b, t, sa / st, sb / st, TEXTURE_LENGTH);
    alive[a] = 0; alive[b] = 0; alive[t] = 1;
    children[2 * m] = a; children[2 * m + 1] = b; simAtMerge[m] = s;
    const nt = neighbours[t];
    for (const list of [neighbours[a], neighbours[b]]) {
      for (const v of list) {
        if (!alive[v] || stamp[v] === t) continue;
        stamp[v] = t;
        nt.push(v);
        neighbours[v].push(t);
        heap.push(similarity(t, v), t, v);
      }
    }
    neighbours[a] = []; neighbours[b] = [];
    m++;
  }
  return {
    initialCount: R,
    mergeCount: m,
    children: children.slice(0, 2 * m),
    similarity: simAtMerge.slice(0, m),
    boxes: boxes.slice(0, 4 * (R + m)),
  };
}

/** row t = wa * row a + wb * row b. */
function mergeRows(h: Float32Array, a: number, b: number, t: number, wa: number, wb: number, len: number): void {
  const ia = a * len, ib = b * len, it = t * len;
  for (let q = 0; q < len; q++) h[it + q] = wa * h[ia + q] + wb * h[ib + q];
}
