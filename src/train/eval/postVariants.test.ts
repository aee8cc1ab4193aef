import { describe, expect, it } from 'vitest';
import { DEFAULT_BOX_VOTING } from '../../pipeline/runDetector';
import { postVariants } from './postVariants';

const settings = (v: ReturnType<typeof postVariants>): Array<[number, number | false]> => v.map((x) => [x.nmsIou, x.boxVoting]);

describe('postVariants (npm run eval -- --nms-iou / --box-voting)', () => {
  it('is empty when neither list is given, so the CLI scores only the shipped setting', () => {
    expect(postVariants(undefined, undefined)).toEqual([]);
  });

  it('pairs every NMS IoU with every voting setting, the absent list at its default', () => {
    expect(settings(postVariants('0.3,0.4', '0.4,off'))).toEqual([[0.3, 0.4], [0.3, false], [0.4, 0.4], [0.4, false]]);
    expect(settings(postVariants('0.35', undefined))).toEqual([[0.35, DEFAULT_BOX_VOTING]]);
    expect(settings(postVariants(undefined, '0.5,off'))).toEqual([[0.3, 0.5], [0.3, false]]);
  });

  it('gives each variant its own detection list', () => {
    const v = postVariants('0.3,0.4', undefined);
    v[0].detections.push({ imageId: 1, classId: 2, score: 0.9, box: [0, 0, 1, 1] });
    expect(v[1].detections).toHaveLength(0);
  });

  it('rejects values that are not IoUs, naming the option', () => {
    expect(() => postVariants('0.3,1.5', undefined)).toThrow(/--nms-iou.*'1\.5'/);
    expect(() => postVariants('0', undefined)).toThrow(/--nms-iou/);
    expect(() => postVariants(undefined, 'none')).toThrow(/--box-voting.*'off'.*'none'/);
    expect(() => postVariants('0.3,', undefined)).toThrow(/--nms-iou/);
  });
});
