import * as tf from '@tensorflow/tfjs-core';
import { type FullImageView, type SppNetParams, type SppNetSpec, type RgbaImage, type Normalization, SINGLE_VIEW, classifyFullImage, clsInputOf, imageClsFeatures, clsLogits, fullImageClsFeatures, headForward, poolWholeBatch, rgbaToFloatHwc, trunkForward, imageToInput } from '../model';
import { loadCheckpoint, loadTrainingCheckpoint, saveCheckpoint, saveTrainingCheckpoint } from './checkpoint';
import { makeRng, shuffleInPlace } from './rng';
import { setCosineLearningRate } from './schedule';

/** One labelled single-object image (category ids 1..C). */
export interface LabelledImage extends RgbaImage {
  categoryId: number;
}

/** Options of {@link trainClassifier}. */
export interface TrainClassifierOptions {
  spec: SppNetSpec;
  norm: Normalization;
  /** Fixed-size square training images (all `sizes[0]` x `sizes[0]`). */
  images: LabelledImage[];
  /**
   * Multi-size training (PAPER §2.3): the second size is the same image resized, switching every
   * epoch. @default [144, 116] (the paper's 224:180 ratio)
   */
  sizes?: [number, number] | [number];
  epochs: number;
  /** @default 32 */
  batchSize?: number;
  /** Adam learning rate, cosine-decayed to 5% over the run. @default 1e-3 */
  learningRate?: number;
  /** Dropout on fc6/fc7. @default 0.3 */
  dropout?: number;
  seed: number;
  /** Checkpoint file, written every epoch and every `checkpointSteps`; resumed from when present. */
  checkpointFile: string;
  /** @default 100 */
  checkpointSteps?: number;
  log: (line: string) => void;
}

/** State saved with a classifier checkpoint. */
interface ClsState {
  stage: 'cls';
  epoch: number;
  step: number;
  done: boolean;
  history: Array<{ epoch: number; size: number; loss: number; seconds: number }>;
}

/** The parameters pre-training updates: the trunk, fc6, fc7 and the 20-way classifier. */
export function classifierParamNames(params: SppNetParams): string[] {
  return Object.keys(params).filter((n) => !n.startsWith('det/') && !n.startsWith('bbox/'));
}

/**
 * Stage 1: classification pre-training through the SPP layer on single-object images, multi-size.
 * Updates `params` (tf.Variables) in place; resumable from `checkpointFile`.
 * @returns per-epoch history.
 */
export async function trainClassifier(params: Record<string, tf.Variable>, options: TrainClassifierOptions): Promise<ClsState['history']> {
  const { spec, images, epochs, seed, log } = options;
  const sizes = options.sizes ?? [144, 116];
  const batch = options.batchSize ?? 32;
  const lr0 = options.learningRate ?? 1e-3;
  const dropout = options.dropout ?? 0.3;
  const base = sizes[0];
  for (const im of images) {
    if (im.width !== base || im.height !== base) throw new Error(`trainClassifier: training images must be ${base}x${base}, got ${im.width}x${im.height}`);
  }
  const names = classifierParamNames(params);
  const varList = names.map((n) => params[n]);
  const optimizer = tf.train.adam(lr0);
  const stepsPerEpoch = Math.floor(images.length / batch);
  const totalSteps = stepsPerEpoch * epochs;
  let state: ClsState = { stage: 'cls', epoch: 0, step: 0, done: false, history: [] };

  const resumed = await loadTrainingCheckpoint<ClsState>(options.checkpointFile, params, names, optimizer, (st) => st.stage === 'cls');
  if (resumed) {
    state = resumed;
    log(`cls: resumed from ${options.checkpointFile} at epoch ${state.epoch}, step ${state.step}`);
  }
  const save = (): Promise<void> => saveTrainingCheckpoint(options.checkpointFile, params, names, optimizer, state);

  const buf = new Float32Array(batch * base * base * 3);
  const labels = new Int32Array(batch);
  while (state.epoch < epochs) {
    const size = sizes[state.epoch % sizes.length];
    const order = Array.from(images.keys());
    shuffleInPlace(order, makeRng(seed * 1000 + state.epoch));
    const t0 = Date.now();
    let lossSum = 0;
    let lossN = 0;
    const firstStep = state.step;
    for (let s = firstStep; s < stepsPerEpoch; s++) {
      for (let i = 0; i < batch; i++) {
        const im = images[order[s * batch + i]];
        rgbaToFloatHwc(im, options.norm, buf, i * base * base * 3);
        labels[i] = im.categoryId - 1;
      }
      const globalStep = state.epoch * stepsPerEpoch + s;
      setCosineLearningRate(optimizer, lr0, globalStep, totalSteps);
      const loss = tf.tidy(() => {
        let x = tf.tensor4d(buf, [batch, base, base, 3]);
        if (size !== base) x = tf.image.resizeBilinear(x, [size, size], false, true);
        const y = tf.oneHot(tf.tensor1d(labels, 'int32'), spec.numClasses);
        return optimizer.minimize(() => {
          const conv5 = trunkForward(spec, params, x, { trainable: true });
          const logits = clsLogits(spec, params, poolWholeBatch(spec, conv5), { dropout });
          return tf.losses.softmaxCrossEntropy(y, logits) as tf.Scalar;
        }, true, varList) as tf.Scalar;
      });
      if (loss) {
        if (s % 10 === 0) {
          lossSum += (await loss.data())[0];
          lossN++;
        }
        loss.dispose();
      }
      state.step = s + 1;
      if ((s + 1) % (options.checkpointSteps ?? 100) === 0) {
        await save();
        log(`cls: epoch ${state.epoch + 1}/${epochs} size ${size} step ${s + 1}/${stepsPerEpoch} loss ${(lossSum / Math.max(lossN, 1)).toFixed(3)} ${((Date.now() - t0) / 1000).toFixed(0)} s`);
      }
    }
    const seconds = (Date.now() - t0) / 1000;
    state.history.push({ epoch: state.epoch + 1, size, loss: lossSum / Math.max(lossN, 1), seconds });
    log(`cls: epoch ${state.epoch + 1}/${epochs} done, size ${size}, mean loss ${(lossSum / Math.max(lossN, 1)).toFixed(4)}, ${seconds.toFixed(0)} s (${(((stepsPerEpoch - firstStep) * batch) / seconds).toFixed(1)} img/s)`);
    state.epoch++;
    state.step = 0;
    await save();
  }
  state.done = true;
  await save();
  optimizer.dispose();
  return state.history;
}

/** How {@link classifyImage} sees an image: full-image views (default: the single one), or warped. */
export interface ClassifyMode {
  /** Squash the image to minSide x minSide (what a fixed-size network must do) instead of full-image views. */
  warp?: boolean;
  /** Full-image views, sizes relative to `minSide`. @default SINGLE_VIEW */
  views?: readonly FullImageView[];
}

/**
 * Full-image classification (PAPER §2.3 test time: no crop, no warp): the image is resized, aspect
 * kept, to min side `minSide` (times each view's scale), the whole conv5 map is pooled, and the views'
 * probabilities are averaged (classifyFullImage, as classify() in the app). With `warp` the image is
 * squashed to minSide x minSide instead.
 * @returns class probabilities [C] (index i = category id i + 1).
 */
export function classifyImage(spec: SppNetSpec, params: SppNetParams, norm: Normalization, image: RgbaImage, minSide: number, mode: ClassifyMode = {}): Float32Array {
  const probs = mode.warp
    ? tf.tidy(() => tf.softmax(headForward(params, 'cls', warpedClsFeatures(spec, params, norm, image, minSide))))
    : classifyFullImage(spec, params, norm, image, minSide, mode.views);
  const out = probs.dataSync() as Float32Array;
  probs.dispose();
  return out;
}

/** The classification head's input for the whole image warped to minSide x minSide (the fixed-size, no-SPP network's input), no dropout. @returns [1, clsInputSize]. */
function warpedClsFeatures(spec: SppNetSpec, params: SppNetParams, norm: Normalization, image: RgbaImage, minSide: number): tf.Tensor2D {
  return tf.tidy(() => imageClsFeatures(spec, params, imageToInput(image, norm, [minSide, minSide])));
}

/** Top-1 accuracy of {@link classifyImage} on labelled images of any size. */
export function classificationAccuracy(spec: SppNetSpec, params: SppNetParams, norm: Normalization, images: LabelledImage[], minSide: number, mode: ClassifyMode = {}): { top1: number; perClass: number[] } {
  let ok = 0;
  const perClassOk = new Array<number>(spec.numClasses).fill(0);
  const perClassN = new Array<number>(spec.numClasses).fill(0);
  for (const im of images) {
    const p = classifyImage(spec, params, norm, im, minSide, mode);
    let best = 0;
    for (let i = 1; i < p.length; i++) if (p[i] > p[best]) best = i;
    perClassN[im.categoryId - 1]++;
    if (best === im.categoryId - 1) {
      ok++;
      perClassOk[im.categoryId - 1]++;
    }
  }
  return { top1: ok / Math.max(images.length, 1), perClass: perClassOk.map((o, i) => o / Math.max(perClassN[i], 1)) };
}

/** Options of {@link refitClassifierHead}. */
export interface RefitClassifierHeadOptions {
  spec: SppNetSpec;
  norm: Normalization;
  /** Labelled images of any size; each is seen whole, min side resized to `minSide` (as at test time). */
  images: LabelledImage[];
  minSide: number;
  /** Full-image views of each image the head is fitted on (one sample each). @default SINGLE_VIEW */
  views?: readonly FullImageView[];
  /** @default 40 */
  epochs?: number;
  /** @default 256 */
  batchSize?: number;
  /** Adam, cosine to 5%. @default 1e-3 */
  learningRate?: number;
  seed: number;
  checkpointFile: string;
  log: (line: string) => void;
}

/**
 * Detection fine-tuning changes fc6/fc7 (PAPER §4), and the 20-way classifier reads fc7: this refits
 * that head alone (softmax regression on the features SppNetSpec.clsInput names, computed once, no dropout) so `classify()` of the
 * shipped weights stays a good classifier. Resumable: a finished refit is read back from the checkpoint.
 * @returns the training loss of the first and last epoch.
 */
export async function refitClassifierHead(params: Record<string, tf.Variable>, o: RefitClassifierHeadOptions): Promise<{ first: number; last: number }> {
  const names = ['cls/kernel', 'cls/bias'];
  const ck = loadCheckpoint<{ stage: 'cls-refit'; first: number; last: number }>(o.checkpointFile);
  if (ck?.state.stage === 'cls-refit') {
    for (const n of names) params[n].assign(ck.tensors[`param/${n}`]);
    tf.dispose(Object.values(ck.tensors));
    o.log(`cls-refit: read from ${o.checkpointFile}`);
    return { first: ck.state.first, last: ck.state.last };
  }
  const t0 = Date.now();
  const dim = params['cls/kernel'].shape[0];
  const views = o.views ?? SINGLE_VIEW;
  const n = o.images.length * views.length;
  const feats = new Float32Array(n * dim);
  const labels = new Int32Array(n);
  o.images.forEach((im, i) => views.forEach((view, j) => {
    const v = fullImageClsFeatures(o.spec, params, o.norm, im, o.minSide, view);
    feats.set(v.dataSync(), (i * views.length + j) * dim);
    labels[i * views.length + j] = im.categoryId - 1;
    v.dispose();
  }));
  o.log(`cls-refit: ${dim}-d head input (${clsInputOf(o.spec).join(', ')}) of ${o.images.length} images x ${views.length} view(s) in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  const epochs = o.epochs ?? 40;
  const batch = o.batchSize ?? 256;
  const lr0 = o.learningRate ?? 1e-3;
  const optimizer = tf.train.adam(lr0);
  const steps = Math.ceil(n / batch);
  const x = tf.tensor2d(feats, [n, dim]);
  const y = tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), o.spec.numClasses));
  const losses: number[] = [];
  for (let e = 0; e < epochs; e++) {
    const order = shuffleInPlace(Array.from(labels.keys()), makeRng(o.seed * 1000 + e));
    let sum = 0;
    for (let s = 0; s < steps; s++) {
      setCosineLearningRate(optimizer, lr0, e * steps + s, epochs * steps);
      const loss = tf.tidy(() => {
        const idx = tf.tensor1d(order.slice(s * batch, (s + 1) * batch), 'int32');
        const xb = tf.gather(x, idx) as tf.Tensor2D;
        const yb = tf.gather(y, idx);
        return optimizer.minimize(() => tf.losses.softmaxCrossEntropy(yb, headForward(params, 'cls', xb)) as tf.Scalar, true, names.map((n) => params[n])) as tf.Scalar;
      });
      sum += (await loss.data())[0];
      loss.dispose();
    }
    losses.push(sum / steps);
  }
  tf.dispose([x, y]);
  optimizer.dispose();
  const state = { stage: 'cls-refit' as const, first: losses[0], last: losses[losses.length - 1] };
  const tensors: Record<string, tf.Tensor> = {};
  for (const n of names) tensors[`param/${n}`] = params[n];
  await saveCheckpoint(o.checkpointFile, tensors, state);
  o.log(`cls-refit: ${epochs} epochs, loss ${state.first.toFixed(3)} → ${state.last.toFixed(3)} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  return { first: state.first, last: state.last };
}
