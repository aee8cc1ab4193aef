/** Milliseconds per pipeline stage (decode and proposals are added by the caller when it runs them). */
export interface StageTimings {
  decode?: number;
  proposals?: number;
  resize: number;
  conv: number;
  spp: number;
  fc: number;
  nms: number;
}

/** One window as the detector saw it. */
export interface TraceWindow {
  /** [x1, y1, x2, y2] in image pixels. */
  box: [number, number, number, number];
  /** The scale s whose conv5 map pooled it. */
  scale: number;
  /** Inclusive conv5 cells [x1, y1, x2, y2] at that scale (PAPER §3.4 projection). */
  cells: [number, number, number, number];
}

/**
 * Plain, serialisable record of one detection run (ARCHITECTURE.md): what every view reads and what
 * end-to-end tests check at `window.__SPPNET__.lastTrace`. No tensors.
 */
export interface DetectionTrace {
  /** [width, height] of the original image. */
  imageSize: [number, number];
  /**
   * One entry per scale whose conv5 map was computed: s, the resized image [w, h], the conv5 map
   * [h, w] and its channels k, the windows pooled there and the shape of their pooled matrix
   * [windows, k·M] as the SPP op returned it.
   */
  scales: Array<{ s: number; scaledSize: [number, number]; conv5Size: [number, number]; channels: number; windows: number; pooledShape: [number, number] }>;
  stride: number;
  levels: number[];
  /** Ranked proposals, 4N floats in image pixels. */
  proposals: Float32Array;
  windows: TraceWindow[];
  /** Softmax scores [N, C+1] row-major (column 0 = background). */
  scores: Float32Array;
  numClasses: number;
  /** The box-voting IoU the run used after NMS (runDetector's `boxVoting`), or false for none. */
  boxVoting: number | false;
  /**
   * Every (window, class) above the score threshold, after box regression (before voting), with its fate:
   * `nmsKept` when per-class NMS kept it (within the `maxDetections` cap), `kept` when it is one of the
   * final `detections` (after box voting and NMS again; the same as `nmsKept` without voting).
   */
  candidates: Array<{ window: number; classId: number; score: number; box: [number, number, number, number]; nmsKept: boolean; kept: boolean }>;
  /** What NMS kept, best first, with voted boxes when `boxVoting` is on. */
  detections: Array<{ box: [number, number, number, number]; classId: number; score: number }>;
  timings: StageTimings;
}
