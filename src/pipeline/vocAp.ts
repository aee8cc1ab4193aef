import { assertValidBox, iou, type Box4 } from '../geometry';

/**
 * One ground-truth object. `box` is `[x1, y1, x2, y2]` in continuous image pixels (an `ImageBox`:
 * x2/y2 exclusive, area = (x2 - x1)(y2 - y1), no +1) — NOT COCO `[x, y, w, h]`; convert COCO input
 * with `readCocoGroundTruth`, which does it for you.
 */
export interface GroundTruthBox {
  /** Image the object is in (COCO `image_id`). */
  imageId: number;
  /** Class id (e.g. 1..20 for Emoji-VOC; never 0 = background). */
  classId: number;
  /** `[x1, y1, x2, y2]` continuous image pixels. */
  box: Box4;
  /** VOC "difficult" (or COCO crowd): matching it is neither a TP nor an FP; not counted in npos. @default false */
  difficult?: boolean;
}

/**
 * One scored detection; `box` is `[x1, y1, x2, y2]` in continuous image pixels, as {@link GroundTruthBox}.
 * An inverted box is accepted and never matches (a false positive).
 */
export interface Detection {
  imageId: number;
  classId: number;
  /** Confidence; detections are ranked by descending score. */
  score: number;
  box: Box4;
}

/** Options of {@link vocAp}. */
export interface VocApOptions {
  /** A detection matches a ground truth when IoU >= this (VOCevaldet.m `ovmax >= minoverlap`). @default 0.5 */
  iouThreshold?: number;
  /**
   * Classes to evaluate, in report order. Ground truth and detections of other classes are ignored.
   * Pass the full class list (e.g. 1..20) so a class with ground truth but no detections reports AP 0.
   * @default the ids present in ground truth or detections, ascending
   */
  classIds?: readonly number[];
}

/** AP of one class. */
export interface ClassAp {
  classId: number;
  /** VOC2007 11-point interpolated AP in [0, 1]; null when the class has no non-difficult ground truth. */
  ap07: number | null;
  /** VOC2010+ all-point AP (area under the monotone precision envelope); null as `ap07`. */
  apAll: number | null;
  /** Non-difficult ground-truth objects (the devkit's npos). */
  npos: number;
  /** Detections of this class, including those matched to difficult ground truth. */
  numDetections: number;
  /** True positives among them. */
  tp: number;
  /** False positives among them (no match, or a duplicate of an already matched object). */
  fp: number;
  /** Recall after each counted (non-ignored) detection, by descending score; empty when npos = 0. */
  recall: Float64Array;
  /** Precision after each counted detection, same length as `recall`. */
  precision: Float64Array;
}

/** Result of {@link vocAp}. */
export interface VocApResult {
  iouThreshold: number;
  /** One entry per evaluated class, in `classIds` order. */
  perClass: ClassAp[];
  /** Mean of `ap07` over classes with npos > 0; null when there is none. */
  mAP07: number | null;
  /** Mean of `apAll` over classes with npos > 0; null when there is none. */
  mAPAll: number | null;
}

/**
 * VOC devkit detection evaluation (VOCevaldet.m / VOCap.m), with the project's box convention (IoU
 * without +1; golden/voc_ap.json). Per class: detections are visited by descending score (ties keep
 * input order); each takes the ground truth of its image and class with the highest IoU (difficult ones
 * included). If that IoU >= threshold: a difficult object makes the detection ignored (neither TP nor
 * FP), an unmatched one makes it a TP and marks the object matched, an already matched one makes it a
 * duplicate FP — even if a second object also overlaps, as in the devkit. Otherwise it is an FP.
 * A class with no non-difficult ground truth has AP null and is left out of the mAP.
 */
export function vocAp(
  groundTruth: readonly GroundTruthBox[],
  detections: readonly Detection[],
  options: VocApOptions = {},
): VocApResult {
  const iouThreshold = options.iouThreshold ?? 0.5;
  if (!(iouThreshold > 0 && iouThreshold <= 1)) {
    throw new Error(`vocAp: iouThreshold must be in (0, 1], got ${iouThreshold}`);
  }
  groundTruth.forEach((g, i) => {
    assertIdentity(g, `groundTruth[${i}]`);
    assertValidBox(g.box, `vocAp: groundTruth[${i}].box`);
  });
  detections.forEach((d, i) => {
    assertIdentity(d, `detections[${i}]`);
    if (!Number.isFinite(d.score)) throw new Error(`vocAp: detections[${i}].score must be finite, got ${d.score}`);
    // An inverted detection (x2 < x1 or y2 < y1, e.g. from box regression) is allowed: it overlaps
    // nothing, so it is a false positive, as in the devkit and golden/voc_ap.json case 1.
    if (d.box.length !== 4 || !d.box.every(Number.isFinite)) {
      throw new Error(`vocAp: detections[${i}].box must be 4 finite numbers [x1, y1, x2, y2], got [${Array.from(d.box).join(', ')}]`);
    }
  });

  const classIds = options.classIds
    ?? [...new Set([...groundTruth.map((g) => g.classId), ...detections.map((d) => d.classId)])].sort((a, b) => a - b);
  const perClass = classIds.map((c) => evaluateClass(
    groundTruth.filter((g) => g.classId === c),
    detections.filter((d) => d.classId === c),
    c,
    iouThreshold,
  ));
  const scored = perClass.filter((p) => p.npos > 0);
  const mean = (key: 'ap07' | 'apAll'): number | null =>
    scored.length === 0 ? null : scored.reduce((s, p) => s + (p[key] as number), 0) / scored.length;
  return { iouThreshold, perClass, mAP07: mean('ap07'), mAPAll: mean('apAll') };
}

function assertIdentity(x: { imageId: number; classId: number }, what: string): void {
  if (!Number.isFinite(x.imageId)) throw new Error(`vocAp: ${what}.imageId must be a finite number, got ${x.imageId}`);
  if (!Number.isFinite(x.classId)) throw new Error(`vocAp: ${what}.classId must be a finite number, got ${x.classId}`);
}

/** Matches one class's detections to its ground truth and integrates the PR curve. */
function evaluateClass(
  gts: readonly GroundTruthBox[],
  dets: readonly Detection[],
  classId: number,
  iouThreshold: number,
): ClassAp {
  const byImage = new Map<number, number[]>();
  gts.forEach((g, i) => {
    const list = byImage.get(g.imageId);
    if (list) list.push(i); else byImage.set(g.imageId, [i]);
  });
  const npos = gts.reduce((n, g) => n + (g.difficult ? 0 : 1), 0);
  const matched = new Uint8Array(gts.length);
  // Array.prototype.sort is stable, so equal scores keep input order.
  const order = dets.map((_, i) => i).sort((a, b) => dets[b].score - dets[a].score);

  const recall: number[] = [], precision: number[] = [];
  let tp = 0, fp = 0;
  for (const di of order) {
    const det = dets[di];
    let best = -Infinity, bestGt = -1;
    for (const gi of byImage.get(det.imageId) ?? []) {
      const o = iou(det.box, gts[gi].box);
      if (o > best) { best = o; bestGt = gi; }
    }
    if (bestGt >= 0 && best >= iouThreshold) {
      // VOCevaldet: a detection on a difficult object is "don't care"; it adds no point to the curve
      // (it would repeat the previous (recall, precision), which changes neither AP).
      if (gts[bestGt].difficult) continue;
      if (matched[bestGt]) fp++;
      else { matched[bestGt] = 1; tp++; }
    } else {
      fp++;
    }
    if (npos > 0) { recall.push(tp / npos); precision.push(tp / (tp + fp)); }
  }

  return {
    classId,
    ap07: npos > 0 ? ap11Point(recall, precision) : null,
    apAll: npos > 0 ? apAllPoint(recall, precision) : null,
    npos,
    numDetections: dets.length,
    tp,
    fp,
    recall: Float64Array.from(recall),
    precision: Float64Array.from(precision),
  };
}

/** VOC2007 11-point AP: mean over t in {0, 0.1, ..., 1} of max precision at recall >= t (0 if none). */
function ap11Point(recall: readonly number[], precision: readonly number[]): number {
  let sum = 0;
  for (let k = 0; k <= 10; k++) {
    const t = k / 10;
    let p = 0;
    for (let i = 0; i < recall.length; i++) if (recall[i] >= t && precision[i] > p) p = precision[i];
    sum += p;
  }
  return sum / 11;
}

/**
 * VOC2010+ AP (VOCap.m): pad recall with 0 and 1 and precision with 0 and 0, make precision
 * monotonically non-increasing from the right, and sum Δrecall × precision where recall changes.
 */
function apAllPoint(recall: readonly number[], precision: readonly number[]): number {
  const mrec = [0, ...recall, 1];
  const mpre = [0, ...precision, 0];
  for (let i = mpre.length - 2; i >= 0; i--) mpre[i] = Math.max(mpre[i], mpre[i + 1]);
  let ap = 0;
  for (let i = 1; i < mrec.length; i++) if (mrec[i] !== mrec[i - 1]) ap += (mrec[i] - mrec[i - 1]) * mpre[i];
  return ap;
}
