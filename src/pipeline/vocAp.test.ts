import { describe, expect, it } from 'vitest';
import { readGolden } from '../../test/golden';
import { vocAp, type Detection, type GroundTruthBox } from './vocAp';

/** golden/README.md: AP tolerance. */
const EPS = 1e-6;

type B = [number, number, number, number];
interface VocApGoldenCase {
  iouThreshold: number;
  numClasses: number;
  note: string;
  groundTruth: { image: number; cls: number; box: B; difficult: boolean }[];
  detections: { image: number; cls: number; box: B; score: number }[];
  perClass: Record<string, { ap07: number; apAll: number; npos: number }>;
  mAP07: number;
  mAPAll: number;
}

const gt = (imageId: number, box: B, difficult = false, classId = 1): GroundTruthBox =>
  ({ imageId, classId, box, difficult });
const det = (imageId: number, box: B, score: number, classId = 1): Detection => ({ imageId, classId, box, score });

describe('vocAp against golden/voc_ap.json', () => {
  const { cases } = readGolden<{ cases: VocApGoldenCase[] }>('voc_ap.json');

  it('the golden uses our box convention', () => {
    expect(cases.length).toBeGreaterThan(0);
    for (const c of cases) expect(c.note).toMatch(/\[x1,y1,x2,y2\]; IoU without \+1/);
  });

  cases.forEach((c, k) => {
    it(`case ${k}: ${c.numClasses} classes, ${c.groundTruth.length} GT, ${c.detections.length} detections`, () => {
      const result = vocAp(
        c.groundTruth.map((g) => gt(g.image, g.box, g.difficult, g.cls)),
        c.detections.map((d) => det(d.image, d.box, d.score, d.cls)),
        { iouThreshold: c.iouThreshold, classIds: Array.from({ length: c.numClasses }, (_, i) => i) },
      );
      expect(result.perClass.map((p) => p.classId)).toEqual(Object.keys(c.perClass).map(Number));
      for (const p of result.perClass) {
        const want = c.perClass[String(p.classId)];
        expect(p.npos).toBe(want.npos);
        expect(Math.abs((p.ap07 as number) - want.ap07)).toBeLessThan(EPS);
        expect(Math.abs((p.apAll as number) - want.apAll)).toBeLessThan(EPS);
      }
      expect(Math.abs((result.mAP07 as number) - c.mAP07)).toBeLessThan(EPS);
      expect(Math.abs((result.mAPAll as number) - c.mAPAll)).toBeLessThan(EPS);
    });
  });
});

describe('vocAp hand-made cases', () => {
  const a: B = [0, 0, 10, 10];
  const b: B = [20, 20, 40, 30];

  it('perfect detections give AP 1 (11-point and all-point)', () => {
    const r = vocAp([gt(0, a), gt(0, b), gt(1, a)], [det(0, a, 0.9), det(0, b, 0.8), det(1, a, 0.7)]);
    expect(r.perClass[0]).toMatchObject({ ap07: 1, apAll: 1, npos: 3, tp: 3, fp: 0 });
    expect(r.mAP07).toBe(1);
    expect(r.mAPAll).toBe(1);
  });

  it('no detections give AP 0 and still count npos', () => {
    const r = vocAp([gt(0, a), gt(1, b)], []);
    expect(r.perClass[0]).toMatchObject({ ap07: 0, apAll: 0, npos: 2, numDetections: 0 });
    expect(r.mAPAll).toBe(0);
  });

  it('a second detection of a matched object is a false positive', () => {
    const r = vocAp([gt(0, a)], [det(0, a, 0.9), det(0, [0, 0, 10, 9], 0.8)]);
    expect(r.perClass[0]).toMatchObject({ tp: 1, fp: 1, apAll: 1 });
    expect(Array.from(r.perClass[0].precision)).toEqual([1, 0.5]);
  });

  it('a duplicate ranked above the only match lowers AP', () => {
    // Two objects; the lower-scored box on object 1 is a duplicate and comes before the hit on object 2.
    const r = vocAp([gt(0, a), gt(0, b)], [det(0, a, 0.9), det(0, a, 0.8), det(0, b, 0.7)]);
    expect(r.perClass[0]).toMatchObject({ tp: 2, fp: 1 });
    // recall [0.5, 0.5, 1], precision [1, 0.5, 2/3]
    expect(r.perClass[0].apAll).toBeCloseTo(0.5 * 1 + 0.5 * (2 / 3), 12);
    expect(r.perClass[0].ap07).toBeCloseTo((6 * 1 + 5 * (2 / 3)) / 11, 12);
  });

  it('detections are ranked by descending score whatever the input order', () => {
    const gts = [gt(0, a), gt(0, b)];
    const dets = [det(0, b, 0.7), det(0, a, 0.8), det(0, a, 0.9)];
    const shuffled = vocAp(gts, dets).perClass[0];
    const sorted = vocAp(gts, [dets[2], dets[1], dets[0]]).perClass[0];
    expect(shuffled.apAll).toBeCloseTo(0.5 + 0.5 * (2 / 3), 12);
    expect(shuffled.apAll).toBe(sorted.apAll);
  });

  it('a detection on a difficult object is neither TP nor FP, and difficult objects are not in npos', () => {
    const r = vocAp([gt(0, a, true), gt(0, b)], [det(0, a, 0.9), det(0, b, 0.8)]);
    expect(r.perClass[0]).toMatchObject({ npos: 1, tp: 1, fp: 0, numDetections: 2, ap07: 1, apAll: 1 });
    expect(r.perClass[0].recall.length).toBe(1);
  });

  it('a missed difficult object does not lower recall', () => {
    const r = vocAp([gt(0, a, true), gt(0, b)], [det(0, b, 0.8)]);
    expect(r.perClass[0]).toMatchObject({ npos: 1, apAll: 1, ap07: 1 });
  });

  it('a class with no ground truth has AP null and is left out of the mAP', () => {
    const r = vocAp([gt(0, a, false, 1)], [det(0, a, 0.9, 1), det(0, b, 0.8, 2)], { classIds: [1, 2, 3] });
    expect(r.perClass.map((p) => [p.classId, p.apAll, p.ap07, p.npos])).toEqual([
      [1, 1, 1, 1], [2, null, null, 0], [3, null, null, 0],
    ]);
    expect(r.perClass[1]).toMatchObject({ fp: 1, numDetections: 1 });
    expect(r.mAP07).toBe(1);
    expect(r.mAPAll).toBe(1);
  });

  it('a class whose only ground truth is difficult is left out of the mAP', () => {
    const r = vocAp([gt(0, a, false, 1), gt(0, a, true, 2)], [det(0, a, 0.9, 1)]);
    expect(r.perClass.map((p) => p.apAll)).toEqual([1, null]);
    expect(r.mAPAll).toBe(1);
  });

  it('no class with ground truth gives mAP null', () => {
    const r = vocAp([], [det(0, a, 0.5)]);
    expect(r.mAP07).toBeNull();
    expect(r.mAPAll).toBeNull();
  });

  it('default classIds are the ids seen in ground truth or detections, ascending', () => {
    const r = vocAp([gt(0, a, false, 7), gt(0, a, false, 3)], [det(0, a, 0.5, 12)]);
    expect(r.perClass.map((p) => p.classId)).toEqual([3, 7, 12]);
  });

  it('classes outside classIds are ignored', () => {
    const r = vocAp([gt(0, a, false, 1), gt(0, b, false, 2)], [det(0, a, 0.9, 1)], { classIds: [1] });
    expect(r.perClass.map((p) => p.classId)).toEqual([1]);
    expect(r.mAPAll).toBe(1);
  });

  it('boxes in other images or classes never match', () => {
    const r = vocAp([gt(0, a, false, 1)], [det(1, a, 0.9, 1), det(0, a, 0.8, 2)], { classIds: [1, 2] });
    expect(r.perClass[0]).toMatchObject({ tp: 0, fp: 1, apAll: 0 });
    expect(r.perClass[1]).toMatchObject({ fp: 1, apAll: null });
  });

  it('IoU is computed without +1: [0,0,10,4.9] vs [0,0,10,10] is IoU 0.49, a miss', () => {
    // With the old devkit +1 the IoU would be 11*5.9/121 = 0.536, a hit.
    const r = vocAp([gt(0, a)], [det(0, [0, 0, 10, 4.9], 0.9)]);
    expect(r.perClass[0]).toMatchObject({ tp: 0, fp: 1, apAll: 0 });
  });

  it('IoU exactly at the threshold matches (ovmax >= minoverlap, as VOCevaldet.m)', () => {
    const r = vocAp([gt(0, a)], [det(0, [0, 0, 10, 5], 0.9)]);
    expect(r.perClass[0]).toMatchObject({ tp: 1, fp: 0, apAll: 1 });
  });

  it('iouThreshold is configurable', () => {
    const half: B = [0, 0, 10, 6]; // IoU 0.6
    expect(vocAp([gt(0, a)], [det(0, half, 0.9)], { iouThreshold: 0.5 }).perClass[0].tp).toBe(1);
    expect(vocAp([gt(0, a)], [det(0, half, 0.9)], { iouThreshold: 0.7 }).perClass[0].tp).toBe(0);
  });

  it('a detection goes to its highest-IoU object; if that one is taken it is a duplicate FP (devkit rule)', () => {
    // Objects p and q overlap; both detections overlap p most, and q by >= 0.5 too.
    const p: B = [0, 0, 10, 10], q: B = [1, 0, 11, 10];
    const r = vocAp([gt(0, p), gt(0, q)], [det(0, p, 0.9), det(0, [0.2, 0, 10.2, 10], 0.8)]);
    expect(r.perClass[0]).toMatchObject({ tp: 1, fp: 1 });
  });

  it('rejects a bad iouThreshold, a non-finite score and an inverted box, naming the entry', () => {
    expect(() => vocAp([], [], { iouThreshold: 0 })).toThrow(/iouThreshold must be in \(0, 1\], got 0/);
    expect(() => vocAp([], [det(0, a, NaN)])).toThrow(/detections\[0\]\.score must be finite, got NaN/);
    expect(() => vocAp([gt(0, a), gt(0, [5, 0, 1, 1])], [])).toThrow(/groundTruth\[1\]\.box is inverted/);
    expect(() => vocAp([], [det(0, [0, 0, Infinity, 1], 1)])).toThrow(/detections\[0\]\.box must be 4 finite numbers/);
  });

  it('an inverted detection box is accepted and is a false positive', () => {
    const r = vocAp([gt(0, a)], [det(0, [10, 0, 0, 10], 0.9), det(0, a, 0.8)]);
    expect(r.perClass[0]).toMatchObject({ tp: 1, fp: 1, apAll: 0.5 });
  });
});
