import { describe, expect, it } from 'vitest';
import { scaleChoiceRows } from './scalesView';
import { chooseScale, TRAIN_AREA } from '../geometry/chooseScale';
import { imageBox } from '../geometry/boxes';

const PAPER_SCALES = [480, 576, 688, 864, 1200];
const chosen = (rows: ReturnType<typeof scaleChoiceRows>): number[] => rows.filter((r) => r.chosen).map((r) => r.s);

describe('scaleChoiceRows (PAPER §3.3)', () => {
  it('PAPER.md examples on a 500x375 image: 100x100 → 864, 400x300 → 480, 30x60 → 1200', () => {
    const size: [number, number] = [500, 375];
    expect(chosen(scaleChoiceRows([0, 0, 100, 100], size, PAPER_SCALES, TRAIN_AREA))).toEqual([864]);
    expect(chosen(scaleChoiceRows([50, 40, 450, 340], size, PAPER_SCALES, TRAIN_AREA))).toEqual([480]);
    expect(chosen(scaleChoiceRows([10, 10, 40, 70], size, PAPER_SCALES, TRAIN_AREA))).toEqual([1200]);
  });

  it('scaledSide is √area × s / min(w, h) and diff is |area at s − trainArea| (hand-worked, 100x100 box, min side 375)', () => {
    const rows = scaleChoiceRows([0, 0, 100, 100], [500, 375], [375, 750, 864], TRAIN_AREA);
    expect(rows.map((r) => r.s)).toEqual([375, 750, 864]);
    expect(rows[0].scaledSide).toBeCloseTo(100, 10);
    expect(rows[1].scaledSide).toBeCloseTo(200, 10);
    expect(rows[2].scaledSide).toBeCloseTo(230.4, 10);
    expect(rows[0].diff).toBeCloseTo(224 * 224 - 100 * 100, 8);
    expect(rows[1].diff).toBeCloseTo(224 * 224 - 200 * 200, 8);
    expect(rows[2].diff).toBeCloseTo(230.4 * 230.4 - 224 * 224, 6);
    expect(chosen(rows)).toEqual([864]);
  });

  it('marks exactly the scale chooseScale picks, for many boxes, images and train areas', () => {
    let seed = 12345;
    const rnd = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const picks = new Set<number>();
    for (let n = 0; n < 500; n++) {
      const size: [number, number] = [50 + Math.floor(rnd() * 950), 50 + Math.floor(rnd() * 950)];
      const x1 = rnd() * size[0] * 0.8, y1 = rnd() * size[1] * 0.8;
      const box: [number, number, number, number] = [x1, y1, x1 + 1 + rnd() * (size[0] - x1 - 1), y1 + 1 + rnd() * (size[1] - y1 - 1)];
      const trainArea = n % 2 ? TRAIN_AREA : 180 * 180;
      const rows = scaleChoiceRows(box, size, PAPER_SCALES, trainArea);
      const want = chooseScale(imageBox(...box), size, PAPER_SCALES, trainArea);
      expect(chosen(rows)).toEqual([want]);
      picks.add(want);
    }
    expect(picks.size).toBe(PAPER_SCALES.length); // every scale gets picked somewhere, so the check has teeth
  });

  it('a tie goes to the earlier scale, as chooseScale; a single scale is always chosen; no scales gives no rows', () => {
    // 224x224 box on a 224-min-side image: scales 224 and 224 tie exactly.
    expect(scaleChoiceRows([0, 0, 224, 224], [300, 224], [224, 224], TRAIN_AREA).map((r) => r.chosen)).toEqual([true, false]);
    expect(chooseScale(imageBox(0, 0, 224, 224), [300, 224], [224, 224])).toBe(224);
    expect(chosen(scaleChoiceRows([0, 0, 5, 5], [500, 375], [688], TRAIN_AREA))).toEqual([688]);
    expect(scaleChoiceRows([0, 0, 5, 5], [500, 375], [], TRAIN_AREA)).toEqual([]);
  });
});
