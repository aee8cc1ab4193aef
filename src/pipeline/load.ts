import * as tf from '@tensorflow/tfjs-core';
import { type ModelFileReader, type ModelManifest, type RgbaImage, MULTI_VIEWS, SINGLE_VIEW, classifyFullImage, oneScaleOf, decodeModelFiles, imageToInput, poolWindows, trunkForward } from '../model';
import { projectToCells } from '../geometry/projectToCells';
import { imageToScaled, scaledImageSize } from '../geometry/scaleBox';
import { imageBox } from '../geometry/boxes';
import { selectiveSearch, type SelectiveSearchOptions } from '../proposals';
import { type Detection, type RunDetectorOptions, type SppNetCore, runDetector } from './runDetector';
import { detectionWindowOptions } from './detectionWindowOptions';
import type { DetectionTrace } from './detectionTrace';

/** Anything `load()`'s model accepts as an image (ARCHITECTURE.md). */
export type ImageInput = RgbaImage | tf.PixelData | ImageData | HTMLImageElement | HTMLCanvasElement | ImageBitmap | OffscreenCanvas;

/** Load-time configuration of {@link load}. */
export interface LoadConfig {
  /** Base URL of the model folder (model.json, weights.bin, manifest.json). @default 'models/emoji-voc-zf5/' */
  modelUrl?: string;
  /** Reads a model file by name; overrides `modelUrl` (Node: read from disk). */
  read?: ModelFileReader;
}

/** Per-call options of `detect`. */
export interface DetectOptions extends RunDetectorOptions {
  /** Precomputed proposals (4N, image px); otherwise selective search runs here (blocking). */
  proposals?: Float32Array;
  /**
   * Selective search settings when it runs here, over the defaults: fast mode and the model's detection
   * windows (the best-ranked 2,000, no side under the minimum it was trained with; detectionWindowOptions).
   */
  proposalOptions?: SelectiveSearchOptions;
}

/** A class prediction. */
export interface ClassScore {
  classId: number;
  name: string;
  emoji: string;
  probability: number;
}

/** The loaded SPP-net (tfjs-models style: load-time config, per-call options, dispose). */
export interface SppNet {
  readonly manifest: ModelManifest;
  /**
   * Full-image classification (no crop or warp). `views`: 'multi' (default) averages the full-image
   * views of MULTI_VIEWS (four sizes, each also mirrored); 'single' is the paper's one full-image view, min
   * side = 256/224 of the training side (SINGLE_VIEW).
   */
  classify(image: ImageInput, options?: { topK?: number; views?: 'single' | 'multi' }): Promise<ClassScore[]>;
  /** Proposals → one conv pass per scale → SPP → fc → per-class NMS. */
  detect(image: ImageInput, options?: DetectOptions): Promise<{ detections: Array<Detection & { name: string; emoji: string }>; trace: DetectionTrace }>;
  /**
   * conv5 map of the whole image at scale s, and optionally the pooled k·M vectors of windows.
   * The caller disposes the returned tensors.
   */
  features(image: ImageInput, options?: { scale?: number; windows?: Float32Array }): Promise<{ conv5: tf.Tensor3D; pooled?: tf.Tensor2D; scale: number }>;
  dispose(): void;
}

function fetchReader(base: string): ModelFileReader {
  const root = base.endsWith('/') ? base : `${base}/`;
  return async (name) => {
    const res = await fetch(root + name);
    if (!res.ok) throw new Error(`model file ${root}${name}: HTTP ${res.status}`);
    return new Uint8Array(await res.arrayBuffer());
  };
}

/** RGBA bytes of any accepted image (DOM sources go through tf.browser.fromPixels). */
export async function toRgbaImage(image: ImageInput): Promise<RgbaImage> {
  const maybe = image as Partial<RgbaImage>;
  if (maybe && typeof maybe.width === 'number' && typeof maybe.height === 'number' && (maybe.data instanceof Uint8Array || maybe.data instanceof Uint8ClampedArray)) {
    return image as RgbaImage;
  }
  const t = tf.browser.fromPixels(image as tf.PixelData, 4);
  const data = new Uint8ClampedArray(await t.data());
  const [height, width] = t.shape;
  t.dispose();
  return { width, height, data };
}

/**
 * Full-image classification (PAPER §2.3: no crop or warp): per view the trunk, SPP of the whole map,
 * fc, the classification head, softmax; averaged over the views (classifyFullImage). Top `topK` classes.
 */
export async function classifyImage(core: SppNetCore, rgba: RgbaImage, topK = 5, views: 'single' | 'multi' = 'multi'): Promise<ClassScore[]> {
  const { manifest, params } = core;
  const trainSide = Math.round(Math.sqrt(manifest.trainArea));
  const byId = new Map(manifest.classes.map((c) => [c.id, c]));
  if (views !== 'single' && views !== 'multi') throw new Error(`classify: views must be 'single' or 'multi', got '${String(views)}'`);
  const probs = classifyFullImage(manifest.spec, params, manifest.normalization, rgba, trainSide, views === 'multi' ? MULTI_VIEWS : SINGLE_VIEW);
  const p = await probs.data();
  probs.dispose();
  return Array.from(p, (probability, i) => ({ classId: i + 1, name: byId.get(i + 1)?.name ?? `class ${i + 1}`, emoji: byId.get(i + 1)?.emoji ?? '', probability }))
    .sort((a, b) => b.probability - a.probability)
    .slice(0, topK);
}

/**
 * Loads a trained SPP-net (manifest + tfjs weights, sha256-checked) on the current tfjs backend.
 * @example const net = await load(); const { detections } = await net.detect(img);
 */
export async function load(config: LoadConfig = {}): Promise<SppNet> {
  const read = config.read ?? fetchReader(config.modelUrl ?? 'models/emoji-voc-zf5/');
  const { manifest, params } = await decodeModelFiles(read, config.modelUrl ?? 'model');
  const core: SppNetCore = { manifest, params };
  const spec = manifest.spec;
  const byId = new Map(manifest.classes.map((c) => [c.id, c]));
  let disposed = false;
  const alive = (): void => {
    if (disposed) throw new Error('SppNet: used after dispose()');
  };
  return {
    manifest,
    async classify(image, options = {}) {
      alive();
      return classifyImage(core, await toRgbaImage(image), options.topK, options.views);
    },
    async detect(image, options = {}) {
      alive();
      const rgba = await toRgbaImage(image);
      const proposals = options.proposals ?? selectiveSearch(rgba, { mode: 'fast', ...detectionWindowOptions(manifest), ...options.proposalOptions });
      const r = await runDetector(core, rgba, proposals, options);
      return { trace: r.trace, detections: r.detections.map((d) => ({ ...d, name: byId.get(d.classId)?.name ?? '', emoji: byId.get(d.classId)?.emoji ?? '' })) };
    },
    async features(image, options = {}) {
      alive();
      const rgba = await toRgbaImage(image);
      const s = options.scale ?? oneScaleOf(manifest);
      const size: [number, number] = [rgba.width, rgba.height];
      const [w, h] = scaledImageSize(size, s);
      const conv5 = tf.tidy(() => tf.squeeze(trunkForward(spec, params, imageToInput(rgba, manifest.normalization, [h, w])), [0]) as tf.Tensor3D);
      if (!options.windows) return { conv5, scale: s };
      const win = options.windows;
      const cells = Array.from({ length: win.length / 4 }, (_, i) =>
        projectToCells(imageToScaled(imageBox(win[4 * i], win[4 * i + 1], win[4 * i + 2], win[4 * i + 3]), size, s), manifest.stride, [conv5.shape[0], conv5.shape[1]]));
      return { conv5, pooled: poolWindows(spec, conv5, cells), scale: s };
    },
    dispose() {
      if (!disposed) tf.dispose(Object.values(params));
      disposed = true;
    },
  };
}
