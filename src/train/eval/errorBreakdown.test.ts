import { describe, expect, it } from 'vitest';
import { errorBreakdown } from './errorBreakdown';
import type { Detection, GroundTruthBox } from '../../pipeline/vocAp';

describe('errorBreakdown', () => {
  const gt: GroundTruthBox[] = [
    { imageId: 1, classId: 1, box: [0, 0, 10, 10] },
    { imageId: 1, classId: 2, box: [20, 0, 30, 10] },
    { imageId: 2, classId: 1, box: [0, 0, 10, 10] },
    { imageId: 2, classId: 1, box: [50, 50, 60, 60] },
  ];
  it("sorts each class's N best detections into correct, localization, confusion and background, and counts misses", () => {
    const dets: Detection[] = [
      { imageId: 1, classId: 1, score: 0.9, box: [0, 0, 10, 10] }, // correct
      { imageId: 1, classId: 1, score: 0.8, box: [1, 0, 10, 10] }, // duplicate -> localization
      { imageId: 2, classId: 1, score: 0.7, box: [20, 20, 30, 30] }, // background
      { imageId: 2, classId: 1, score: 0.1, box: [50, 50, 60, 60] }, // correct, but ranked 4th of class 1 (N = 3): not examined
      { imageId: 1, classId: 2, score: 0.6, box: [0, 0, 10, 10] }, // on the class-1 object -> confusion
    ];
    expect(errorBreakdown(gt, dets, [1, 2])).toEqual({ examined: 4, correct: 1, localization: 1, confusion: 1, background: 1, missed: 2, objects: 4 });
  });
  it('a right-class box at IoU between 0.1 and 0.5 is a localization error; with no detections every object is missed', () => {
    const dets: Detection[] = [{ imageId: 1, classId: 2, score: 0.5, box: [25, 0, 35, 10] }];
    const r = errorBreakdown(gt, dets, [1, 2]);
    expect(r).toMatchObject({ examined: 1, localization: 1, correct: 0, missed: 4 });
    expect(errorBreakdown(gt, [], [1, 2])).toMatchObject({ examined: 0, missed: 4 });
  });
});
