// The post-processing settings `npm run eval -- --nms-iou LIST --box-voting LIST` scores side by side.
import { DEFAULT_BOX_VOTING } from '../../pipeline/runDetector';
import { DEFAULT_NMS_IOU } from '../../pipeline/selectDetections';
import type { Detection } from '../../pipeline/vocAp';

/** A post-processing setting the sweep scores. */
export interface PostVariant {
  nmsIou: number;
  boxVoting: number | false;
  detections: Detection[];
}

/** `--nms-iou` and `--box-voting` lists: every pairing (the absent one at its default); [] when neither is given. */
export function postVariants(nmsArg: string | undefined, votingArg: string | undefined): PostVariant[] {
  if (nmsArg === undefined && votingArg === undefined) return [];
  const iou = (name: string, raw: string): number => {
    const v = Number(raw);
    if (raw.trim() === '' || !(v > 0 && v <= 1)) throw new Error(`--${name} takes IoUs in (0, 1] separated by commas${name === 'box-voting' ? ", or 'off'" : ''}; got '${raw}'`);
    return v;
  };
  const nms = (nmsArg ?? String(DEFAULT_NMS_IOU)).split(',').map((x) => iou('nms-iou', x));
  const voting = (votingArg ?? String(DEFAULT_BOX_VOTING)).split(',').map((x): number | false => (x === 'off' ? false : iou('box-voting', x)));
  return nms.flatMap((n) => voting.map((v) => ({ nmsIou: n, boxVoting: v, detections: [] })));
}
