import { iou } from './iou';

/**
 * Box voting (Gidaris & Komodakis, "Object detection via a multi-region & semantic segmentation-aware
 * CNN model", ICCV 2015, §5): after NMS, each kept box is replaced by the score-weighted mean of every
 * candidate of its class that overlaps it with IoU ≥ `iouThreshold` (itself included, so a lone box is
 * unchanged). The kept box's score and rank stay as NMS left them; only its coordinates move. Several
 * regressed windows usually cover one object, and their mean localises it better than the single best one.
 * @param boxes Float32Array [4N] `[x1, y1, x2, y2]` candidate boxes (any one space), the set NMS ran on.
 * @param scores Float32Array [N] their scores (the weights; must be ≥ 0).
 * @param classIds Int32Array [N] their classes; boxes of other classes never vote.
 * @param kept indices into the candidates (what NMS kept).
 * @returns Float32Array [4 * kept.length]: the voted box of each kept index, in `kept` order.
 */
export function boxVoting(
  boxes: Float32Array,
  scores: Float32Array,
  classIds: Int32Array,
  kept: ArrayLike<number>,
  iouThreshold: number,
): Float32Array {
  const n = scores.length;
  if (boxes.length !== 4 * n || classIds.length !== n) {
    throw new Error(`boxVoting: boxes (${boxes.length}), scores (${n}) and classIds (${classIds.length}) disagree; expected 4N, N, N`);
  }
  if (!(iouThreshold > 0 && iouThreshold <= 1)) throw new Error(`boxVoting: iouThreshold must be in (0, 1], got ${iouThreshold}`);
  const out = new Float32Array(4 * kept.length);
  for (let k = 0; k < kept.length; k++) {
    const i = kept[k];
    if (!(i >= 0 && i < n)) throw new Error(`boxVoting: kept[${k}] = ${i} is not a candidate index (0..${n - 1})`);
    let w = 0, x1 = 0, y1 = 0, x2 = 0, y2 = 0;
    for (let j = 0; j < n; j++) {
      if (classIds[j] !== classIds[i] || (j !== i && iou(boxes, boxes, 4 * i, 4 * j) < iouThreshold)) continue;
      const s = scores[j];
      w += s;
      x1 += s * boxes[4 * j]; y1 += s * boxes[4 * j + 1]; x2 += s * boxes[4 * j + 2]; y2 += s * boxes[4 * j + 3];
    }
    if (w > 0) out.set([x1 / w, y1 / w, x2 / w, y2 / w], 4 * k);
    else out.set(boxes.subarray(4 * i, 4 * i + 4), 4 * k);
  }
  return out;
}
