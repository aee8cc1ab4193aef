import { toColourSpace, type ColourSpace } from './colourSpaces';
import { resolveStrategy, type SelectiveSearchMode, type Strategy } from './diversification';
import { segmentSortedEdges } from './felzenszwalb';
import { smoothPlanes } from './gaussianFilter';
import { sortedGraphEdges } from './graphEdges';
import { hierarchicalGrouping, type MergeTree } from './hierarchicalGrouping';
import { colourBins, textureBins } from './pixelBins';
import { rankProposals } from './rankProposals';
import { regionAdjacency } from './regionAdjacency';
import { DEFAULT_MIN_BOX_SIDE } from './detectionWindows';
import { regionFeatures } from './regionFeatures';
import { resizeRgb, workingSize } from './resizeRgb';
import { assertRgbaImage, type RgbaImage } from './rgbaImage';
import type { SimilaritySet } from './similarity';

/** Options of selective search (all optional; see SELECTIVE_SEARCH.md). */
export interface SelectiveSearchOptions {
  /** Diversification preset: 'single' (1 hierarchy), 'fast' (8) or 'quality' (80). @default 'fast' */
  mode?: SelectiveSearchMode;
  /** Fields replacing the mode's colour spaces, k values, similarity sets or sigma. @default {} */
  strategy?: Partial<Strategy>;
  /**
   * Working size: the image is resized (area-averaged down, bilinear up) so its longer side has this
   * many pixels, and the boxes are mapped back; 0 runs at the original size. @default 500
   */
  maxSide?: number;
  /** Seed of the ranking PRNG: same seed, same output. @default 0 */
  seed?: number;
  /** Return at most this many boxes (the best ranked). @default Infinity */
  maxBoxes?: number;
  /** Drop boxes narrower or lower than this, in WORKING-image pixels (the paper's 20 px). @default 20 */
  minBoxSide?: number;
  /** Keep label maps and merge trees in the result (for a visualiser; costs memory). @default false */
  detail?: boolean;
  /** Called after each step (resize, per colour space, per segmentation, per hierarchy, ranking). */
  onProgress?: (progress: SelectiveSearchProgress) => void;
  /** Checked between steps; when `aborted` turns true the run throws an AbortError. */
  signal?: { readonly aborted: boolean };
}

/** A progress report: the step just finished and the fraction of the whole run done (0..1). */
export interface SelectiveSearchProgress {
  stage: 'resize' | 'prepare' | 'segment' | 'group' | 'rank';
  fraction: number;
  colourSpace?: ColourSpace;
  k?: number;
  similarity?: SimilaritySet;
}

/** Milliseconds spent per stage (wall clock). */
export interface SelectiveSearchTimings {
  resize: number;
  /** Colour conversion, smoothing, graph edges and sort, pixel bins: once per colour space. */
  prepare: number;
  /** FH merging, region features and adjacency: once per (colour space, k). */
  segment: number;
  group: number;
  rank: number;
  total: number;
}

/** One initial segmentation, kept when `detail` is set. */
export interface SegmentationDetail {
  colourSpace: ColourSpace;
  k: number;
  /** Int32Array [workW * workH] region labels, row-major, working image. */
  labels: Int32Array;
  count: number;
}

/** One hierarchy, kept when `detail` is set. `tree.boxes` are inclusive working-image pixel boxes. */
export interface HierarchyDetail {
  /** Index into `segmentations`. */
  segmentation: number;
  similarity: SimilaritySet;
  tree: MergeTree;
}

/** Everything a run produces. */
export interface SelectiveSearchResult {
  /** Float32Array [4N] ranked `[x1, y1, x2, y2]` in original image pixels (x2, y2 exclusive). */
  boxes: Float32Array;
  imageSize: [number, number];
  workingSize: [number, number];
  /** Image pixels per working pixel, [x, y]. */
  scale: [number, number];
  /** Boxes before ranking/filtering (all hierarchies, initial segments once per segmentation). */
  candidateCount: number;
  timings: SelectiveSearchTimings;
  segmentations: SegmentationDetail[];
  hierarchies: HierarchyDetail[];
}

/**
 * Selective search as a generator of progress steps, so a caller can report progress, cancel, or
 * yield to its event loop between steps (a Web Worker does). The generator's return value is the
 * result. Work per step: one resize, one colour-space preparation, one segmentation, one hierarchy.
 */
export function* selectiveSearchSteps(
  image: RgbaImage, options: SelectiveSearchOptions = {},
): Generator<SelectiveSearchProgress, SelectiveSearchResult, void> {
  assertRgbaImage(image);
  const strategy = resolveStrategy(options.mode ?? 'fast', options.strategy);
  const maxSide = checkNumber('maxSide', options.maxSide ?? 500, 0);
  const seed = checkNumber('seed', options.seed ?? 0, -Infinity);
  const maxBoxes = checkNumber('maxBoxes', options.maxBoxes ?? Infinity, 0);
  const minBoxSide = checkNumber('minBoxSide', options.minBoxSide ?? DEFAULT_MIN_BOX_SIDE, 0);
  const { colourSpaces, ks, similarities, sigma } = strategy;
  const total = 2 + colourSpaces.length * (1 + ks.length * (1 + similarities.length));
  let done = 0;
  const timings: SelectiveSearchTimings = { resize: 0, prepare: 0, segment: 0, group: 0, rank: 0, total: 0 };
  const tStart = performance.now();
  let t = tStart;
  const lap = (key: Exclude<keyof SelectiveSearchTimings, 'total'>): void => {
    const now = performance.now();
    timings[key] += now - t;
    t = now;
  };
  const step = (stage: SelectiveSearchProgress['stage'], extra: Partial<SelectiveSearchProgress> = {}): SelectiveSearchProgress =>
    ({ stage, fraction: Math.min(1, ++done / total), ...extra });

  const { width, height } = image;
  const [ww, wh] = workingSize(width, height, maxSide);
  const result: SelectiveSearchResult = {
    boxes: new Float32Array(0), imageSize: [width, height], workingSize: [ww, wh],
    scale: [ww > 0 ? width / ww : 1, wh > 0 ? height / wh : 1], candidateCount: 0,
    timings, segmentations: [], hierarchies: [],
  };
  const n = ww * wh;
  if (n === 0) {
    timings.total = performance.now() - tStart;
    return result;
  }
  const rgb = resizeRgb(image, ww, wh);
  lap('resize');
  yield step('resize');

  const needColour = similarities.some((s) => s.includes('C'));
  const needTexture = similarities.some((s) => s.includes('T'));
  const chunks: Int32Array[] = [];
  const priorities: Float64Array[] = [];
  for (const colourSpace of colourSpaces) {
    const planes = toColourSpace(rgb, colourSpace);
    const edges = sortedGraphEdges(smoothPlanes(planes, ww, wh, 3, sigma), ww, wh, 3);
    const colourCodes = needColour ? colourBins(planes, n) : null;
    const textureCodes = needTexture ? textureBins(planes, ww, wh) : null;
    lap('prepare');
    yield step('prepare', { colourSpace });
    for (const k of ks) {
      const seg = segmentSortedEdges(edges, ww, wh, k, k); // min_size = k (paper)
      const features = regionFeatures(seg, colourCodes, textureCodes);
      const adjacency = regionAdjacency(seg);
      if (options.detail) result.segmentations.push({ colourSpace, k, labels: seg.labels, count: seg.count });
      lap('segment');
      yield step('segment', { colourSpace, k });
      const R = seg.count;
      let maxMerges = 0;
      for (const similarity of similarities) {
        const tree = hierarchicalGrouping(features, adjacency, n, similarity);
        // PAPER §3 / MATLAB: within a hierarchy merge m of M gets priority M - m (1 = last merge).
        const M = tree.mergeCount;
        chunks.push(tree.boxes.subarray(4 * R));
        const pr = new Float64Array(M);
        for (let m = 0; m < M; m++) pr[m] = M - m;
        priorities.push(pr);
        maxMerges = Math.max(maxMerges, M);
        if (options.detail) result.hierarchies.push({ segmentation: result.segmentations.length - 1, similarity, tree });
        lap('group');
        yield step('group', { colourSpace, k, similarity });
      }
      // Initial segments once per segmentation, ranked after every merge of its hierarchies.
      chunks.push(features.boxes);
      priorities.push(new Float64Array(R).fill(maxMerges + 1));
    }
  }

  const candidates = concatInt32(chunks);
  const priority = concatFloat64(priorities);
  result.candidateCount = priority.length;
  const ranked = rankProposals(candidates, priority, { seed, minBoxSide, maxBoxes });
  const [sx, sy] = result.scale;
  const boxes = new Float32Array(ranked.length);
  for (let i = 0; i < ranked.length; i += 4) {
    boxes[i] = ranked[i] * sx;
    boxes[i + 1] = ranked[i + 1] * sy;
    boxes[i + 2] = Math.min(width, (ranked[i + 2] + 1) * sx);
    boxes[i + 3] = Math.min(height, (ranked[i + 3] + 1) * sy);
  }
  result.boxes = boxes;
  lap('rank');
  timings.total = performance.now() - tStart;
  yield step('rank');
  return result;
}

function checkNumber(name: string, v: number, min: number): number {
  if (typeof v !== 'number' || Number.isNaN(v) || v < min) {
    throw new Error(`selectiveSearch: options.${name} must be a number >= ${min}, got ${String(v)}`);
  }
  return v;
}

function concatInt32(parts: Int32Array[]): Int32Array {
  const out = new Int32Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}

function concatFloat64(parts: Float64Array[]): Float64Array {
  const out = new Float64Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}
