import { beforeAll, describe, expect, it } from 'vitest';
import { listFixtures, loadImage, type LoadedImage } from '../../scripts/lib/loadImage';
import { proposalQuality } from './proposalMetrics';
import { selectiveSearch, selectiveSearchDetailed } from './selectiveSearch';
import type { SelectiveSearchProgress } from './selectiveSearchSteps';

const fixtures = listFixtures();
const images: LoadedImage[] = [];
const fast: Float32Array[] = [];

function solid(width: number, height: number, rgb: [number, number, number] = [40, 120, 200]) {
  const data = new Uint8ClampedArray(4 * width * height);
  for (let p = 0; p < width * height; p++) data.set([...rgb, 255], 4 * p);
  return { width, height, data };
}

function expectValidBoxes(boxes: Float32Array, w: number, h: number, minSide: number): void {
  expect(boxes.length % 4).toBe(0);
  for (let i = 0; i < boxes.length; i += 4) {
    const [x1, y1, x2, y2] = boxes.subarray(i, i + 4);
    expect(x1).toBeGreaterThanOrEqual(0);
    expect(y1).toBeGreaterThanOrEqual(0);
    expect(x2).toBeLessThanOrEqual(w);
    expect(y2).toBeLessThanOrEqual(h);
    expect(x2 - x1).toBeGreaterThanOrEqual(minSide - 1e-3);
    expect(y2 - y1).toBeGreaterThanOrEqual(minSide - 1e-3);
  }
}

beforeAll(async () => {
  for (const f of fixtures) {
    const img = await loadImage(f.file);
    images.push(img);
    fast.push(selectiveSearch(img, { mode: 'fast', seed: 1 }));
  }
});

describe('selectiveSearch on the fixture photos', () => {
  it('there are fixtures with ground truth', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(5);
  });

  it('fast mode: recall@0.5 >= 0.95 and recall@0.7 >= 0.85 over all ground-truth boxes', () => {
    let hit50 = 0, hit70 = 0, total = 0;
    fixtures.forEach((f, i) => {
      const q = proposalQuality(fast[i], f.gt);
      const g = f.gt.length / 4;
      hit50 += q.recall50 * g; hit70 += q.recall70 * g; total += g;
    });
    console.log(`fast: recall@0.5 ${(hit50 / total).toFixed(3)}, recall@0.7 ${(hit70 / total).toFixed(3)} over ${total} boxes`);
    expect(hit50 / total).toBeGreaterThanOrEqual(0.95);
    expect(hit70 / total).toBeGreaterThanOrEqual(0.85);
  });

  it('every box is inside the image and no side is under 20 px', () => {
    images.forEach((img, i) => {
      expect(fast[i].length).toBeGreaterThan(4 * 100);
      expectValidBoxes(fast[i], img.width, img.height, 20);
    });
  });

  it('same seed gives identical output; another seed reorders the same boxes', () => {
    const again = selectiveSearch(images[1], { mode: 'fast', seed: 1 });
    expect(again).toEqual(fast[1]);
    const other = selectiveSearch(images[1], { mode: 'fast', seed: 2 });
    expect(other).not.toEqual(fast[1]);
    const key = (b: Float32Array) => Array.from({ length: b.length / 4 }, (_, i) => b.subarray(4 * i, 4 * i + 4).join(',')).sort();
    expect(key(other)).toEqual(key(fast[1]));
  });

  it('no duplicate boxes', () => {
    const seen = new Set<string>();
    for (let i = 0; i < fast[0].length; i += 4) seen.add(fast[0].subarray(i, i + 4).join(','));
    expect(seen.size).toBe(fast[0].length / 4);
  });

  it('a smaller working size maps boxes back to image pixels (min side scales with it)', () => {
    const img = images[0];
    const r = selectiveSearchDetailed(img, { mode: 'single', maxSide: 250 });
    expect(r.workingSize).toEqual([250, Math.round((img.height * 250) / img.width)]);
    expect(r.boxes.length).toBeGreaterThan(0);
    expectValidBoxes(r.boxes, img.width, img.height, 20 * r.scale[0]);
    // the last merge of a hierarchy is the whole image: it must be among the boxes
    let whole = false;
    for (let i = 0; i < r.boxes.length; i += 4) if (r.boxes[i] === 0 && r.boxes[i + 1] === 0 && r.boxes[i + 2] === img.width && r.boxes[i + 3] === img.height) whole = true;
    expect(whole).toBe(true);
  });

  it('maxBoxes truncates to the best ranked', () => {
    const top = selectiveSearch(images[1], { mode: 'fast', seed: 1, maxBoxes: 50 });
    expect(top).toEqual(fast[1].subarray(0, 200));
  });

  it('detail returns label maps and merge trees; progress is monotonic and ends at 1', () => {
    const progress: SelectiveSearchProgress[] = [];
    const r = selectiveSearchDetailed(images[2], { mode: 'fast', detail: true, onProgress: (p) => progress.push(p) });
    expect(r.segmentations.length).toBe(4);
    expect(r.hierarchies.length).toBe(8);
    const [w, h] = r.workingSize;
    for (const s of r.segmentations) expect(s.labels.length).toBe(w * h);
    for (const hi of r.hierarchies) {
      const seg = r.segmentations[hi.segmentation];
      expect(hi.tree.initialCount).toBe(seg.count);
      expect(hi.tree.mergeCount).toBe(seg.count - 1);
    }
    expect(progress.length).toBe(1 + 2 + 4 + 8 + 1);
    for (let i = 1; i < progress.length; i++) expect(progress[i].fraction).toBeGreaterThan(progress[i - 1].fraction);
    expect(progress[progress.length - 1]).toMatchObject({ stage: 'rank', fraction: 1 });
    expect(r.boxes).toEqual(selectiveSearch(images[2], { mode: 'fast' }));
  });

  it('an aborted signal stops the run between steps', () => {
    const signal = { aborted: false };
    let steps = 0;
    expect(() => selectiveSearch(images[2], {
      signal, onProgress: () => { if (++steps === 3) signal.aborted = true; },
    })).toThrow(/cancelled/);
    expect(steps).toBe(3);
  });

  it('quality mode finishes on a 500-px image with more boxes than fast', () => {
    const r = selectiveSearchDetailed(images[0], { mode: 'quality' });
    expect(r.boxes.length).toBeGreaterThan(fast[0].length);
    expectValidBoxes(r.boxes, images[0].width, images[0].height, 20);
  });
});

describe('selectiveSearch on bad or degenerate input', () => {
  it('0x0 gives no boxes', () => {
    expect(selectiveSearch({ width: 0, height: 0, data: new Uint8ClampedArray(0) }).length).toBe(0);
  });

  it('1x1 gives at most the whole image', () => {
    const b = selectiveSearch(solid(1, 1));
    expect(b.length).toBeLessThanOrEqual(4);
    expectValidBoxes(b, 1, 1, 0);
  });

  it('a single-colour image gives exactly the whole image', () => {
    expect(Array.from(selectiveSearch(solid(64, 48)))).toEqual([0, 0, 64, 48]);
  });

  it('a 2000x20 image returns quickly without throwing (its 500x5 working image has no 20-px box)', () => {
    const img = solid(2000, 20);
    for (let x = 1000; x < 2000; x++) for (let y = 0; y < 20; y++) img.data.set([220, 30, 30], 4 * (y * 2000 + x));
    const t = performance.now();
    const b = selectiveSearch(img, { mode: 'quality' });
    expect(performance.now() - t).toBeLessThan(5000);
    expectValidBoxes(b, 2000, 20, 0);
    const tall = selectiveSearch(solid(20, 2000), { maxSide: 0 });
    expect(Array.from(tall)).toEqual([0, 0, 20, 2000]);
  });

  it('a buffer of the wrong length raises an error naming the length', () => {
    expect(() => selectiveSearch({ width: 10, height: 10, data: new Uint8ClampedArray(300) })).toThrow(
      /image\.data has length 300.*expected width \* height \* 4 = 400/,
    );
  });

  it('bad options are rejected with the value quoted', () => {
    expect(() => selectiveSearch(solid(4, 4), { maxSide: -1 })).toThrow(/maxSide must be a number >= 0, got -1/);
    expect(() => selectiveSearch(solid(4, 4), { mode: 'slow' as 'fast' })).toThrow(/got 'slow'/);
  });
});
