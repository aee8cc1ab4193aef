import * as tf from '@tensorflow/tfjs-core';
import { type CellBox, type ScaledBox, imageBox, scaledBox } from '../geometry/boxes';
import { chooseScale } from '../geometry/chooseScale';
import { projectToCells } from '../geometry/projectToCells';
import { scaleFactor, scaledImageSize } from '../geometry/scaleBox';
import { decodeBoxDeltas } from '../geometry/bboxDeltas';
import { batchedNonMaxSuppression } from '../geometry/nonMaxSuppression';
import { voteAndSuppress } from '../geometry/boxVoting';
import { type ModelManifest, type RgbaImage, type SppNetParams, fcForward, headForward, imageToInput, oneScaleOf, poolWindows, trunkForward } from '../model';
import type { DetectionTrace, StageTimings, TraceWindow } from './detectionTrace';
import { DEFAULT_NMS_IOU, DEFAULT_SCORE_THRESHOLD } from './selectDetections';

/** A trained SPP-net in memory: manifest + parameter tensors. */
export interface SppNetCore {
  manifest: ModelManifest;
  params: SppNetParams;
}

/** One detection in original-image pixels. */
export interface Detection {
  box: [number, number, number, number];
  classId: number;
  score: number;
}

/** Options of {@link runDetector}. */
export interface RunDetectorOptions {
  /** Scales s (min side). @default the manifest's 1-scale setting */
  scales?: number[];
  /** Minimum class probability for a detection. @default 0.05 */
  scoreThreshold?: number;
  /** Per-class NMS IoU threshold (PAPER §4 step 7). @default 0.3 */
  nmsIou?: number;
  /** Apply the bounding-box regressors. @default true */
  bboxRegression?: boolean;
  /**
   * Box voting after NMS (geometry/boxVoting): each kept box moves to the score-weighted mean of the
   * candidates of its class with at least this IoU with it, and a voted box that now overlaps a better one
   * of its class by more than `nmsIou` is dropped; `false` keeps NMS's boxes as they are.
   * @default {@link DEFAULT_BOX_VOTING} (chosen on 400 val-split scenes)
   */
  boxVoting?: number | false;
  /** Keep at most this many detections (best scores). @default 100 */
  maxDetections?: number;
  /** Checked between stages; when `aborted` turns true the run disposes what it holds and throws an AbortError. */
  signal?: { readonly aborted: boolean };
  /**
   * Called as each stage starts (for progress displays); a returned promise is awaited, so a worker
   * can yield to its event loop there and see a cancel message before the next stage.
   */
  onStage?: (stage: { name: 'resize' | 'conv' | 'spp' | 'fc' | 'nms'; scale?: number }) => void | Promise<void>;
}

/**
 * Box-voting IoU of {@link runDetector}: on 400 val-split scenes (1-scale, s = 784) voting at 0.4 gave
 * mAP@0.5 61.7 against 59.3 without it (0.5: 61.2, 0.6: 60.5, 0.7: 59.9), and 62.1 with the second NMS pass.
 */
export const DEFAULT_BOX_VOTING = 0.4;

/** Thrown by {@link runDetector} when its `signal` is aborted. */
export class DetectorAbortError extends Error {
  override readonly name = 'AbortError';
  constructor() { super('runDetector: cancelled'); }
}

/** Result of {@link runDetector}. */
export interface RunDetectorResult {
  detections: Detection[];
  trace: DetectionTrace;
}

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}

/**
 * The SPP-net detector on one image with given proposals (PAPER §4): the trunk once per scale on the
 * whole resized image, every window projected to conv5 cells and pooled by the pyramid, fc6/fc7,
 * 21-way softmax, per-class box regression and per-class NMS. Works on any tfjs backend.
 * @param proposals ranked windows, 4N floats [x1, y1, x2, y2] in image pixels.
 */
export async function runDetector(net: SppNetCore, image: RgbaImage, proposals: Float32Array, options: RunDetectorOptions = {}): Promise<RunDetectorResult> {
  const { manifest, params } = net;
  const spec = manifest.spec;
  const scales = options.scales ?? [oneScaleOf(manifest)];
  if (scales.length === 0 || !scales.every((s) => s > 0)) throw new Error(`runDetector: scales must be positive numbers, got [${scales.join(', ')}]`);
  if (proposals.length % 4 !== 0) throw new Error(`runDetector: proposals must hold 4 numbers per box, got length ${proposals.length}`);
  const scoreThreshold = options.scoreThreshold ?? DEFAULT_SCORE_THRESHOLD;
  const nmsIou = options.nmsIou ?? DEFAULT_NMS_IOU;
  const useReg = options.bboxRegression ?? true;
  const voting = options.boxVoting ?? DEFAULT_BOX_VOTING;
  if (voting !== false && !(voting > 0 && voting <= 1)) throw new Error(`runDetector: boxVoting must be false or an IoU in (0, 1], got ${voting}`);
  const imageSize: [number, number] = [image.width, image.height];
  const n = proposals.length / 4;
  const timings: StageTimings = { resize: 0, conv: 0, spp: 0, fc: 0, nms: 0 };

  // Multi-scale (PAPER §3.3): each window uses the one scale whose scaled area is closest to the training area.
  const scaleOf = new Int32Array(n);
  if (scales.length > 1) {
    for (let i = 0; i < n; i++) {
      const b = imageBox(proposals[4 * i], proposals[4 * i + 1], proposals[4 * i + 2], proposals[4 * i + 3]);
      scaleOf[i] = scales.indexOf(chooseScale(b, imageSize, scales, manifest.trainArea));
    }
  }
  const windows: TraceWindow[] = new Array(n);
  const numClasses = spec.numClasses;
  const scores = new Float32Array(n * (numClasses + 1));
  const deltas = new Float32Array(n * 4 * numClasses);
  const scaleInfo: DetectionTrace['scales'] = [];
  for (let si = 0; si < scales.length; si++) {
    const s = scales[si];
    const idx: number[] = [];
    for (let i = 0; i < n; i++) if (scaleOf[i] === si) idx.push(i);
    if (idx.length === 0 && scales.length > 1) continue;
    const [sw, sh] = scaledImageSize(imageSize, s);
    await options.onStage?.({ name: 'resize', scale: s });
    if (options.signal?.aborted) throw new DetectorAbortError();
    let t = now();
    const input = imageToInput(image, manifest.normalization, [sh, sw]);
    await input.data();
    timings.resize += now() - t;
    await options.onStage?.({ name: 'conv', scale: s });
    if (options.signal?.aborted) { input.dispose(); throw new DetectorAbortError(); }
    t = now();
    const conv5 = tf.tidy(() => tf.squeeze(trunkForward(spec, params, input), [0]) as tf.Tensor3D);
    input.dispose();
    await conv5.data();
    timings.conv += now() - t;
    const [mh, mw, mk] = conv5.shape;
    const info = { s, scaledSize: [sw, sh] as [number, number], conv5Size: [mh, mw] as [number, number], channels: mk, windows: idx.length, pooledShape: [0, 0] as [number, number] };
    scaleInfo.push(info);
    const f = scaleFactor(imageSize, s);
    const cells: CellBox[] = idx.map((i) => {
      const sb: ScaledBox = scaledBox(proposals[4 * i] * f, proposals[4 * i + 1] * f, proposals[4 * i + 2] * f, proposals[4 * i + 3] * f);
      const c = projectToCells(sb, manifest.stride, [mh, mw]);
      windows[i] = { box: [proposals[4 * i], proposals[4 * i + 1], proposals[4 * i + 2], proposals[4 * i + 3]], scale: s, cells: [c[0], c[1], c[2], c[3]] };
      return c;
    });
    await options.onStage?.({ name: 'spp', scale: s });
    if (options.signal?.aborted) { conv5.dispose(); throw new DetectorAbortError(); }
    if (idx.length > 0) {
      t = now();
      const pooled = poolWindows(spec, conv5, cells);
      await pooled.data();
      info.pooledShape = [pooled.shape[0], pooled.shape[1]];
      timings.spp += now() - t;
      await options.onStage?.({ name: 'fc', scale: s });
      t = now();
      const [probs, reg] = tf.tidy(() => [tf.softmax(headForward(params, 'det', fcForward(params, pooled))), headForward(params, 'bbox', pooled)]);
      const [pv, rv] = await Promise.all([probs.data(), reg.data()]);
      timings.fc += now() - t;
      tf.dispose([pooled, probs, reg]);
      idx.forEach((i, j) => {
        scores.set(pv.subarray(j * (numClasses + 1), (j + 1) * (numClasses + 1)), i * (numClasses + 1));
        deltas.set(rv.subarray(j * 4 * numClasses, (j + 1) * 4 * numClasses), i * 4 * numClasses);
      });
    }
    conv5.dispose();
  }

  // Candidates: every (window, class) above the threshold, regressed with that class's deltas.
  await options.onStage?.({ name: 'nms' });
  if (options.signal?.aborted) throw new DetectorAbortError();
  const t = now();
  const candBoxes: number[] = [];
  const candScores: number[] = [];
  const candClass: number[] = [];
  const candWindow: number[] = [];
  const std = manifest.bboxStd;
  for (let i = 0; i < n; i++) {
    for (let c = 1; c <= numClasses; c++) {
      const p = scores[i * (numClasses + 1) + c];
      if (p < scoreThreshold) continue;
      let box: ArrayLike<number> = proposals.subarray(4 * i, 4 * i + 4);
      if (useReg) {
        const o = i * 4 * numClasses + 4 * (c - 1);
        box = decodeBoxDeltas(proposals, [deltas[o] * std[0], deltas[o + 1] * std[1], deltas[o + 2] * std[2], deltas[o + 3] * std[3]], imageSize, 4 * i);
      }
      if (box[2] - box[0] <= 0 || box[3] - box[1] <= 0) continue;
      candBoxes.push(box[0], box[1], box[2], box[3]);
      candScores.push(p);
      candClass.push(c);
      candWindow.push(i);
    }
  }
  const cb = new Float32Array(candBoxes);
  const cs = new Float32Array(candScores);
  const cc = new Int32Array(candClass);
  const kept = batchedNonMaxSuppression(cb, cs, cc, nmsIou);
  const maxDet = options.maxDetections ?? 100;
  let order = Array.from(kept).sort((a, b) => candScores[b] - candScores[a]).slice(0, maxDet);
  const nmsKeptSet = new Set(order);
  let boxes: Float32Array | null = null;
  if (voting !== false) ({ kept: order, boxes } = voteAndSuppress(cb, cs, cc, order, voting, nmsIou));
  const detections: Detection[] = order.map((k, j) => ({
    box: boxes ? [boxes[4 * j], boxes[4 * j + 1], boxes[4 * j + 2], boxes[4 * j + 3]] : [candBoxes[4 * k], candBoxes[4 * k + 1], candBoxes[4 * k + 2], candBoxes[4 * k + 3]],
    classId: candClass[k],
    score: candScores[k],
  }));
  timings.nms = now() - t;

  const keptSet = new Set(order);
  const trace: DetectionTrace = {
    imageSize,
    scales: scaleInfo,
    stride: manifest.stride,
    levels: [...spec.levels],
    proposals: proposals.slice(),
    windows,
    scores,
    numClasses,
    boxVoting: voting,
    candidates: candWindow.map((w, k) => ({ window: w, classId: candClass[k], score: candScores[k], box: [candBoxes[4 * k], candBoxes[4 * k + 1], candBoxes[4 * k + 2], candBoxes[4 * k + 3]] as [number, number, number, number], nmsKept: nmsKeptSet.has(k), kept: keptSet.has(k) })),
    detections,
    timings,
  };
  return { detections, trace };
}
