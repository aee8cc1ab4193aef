import type { Box4 } from '../geometry';
import { vocAp } from './vocAp';

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
 * VOC-style AP of one image's detections (PAPER §4 reports VOC 2007 mAP): {@link vocAp}, the devkit's
 * matching (per class, by descending score, each detection takes the ground truth of highest IoU; a
 * second match of the same object is a false positive), on a one-image set. AP is the all-point
 * interpolated one. Classes absent from the ground truth are not averaged (their detections cannot
 * change the mean here); `found` counts the objects a detection of their class matched.
 */
export function imageAp(gt: readonly ApGroundTruth[], dets: readonly ApDetection[], iouThreshold = 0.5): ImageApResult {
  const classIds = [...new Set(gt.map((g) => g.classId))].sort((a, b) => a - b);
  const r = vocAp(
    gt.map((g) => ({ imageId: 0, classId: g.classId, box: [...g.box] as Box4 })),
    dets.map((d) => ({ imageId: 0, classId: d.classId, score: d.score, box: [...d.box] as Box4 })),
    { iouThreshold, classIds },
  );
  const perClass = new Map(r.perClass.map((c) => [c.classId, c.apAll ?? NaN]));
  return { perClass, mAP: r.mAPAll ?? NaN, found: r.perClass.reduce((n, c) => n + c.tp, 0), total: gt.length };
}
