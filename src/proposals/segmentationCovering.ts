/**
 * Segmentation covering of `reference` by `candidate` (Arbeláez et al., PAMI 2011):
 * C = (1/N) * sum over reference regions R of |R| * max over candidate regions R' of |R ∩ R'| / |R ∪ R'|.
 * 1 means identical partitions (up to label names); label values are arbitrary non-negative integers.
 * @param reference label map [N], row-major (e.g. a golden segmentation).
 * @param candidate label map [N] of the same image.
 * @returns covering in [0, 1]; 1 for two empty maps.
 */
export function segmentationCovering(reference: ArrayLike<number>, candidate: ArrayLike<number>): number {
  const n = reference.length;
  if (candidate.length !== n) {
    throw new Error(`segmentationCovering: label maps differ in length (${n} vs ${candidate.length})`);
  }
  if (n === 0) return 1;
  const refSize = new Map<number, number>();
  const candSize = new Map<number, number>();
  const joint = new Map<number, Map<number, number>>();
  for (let p = 0; p < n; p++) {
    const r = reference[p], c = candidate[p];
    refSize.set(r, (refSize.get(r) ?? 0) + 1);
    candSize.set(c, (candSize.get(c) ?? 0) + 1);
    let row = joint.get(r);
    if (!row) { row = new Map(); joint.set(r, row); }
    row.set(c, (row.get(c) ?? 0) + 1);
  }
  let sum = 0;
  for (const [r, row] of joint) {
    const sr = refSize.get(r) ?? 0;
    let best = 0;
    for (const [c, inter] of row) {
      const o = inter / (sr + (candSize.get(c) ?? 0) - inter);
      if (o > best) best = o;
    }
    sum += sr * best;
  }
  return sum / n;
}
