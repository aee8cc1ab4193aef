import { batchedNonMaxSuppression } from '../geometry/nonMaxSuppression';
import type { DetectionTrace } from './detectionTrace';

/** Options of {@link selectDetections}. */
export interface SelectDetectionsOptions {
  /** Minimum class probability; below the run's own threshold nothing more can appear. @default 0.05 */
  scoreThreshold?: number;
  /** Per-class NMS IoU (PAPER §4 step 7). @default 0.3 */
  nmsIou?: number;
  /** Keep at most this many (best scores). @default 100 */
  maxDetections?: number;
}

/** What {@link selectDetections} returns: candidate indices into `trace.candidates`. */
export interface SelectedDetections {
  /** Candidates at or above the threshold (the "before NMS" set), by descending score. */
  above: number[];
  /** Candidates kept by per-class NMS, by descending score, at most `maxDetections`. */
  kept: number[];
}

/**
 * Re-applies the score threshold and per-class NMS to a trace's candidates (already box-regressed),
 * so the page can move its sliders without running the network again. With the run's own settings
 * this reproduces `trace.detections`.
 */
export function selectDetections(trace: Pick<DetectionTrace, 'candidates'>, options: SelectDetectionsOptions = {}): SelectedDetections {
  const thr = options.scoreThreshold ?? 0.05;
  const iou = options.nmsIou ?? 0.3;
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
  return { above, kept };
}
