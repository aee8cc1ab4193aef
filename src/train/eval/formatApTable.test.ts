import { describe, expect, it } from 'vitest';
import { formatApTable } from './formatApTable';
import { vocAp, type Detection, type GroundTruthBox } from '../../pipeline/vocAp';

const a = [0, 0, 10, 10] as const, b = [20, 20, 40, 30] as const;
const groundTruth: GroundTruthBox[] = [
  { imageId: 0, classId: 1, box: a }, { imageId: 0, classId: 1, box: b },
  { imageId: 0, classId: 2, box: a },
];
const detections: Detection[] = [
  // class 1: TP, duplicate FP, TP -> AP11 = (6 + 5 * 2/3) / 11, APall = 0.5 + 0.5 * 2/3
  { imageId: 0, classId: 1, box: a, score: 0.9 },
  { imageId: 0, classId: 1, box: a, score: 0.8 },
  { imageId: 0, classId: 1, box: b, score: 0.7 },
  // class 2: one TP -> AP 1; class 3: no ground truth -> n/a
  { imageId: 0, classId: 2, box: a, score: 0.6 },
  { imageId: 0, classId: 3, box: a, score: 0.5 },
];
const result = vocAp(groundTruth, detections, { classIds: [1, 2, 3] });

describe('formatApTable', () => {
  it('prints one aligned row per class and the mAP over classes with ground truth', () => {
    expect(formatApTable(result, { 1: 'aeroplane', 2: 'bicycle', 3: 'bird' })).toBe([
      'class            npos  dets  TP  FP  AP11@0.5  APall@0.5',
      '---------------  ----  ----  --  --  --------  ---------',
      'aeroplane           2     3   2   1    0.8485     0.8333',
      'bicycle             1     1   1   0    1.0000     1.0000',
      'bird                0     1   0   1       n/a        n/a',
      '---------------  ----  ----  --  --  --------  ---------',
      'mAP (2 classes)                        0.9242     0.9167',
    ].join('\n'));
  });

  it('percent mode, custom digits, a Map of names and a fallback for unnamed ids', () => {
    const table = formatApTable(result, new Map([[1, 'aeroplane']]), { percent: true, digits: 2 });
    const lines = table.split('\n');
    expect(lines[2]).toMatch(/^aeroplane\s+2\s+3\s+2\s+1\s+84\.85\s+83\.33$/);
    expect(lines[3]).toMatch(/^class 2\s+1\s+1\s+1\s+0\s+100\.00\s+100\.00$/);
    expect(lines[6]).toMatch(/^mAP \(2 classes\)\s+92\.42\s+91\.67$/);
  });

  it('percent defaults to 1 digit', () => {
    expect(formatApTable(result, {}, { percent: true }).split('\n')[6]).toMatch(/\s92\.4\s+91\.7$/);
  });

  it('shows n/a for the mAP when no class has ground truth, and the IoU threshold in the header', () => {
    const r = vocAp([], [{ imageId: 0, classId: 4, box: a, score: 1 }], { iouThreshold: 0.7 });
    const lines = formatApTable(r, { 4: 'boat' }).split('\n');
    expect(lines[0]).toMatch(/AP11@0\.7\s+APall@0\.7$/);
    expect(lines[lines.length - 1]).toMatch(/^mAP \(0 classes\)\s+n\/a\s+n\/a$/);
  });

  it('rejects bad digits, quoting the value', () => {
    expect(() => formatApTable(result, {}, { digits: -1 })).toThrow('digits must be an integer in [0, 12], got -1');
  });
});
