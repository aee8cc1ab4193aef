import { iou } from '../geometry/iou';

/** A ground-truth object of one image: `[x1, y1, x2, y2]` image pixels (ImageBox convention). */
export interface ApGroundTruth { box: readonly [number, number, number, number]; classId: number }
/** A scored detection of the same image. */
export interface ApDetection { box: readonly [number, number, number, number]; classId: number; score: number }

/** Per-image evaluation: AP per class present in the ground truth, their mean, and recall. */
export interface ImageApResult {
  /** classId -> all-point interpolated AP (VOC 2010+ rule) at the IoU threshold. */
  perClass: Map<number, number>;
  /** Mean over the classes that have ground truth in this image. NaN when there is none. */
  mAP: number;
  /** Ground-truth objects matched by a detection of the right class (greedy, by score). */
  found: number;
  total: number;
}

/**
 * VOC-style AP of one image's detections (PAPER §4 reports VOC 2007 mAP): per class, detections by
 * descending score are matched greedily to the unmatched ground truth of highest IoU >= `iouThreshold`;
 * a second match of the same object is a false positive. AP = area under the all-point interpolated
 * precision/recall curve. Classes absent from the ground truth are not averaged (their detections
 * cannot change the mean here).
 */
export function imageAp(gt: readonly ApGroundTruth[], dets: readonly ApDetection[], iouThreshold = 0.5): ImageApResult {
  const perClass = new Map<number, number>();
  let found = 0;
  const classes = [...new Set(gt.map((g) => g.classId))].sort((a, b) => a - b);
  for (const c of classes) {
    const g = gt.filter((x) => x.classId === c);
    const d = dets.filter((x) => x.classId === c).slice().sort((a, b) => b.score - a.score);
    const used = new Array<boolean>(g.length).fill(false);
    const tp: number[] = [];
    for (const det of d) {
      let best = -1, bestIou = -1;
      for (let j = 0; j < g.length; j++) {
        const o = iou(det.box, g[j].box);
        if (o > bestIou) { bestIou = o; best = j; }
      }
      if (best >= 0 && bestIou >= iouThreshold && !used[best]) { used[best] = true; tp.push(1); } else tp.push(0);
    }
    found += used.filter(Boolean).length;
    // Precision/recall points, then the all-point interpolation (precision made monotone from the right).
    const rec: number[] = [], prec: number[] = [];
    let ctp = 0;
    tp.forEach((t, i) => { ctp += t; rec.push(ctp / g.length); prec.push(ctp / (i + 1)); });
    const mrec = [0, ...rec, 1], mpre = [0, ...prec, 0];
    for (let i = mpre.length - 2; i >= 0; i--) mpre[i] = Math.max(mpre[i], mpre[i + 1]);
    let ap = 0;
    for (let i = 1; i < mrec.length; i++) ap += (mrec[i] - mrec[i - 1]) * mpre[i];
    perClass.set(c, ap);
  }
  const aps = [...perClass.values()];
  return { perClass, mAP: aps.length ? aps.reduce((a, b) => a + b, 0) / aps.length : NaN, found, total: gt.length };
}
