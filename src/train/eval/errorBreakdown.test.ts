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
    expect(errorBreakdown(gt, dets, [1, 2])).toEqual({ examined: 4, correct: 1, localization: 1, confusion: 1, background: 1, missed: 2, objects: 4,
      bySize: [{ label: 'small', objects: 4, missed: 2 }, { label: 'medium', objects: 0, missed: 0 }, { label: 'large', objects: 0, missed: 0 }],
    });
  });
  it('a right-class box at IoU between 0.1 and 0.5 is a localization error; with no detections every object is missed', () => {
    const dets: Detection[] = [{ imageId: 1, classId: 2, score: 0.5, box: [25, 0, 35, 10] }];
    const r = errorBreakdown(gt, dets, [1, 2]);
    expect(r).toMatchObject({ examined: 1, localization: 1, correct: 0, missed: 4 });
    expect(errorBreakdown(gt, [], [1, 2])).toMatchObject({ examined: 0, missed: 4 });
  });
  it("counts objects and misses per COCO size bucket (area < 32², < 96², larger)", () => {
    const sized: GroundTruthBox[] = [
      { imageId: 1, classId: 1, box: [0, 0, 31, 32] }, // 992 px²: small
      { imageId: 1, classId: 1, box: [100, 0, 132, 32] }, // 32²: medium
      { imageId: 1, classId: 1, box: [200, 0, 295, 96] }, // 95 x 96: medium
      { imageId: 1, classId: 1, box: [300, 0, 396, 96] }, // 96²: large
    ];
    const dets: Detection[] = [
      { imageId: 1, classId: 1, score: 0.9, box: [100, 0, 132, 32] },
      { imageId: 1, classId: 1, score: 0.8, box: [300, 0, 396, 96] },
    ];
    expect(errorBreakdown(sized, dets, [1]).bySize).toEqual([
      { label: 'small', objects: 1, missed: 1 },
      { label: 'medium', objects: 2, missed: 1 },
      { label: 'large', objects: 1, missed: 0 },
    ]);
  });
});
