import { iou } from '../../geometry';
import type { Detection, GroundTruthBox } from '../../pipeline/vocAp';

/** Where a class's top detections go (Hoiem et al.'s false-positive analysis, simplified). */
export interface ErrorBreakdown {
  /** Detections examined: per class, its N best, N = that class's ground-truth count. */
  examined: number;
  /** IoU >= 0.5 with a not-yet-matched ground truth of the class. */
  correct: number;
  /** Right class, 0.1 <= IoU < 0.5, or a duplicate of a matched object. */
  localization: number;
  /** IoU >= 0.1 with an object of another class only. */
  confusion: number;
  /** IoU < 0.1 with every object. */
  background: number;
  /** Objects with no right-class detection at IoU >= 0.5 at any score. */
  missed: number;
  objects: number;
}

/**
 * Classifies each class's N top-scoring detections (N = its number of objects, the point where a
 * perfect detector would have found them all) as correct, localization, confusion or background, and
 * counts the objects never found. Greedy matching in score order at IoU 0.5, as in VOC.
 */
export function errorBreakdown(gt: readonly GroundTruthBox[], dets: readonly Detection[], classIds: readonly number[]): ErrorBreakdown {
  const out: ErrorBreakdown = { examined: 0, correct: 0, localization: 0, confusion: 0, background: 0, missed: 0, objects: gt.length };
  const byImage = new Map<number | string, GroundTruthBox[]>();
  for (const g of gt) byImage.set(g.imageId, [...(byImage.get(g.imageId) ?? []), g]);
  for (const c of classIds) {
    const objects = gt.filter((g) => g.classId === c);
    const mine = dets.filter((d) => d.classId === c).sort((a, b) => b.score - a.score);
    const matched = new Set<GroundTruthBox>();
    mine.forEach((d, rank) => {
      let bestSame = 0;
      let bestSameObj: GroundTruthBox | undefined;
      let bestOther = 0;
      for (const g of byImage.get(d.imageId) ?? []) {
        const v = iou(d.box, g.box);
        if (g.classId === c) {
          if (v > bestSame) { bestSame = v; bestSameObj = g; }
        } else if (v > bestOther) bestOther = v;
      }
      const isCorrect = bestSame >= 0.5 && bestSameObj !== undefined && !matched.has(bestSameObj);
      if (isCorrect && bestSameObj) matched.add(bestSameObj);
      if (rank >= objects.length) return;
      out.examined++;
      if (isCorrect) out.correct++;
      else if (bestSame >= 0.1) out.localization++;
      else if (bestOther >= 0.1) out.confusion++;
      else out.background++;
    });
    out.missed += objects.length - matched.size;
  }
  return out;
}
