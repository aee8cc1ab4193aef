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
  /** Objects and those never found, per COCO size bucket of the ground-truth box's area. */
  bySize: SizeBucket[];
}

/** One size bucket of {@link ErrorBreakdown.bySize}. */
export interface SizeBucket {
  /** 'small' (area < 32²), 'medium' (32² to 96²) or 'large' (>= 96²), as COCO's. */
  label: 'small' | 'medium' | 'large';
  objects: number;
  missed: number;
}

/** COCO's size buckets by box area. */
function sizeLabel(box: readonly number[]): SizeBucket['label'] {
  const area = (box[2] - box[0]) * (box[3] - box[1]);
  return area < 32 * 32 ? 'small' : area < 96 * 96 ? 'medium' : 'large';
}

/**
 * Classifies each class's N top-scoring detections (N = its number of objects, the point where a
 * perfect detector would have found them all) as correct, localization, confusion or background, and
 * counts the objects never found. Greedy matching in score order at IoU 0.5, as in VOC.
 */
export function errorBreakdown(gt: readonly GroundTruthBox[], dets: readonly Detection[], classIds: readonly number[]): ErrorBreakdown {
  const bySize: SizeBucket[] = (['small', 'medium', 'large'] as const).map((label) => ({ label, objects: 0, missed: 0 }));
  const bucket = (g: GroundTruthBox): SizeBucket => bySize.find((b) => b.label === sizeLabel(g.box))!;
  const out: ErrorBreakdown = { examined: 0, correct: 0, localization: 0, confusion: 0, background: 0, missed: 0, objects: gt.length, bySize };
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
    for (const g of objects) {
      const b = bucket(g);
      b.objects++;
      if (!matched.has(g)) b.missed++;
    }
  }
  return out;
}
