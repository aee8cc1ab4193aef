import { describe, expect, it } from 'vitest';
import { vocAp } from './vocAp';
import { type ApDetection, type ApGroundTruth, imageAp } from './imageAp';

const box = (x: number, y: number, w: number, h: number): [number, number, number, number] => [x, y, x + w, y + h];

describe('imageAp', () => {
  it('one perfect detection per object gives AP 1 and finds every object', () => {
    const gt: ApGroundTruth[] = [{ box: box(10, 10, 50, 50), classId: 3 }, { box: box(100, 20, 40, 60), classId: 7 }];
    const r = imageAp(gt, gt.map((g) => ({ ...g, score: 0.9 })));
    expect(r.mAP).toBe(1);
    expect(r.found).toBe(2);
  });

  it('a wrong class finds nothing; a duplicate is a false positive after the true one', () => {
    const gt: ApGroundTruth[] = [{ box: box(0, 0, 100, 100), classId: 1 }];
    expect(imageAp(gt, [{ box: box(0, 0, 100, 100), classId: 2, score: 1 }]).found).toBe(0);
    // TP then FP: precision 1 at recall 1, AP 1; FP then TP: precision 1/2 at recall 1, AP 0.5.
    expect(imageAp(gt, [{ box: box(0, 0, 100, 100), classId: 1, score: 0.9 }, { box: box(2, 2, 100, 100), classId: 1, score: 0.8 }]).mAP).toBe(1);
    expect(imageAp(gt, [{ box: box(300, 0, 100, 100), classId: 1, score: 0.9 }, { box: box(2, 2, 100, 100), classId: 1, score: 0.8 }]).mAP).toBe(0.5);
  });

  it('IoU just under 0.5 does not match', () => {
    // 100x100 against 100x50 inside it: IoU 0.5 matches; against 100x49: 0.49 does not.
    const gt: ApGroundTruth[] = [{ box: box(0, 0, 100, 100), classId: 1 }];
    expect(imageAp(gt, [{ box: box(0, 0, 100, 50), classId: 1, score: 1 }]).found).toBe(1);
    expect(imageAp(gt, [{ box: box(0, 0, 100, 49), classId: 1, score: 1 }]).found).toBe(0);
  });

  it('agrees with the VOC devkit port (all-point AP) on 50 random images', () => {
    let s = 7;
    const rnd = (): number => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 2 ** 32; };
    for (let t = 0; t < 50; t++) {
      const gt: ApGroundTruth[] = Array.from({ length: 1 + Math.floor(rnd() * 6) }, () => ({ box: box(rnd() * 300, rnd() * 300, 20 + rnd() * 100, 20 + rnd() * 100), classId: 1 + Math.floor(rnd() * 3) }));
      const dets: ApDetection[] = Array.from({ length: Math.floor(rnd() * 12) }, () => {
        const g = gt[Math.floor(rnd() * gt.length)];
        const j = (): number => (rnd() - 0.5) * 40;
        return { box: [g.box[0] + j(), g.box[1] + j(), g.box[2] + j(), g.box[3] + j()], classId: rnd() < 0.8 ? g.classId : 1 + Math.floor(rnd() * 3), score: rnd() };
      });
      const mine = imageAp(gt, dets);
      const ref = vocAp(gt.map((g) => ({ imageId: 1, classId: g.classId, box: [...g.box] as [number, number, number, number] })), dets.map((d) => ({ imageId: 1, classId: d.classId, score: d.score, box: [...d.box] as [number, number, number, number] })), { classIds: [1, 2, 3] });
      for (const c of ref.perClass) {
        if (c.apAll === null) expect(mine.perClass.has(c.classId)).toBe(false);
        else expect(mine.perClass.get(c.classId)).toBeCloseTo(c.apAll, 10);
      }
      expect(mine.mAP).toBeCloseTo(ref.mAPAll ?? NaN, 10);
    }
  });
});
