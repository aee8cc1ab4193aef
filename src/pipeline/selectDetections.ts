import { batchedNonMaxSuppression } from '../geometry/nonMaxSuppression';
import { voteAndSuppress } from '../geometry/boxVoting';
import type { DetectionTrace } from './detectionTrace';

/** Minimum class probability of a detection (the default of runDetector and selectDetections). */
export const DEFAULT_SCORE_THRESHOLD = 0.05;
/** Per-class NMS IoU (PAPER §4 step 7; the default of runDetector and selectDetections). */
export const DEFAULT_NMS_IOU = 0.3;

/** Options of {@link selectDetections}. */
export interface SelectDetectionsOptions {
  /** Minimum class probability; below the run's own threshold nothing more can appear. @default 0.05 */
  scoreThreshold?: number;
  /** Per-class NMS IoU (PAPER §4 step 7). @default 0.3 */
  nmsIou?: number;
  /** Keep at most this many (best scores). @default 100 */
  maxDetections?: number;
  /** Box-voting IoU after NMS, or false for none. @default the trace's `boxVoting` (none when it has none) */
  boxVoting?: number | false;
}

/** What {@link selectDetections} returns: candidate indices into `trace.candidates`. */
export interface SelectedDetections {
  /** Candidates at or above the threshold (the "before NMS" set), by descending score. */
  above: number[];
  /** Candidates kept by per-class NMS (and the second pass after box voting), by descending score, at most `maxDetections`. */
  kept: number[];
  /**
   * The box shown for each of `kept` (same order): the candidate's box, or with box voting the
   * score-weighted mean of the trace's candidates of its class overlapping it. Voting reads every
   * candidate of the run, not only those above this threshold, so a detection's box does not move with
   * the threshold slider.
   */
  boxes: Array<[number, number, number, number]>;
}

/**
 * Re-applies the score threshold and per-class NMS to a trace's candidates (already box-regressed),
 * then box voting as the run did, so the page can move its sliders without running the network again.
 * With the run's own settings this reproduces `trace.detections`.
 */
export function selectDetections(trace: Pick<DetectionTrace, 'candidates'> & { boxVoting?: number | false }, options: SelectDetectionsOptions = {}): SelectedDetections {
  const thr = options.scoreThreshold ?? DEFAULT_SCORE_THRESHOLD;
  const iou = options.nmsIou ?? DEFAULT_NMS_IOU;
  const max = options.maxDetections ?? 100;
  const c = trace.candidates;
  const above: number[] = [];
  for (let i = 0; i < c.length; i++) if (c[i].score >= thr) above.push(i);
  above.sort((a, b) => c[b].score - c[a].score);
  const boxes = new Float32Array(4 * above.length);
  const scores = new Float32Array(above.length);
  const classes = new Int32Array(above.length);
  above.forEach((k, j) => {
    boxes.set(c[k].box, 4 * j);
    scores[j] = c[k].score;
    classes[j] = c[k].classId;
  });
  const keptLocal = batchedNonMaxSuppression(boxes, scores, classes, iou);
  const kept = Array.from(keptLocal, (j) => above[j]).sort((a, b) => c[b].score - c[a].score).slice(0, max);
  const voting = options.boxVoting ?? trace.boxVoting ?? false;
  if (voting === false) return { above, kept, boxes: kept.map((k) => [...c[k].box]) };
  const v = voteAndSuppress(new Float32Array(c.flatMap((x) => x.box)), Float32Array.from(c, (x) => x.score), Int32Array.from(c, (x) => x.classId), kept, voting, iou);
  return { above, kept: v.kept, boxes: v.kept.map((_, j) => [v.boxes[4 * j], v.boxes[4 * j + 1], v.boxes[4 * j + 2], v.boxes[4 * j + 3]]) };
}
