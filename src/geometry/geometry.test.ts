import { describe, expect, it } from 'vitest';
import { readGolden } from '../../test/golden';
import { cellBox, imageBox, scaledBox, assertValidBox } from './boxes';
import { iou } from './iou';
import { nonMaxSuppression, batchedNonMaxSuppression } from './nonMaxSuppression';
import { projectToCells } from './projectToCells';
import { chooseScale } from './chooseScale';
import { imageToScaled, scaledToImage, scaledImageSize } from './scaleBox';

interface NmsCase { iouThreshold: number; boxes: number[][]; scores: number[]; keep: number[]; iouFirst5?: number[][] }
const nmsGolden = readGolden<{ cases: NmsCase[] }>('nms.json');

describe('nonMaxSuppression vs torchvision (shared/golden/nms.json)', () => {
  it('has golden cases to check', () => expect(nmsGolden.cases.length).toBeGreaterThan(3));
  nmsGolden.cases.forEach((c, i) => {
    it(`case ${i}: ${c.boxes.length} boxes at IoU ${c.iouThreshold} keep identical indices`, () => {
      const kept = nonMaxSuppression(Float32Array.from(c.boxes.flat()), Float32Array.from(c.scores), c.iouThreshold);
      expect(Array.from(kept)).toEqual(c.keep);
    });
  });
  it('IoU of the first 5 boxes matches box_iou to 1e-6', () => {
    let checked = 0;
    for (const c of nmsGolden.cases) {
      if (!c.iouFirst5) continue;
      const b = Float32Array.from(c.boxes.flat());
      c.iouFirst5.forEach((row, i) => row.forEach((v, j) => { expect(iou(b, b, 4 * i, 4 * j)).toBeCloseTo(v, 6); checked++; }));
    }
    expect(checked).toBeGreaterThan(0);
  });
});

describe('batchedNonMaxSuppression', () => {
  it('boxes of different classes never suppress each other', () => {
    const boxes = Float32Array.of(0, 0, 10, 10, 0, 0, 10, 10, 1, 1, 10, 10);
    const kept = batchedNonMaxSuppression(boxes, Float32Array.of(0.9, 0.8, 0.7), Int32Array.of(1, 2, 1), 0.3);
    expect(Array.from(kept)).toEqual([0, 1]);
  });
});

describe('projectToCells (PAPER App. A)', () => {
  it('S=16, x in [100, 300] gives cells 7..18', () => {
    const c = projectToCells(scaledBox(100, 100, 300, 300), 16, [40, 40]);
    expect(Array.from(c)).toEqual([7, 7, 18, 18]);
  });
  it('a window narrower than 2S collapses to its centre cell', () => {
    const c = projectToCells(scaledBox(100, 40, 110, 45), 16, [40, 40]);
    expect(Array.from(c)).toEqual([6, 2, 6, 2]);
  });
  it('clamps to the map', () => {
    const c = projectToCells(scaledBox(0, 0, 5000, 5000), 16, [10, 12]);
    expect(Array.from(c)).toEqual([1, 1, 11, 9]);
  });
  it('names a NaN or inverted window in its error', () => {
    expect(() => projectToCells(scaledBox(NaN, 0, 1, 1), 16, [4, 4])).toThrow(/non-finite.*NaN/);
    expect(() => projectToCells(scaledBox(5, 0, 1, 1), 16, [4, 4])).toThrow(/inverted/);
    expect(() => projectToCells(scaledBox(0, 0, 1, 1), 16, [0, 4])).toThrow(/mapSize/);
  });
});

describe('chooseScale (PAPER §3.3)', () => {
  const scales = [480, 576, 688, 864, 1200];
  it.each([
    [[0, 0, 100, 100], 864],
    [[0, 0, 400, 300], 480],
    [[0, 0, 30, 60], 1200],
  ])('500x375 image, box %j picks %i', (b, s) => {
    expect(chooseScale(imageBox(b[0], b[1], b[2], b[3]), [500, 375], scales)).toBe(s);
  });
  it('rejects an empty scale list', () => expect(() => chooseScale(imageBox(0, 0, 1, 1), [5, 5], [])).toThrow(/scales/));
});

describe('scaling', () => {
  it('image -> scale s -> image is the identity and min side becomes s', () => {
    const b = imageBox(10, 20, 110, 220);
    const s = imageToScaled(b, [500, 375], 688);
    expect(s[0]).toBeCloseTo(10 * 688 / 375, 9);
    const back = scaledToImage(s, [500, 375], 688);
    back.forEach((v, i) => expect(v).toBeCloseTo(b[i], 9));
    expect(scaledImageSize([500, 375], 688)).toEqual([917, 688]);
  });
  it('assertValidBox names the length', () => expect(() => assertValidBox([1, 2, 3])).toThrow(/length 3/));
  it('cellBox keeps inclusive indices', () => expect(Array.from(cellBox(1, 2, 1, 2))).toEqual([1, 2, 1, 2]));
});
