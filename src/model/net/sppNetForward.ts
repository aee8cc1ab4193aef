import * as tf from '@tensorflow/tfjs-core';
import type { CellBox } from '../../geometry/boxes';
import { spatialPyramidPool } from '../spatialPyramidPool';
import { conv2dTrainable } from '../conv2dTrainable';
import type { SppNetParams } from './sppNetParams';
import { type ConvLayerSpec, type SppNetSpec, clsBranchLayers, clsInputOf, conv5Channels } from './sppNetSpec';

/** Forward options. */
export interface ForwardOptions {
  /** Use the custom-gradient conv (wasm training). @default false */
  trainable?: boolean;
  /** Dropout rate on fc6/fc7 while training. @default 0 */
  dropout?: number;
}

/**
 * The conv trunk (conv1..conv5 + ReLU, pool after conv1/conv2), run once on whole images.
 * Padding floor(k/2) everywhere (PAPER §3.4), so conv5 is ceil(H/16) x ceil(W/16).
 * @param x [b, H, W, 3] float32, already normalised.
 * @returns [b, h, w, k] conv5 features (after ReLU).
 */
export function trunkForward(spec: SppNetSpec, params: SppNetParams, x: tf.Tensor4D, options: ForwardOptions = {}): tf.Tensor4D {
  return trunkRange(spec, params, x, 0, spec.conv.length, options);
}

/**
 * Conv layers `from` (inclusive) to `to` (exclusive) of the trunk, same arithmetic as {@link trunkForward}:
 * the detection stage caches the output of the first part and fine-tunes the rest (`--det-tune-conv`).
 * @param x the input of layer `from` (the normalised image when `from` = 0); it gets no gradient.
 */
export function trunkRange(spec: SppNetSpec, params: SppNetParams, x: tf.Tensor4D, from: number, to: number, options: ForwardOptions = {}): tf.Tensor4D {
  if (!(from >= 0 && from <= to && to <= spec.conv.length)) throw new Error(`trunkRange: layers [${from}, ${to}) are not a range of the ${spec.conv.length} conv layers`);
  return tf.tidy(() => spec.conv.slice(from, to).reduce((h, l, i) => convBlock(l, params, h, i === 0, options), x));
}

/**
 * One trunk layer: conv with padding floor(k/2) (PAPER §3.4), bias, ReLU, then 3x3/2 max pooling where
 * the layer has it. `first`: the input is the image (or a cached map), so the trainable conv needs no input gradient.
 */
function convBlock(l: ConvLayerSpec, params: SppNetParams, h: tf.Tensor4D, first: boolean, options: ForwardOptions): tf.Tensor4D {
  const p = Math.floor(l.kernel / 2);
  const w = params[`${l.name}/kernel`] as tf.Tensor4D;
  const conv = options.trainable
    ? conv2dTrainable(tf.pad(h, [[0, 0], [p, p], [p, p], [0, 0]]), w, l.stride, { inputGrad: !first })
    : tf.conv2d(h, w, l.stride, [[0, 0], [p, p], [p, p], [0, 0]]);
  const y = tf.relu(tf.add(conv, params[`${l.name}/bias`])) as tf.Tensor4D;
  return l.pool ? tf.maxPool(y, 3, 2, 1) : y;
}

/**
 * Every layer's output of the trunk (after ReLU, and after pool1/pool2 where the layer has one), for
 * the feature-map views. Same arithmetic as {@link trunkForward}; the caller disposes the tensors.
 * @param x [1, H, W, 3] float32, already normalised.
 * @returns one [1, h, w, filters] tensor per conv layer, in order.
 */
export function trunkLayers(spec: SppNetSpec, params: SppNetParams, x: tf.Tensor4D): tf.Tensor4D[] {
  const out: tf.Tensor4D[] = [];
  spec.conv.forEach((l, i) => {
    const prev = out[i - 1] ?? x;
    out.push(tf.tidy(() => convBlock(l, params, prev, i === 0, {})));
  });
  return out;
}

/**
 * SPP of the whole map for every image of a batch in one kernel call: the batch is folded into the
 * channel axis ([h, w, b*k]), pooled, and unfolded so each row keeps the bin-major layout.
 * @returns [b, k*M].
 */
export function poolWholeBatch(spec: SppNetSpec, conv5: tf.Tensor4D): tf.Tensor2D {
  return tf.tidy(() => {
    const [b, h, w, k] = conv5.shape;
    const folded = tf.reshape(tf.transpose(conv5, [1, 2, 0, 3]), [h, w, b * k]) as tf.Tensor3D;
    const pooled = spatialPyramidPool(folded, null, spec.levels); // [1, M*b*k]
    const m = pooled.shape[1] / (b * k);
    return tf.reshape(tf.transpose(tf.reshape(pooled, [m, b, k]), [1, 0, 2]), [b, m * k]) as tf.Tensor2D;
  });
}

/** SPP of many windows (inclusive conv5 cells) on one image's map [h, w, k] → [N, k*M]. */
export function poolWindows(spec: SppNetSpec, conv5: tf.Tensor3D, windows: readonly CellBox[]): tf.Tensor2D {
  if (conv5.shape[2] !== conv5Channels(spec)) throw new Error(`poolWindows: map has ${conv5.shape[2]} channels, the model expects ${conv5Channels(spec)}`);
  return spatialPyramidPool(conv5, windows, spec.levels);
}

/** fc6 → fc7 (ReLU, dropout while training). @returns [N, fc7]. */
export function fcForward(params: SppNetParams, pooled: tf.Tensor2D, options: ForwardOptions = {}): tf.Tensor2D {
  return tf.tidy(() => fcLayers(params, pooled, options)[1]);
}

/** fc6 and fc7 of the pooled vectors (ReLU, dropout while training); the caller disposes both. @returns [[N, fc6], [N, fc7]]. */
function fcLayers(params: SppNetParams, pooled: tf.Tensor2D, options: ForwardOptions): [tf.Tensor2D, tf.Tensor2D] {
  const layer = (h: tf.Tensor2D, name: string): tf.Tensor2D => tf.tidy(() => {
    const y = tf.relu(tf.add(tf.matMul(h, params[`${name}/kernel`] as tf.Tensor2D), params[`${name}/bias`])) as tf.Tensor2D;
    return options.dropout ? (tf.dropout(y, options.dropout) as tf.Tensor2D) : y;
  });
  const fc6 = layer(pooled, 'fc6');
  return [fc6, layer(fc6, 'fc7')];
}

/** What the classification head reads for each window: the trunk's pooled vectors and, with a branch, the branch's. */
export interface ClsPooled {
  /** [N, k*M] the trunk's pooled conv5 vectors (fc6/fc7 are computed from them). */
  pooled?: tf.Tensor2D;
  /** [N, k*M] the classification branch's pooled vectors (SppNetSpec.clsBranch). */
  branch?: tf.Tensor2D;
}

/**
 * The classification head's input: the features of SppNetSpec.clsInput (the trunk's pooled vector,
 * fc6, fc7, the branch's pooled vector) concatenated in that order. A bare tensor is the trunk's pooled
 * vectors. @returns [N, clsInputSize(spec)].
 */
export function clsFeatures(spec: SppNetSpec, params: SppNetParams, input: tf.Tensor2D | ClsPooled, options: ForwardOptions = {}): tf.Tensor2D {
  const { pooled, branch } = input instanceof tf.Tensor ? { pooled: input, branch: undefined } : input;
  return tf.tidy(() => {
    const names = clsInputOf(spec);
    const need = (what: string, t: tf.Tensor2D | undefined): tf.Tensor2D => {
      if (!t) throw new Error(`clsFeatures: the head reads ${names.join(', ')}, but no ${what} was given`);
      return t;
    };
    const fc = names.includes('fc6') || names.includes('fc7') ? fcLayers(params, need('pooled vector', pooled), options) : null;
    const parts = names.map((f) => (f === 'pooled' ? need('pooled vector', pooled) : f === 'branch' ? need('branch pooled vector', branch) : fc![f === 'fc6' ? 0 : 1]));
    return parts.length === 1 ? parts[0] : (tf.concat(parts, 1) as tf.Tensor2D);
  });
}

/**
 * The classification head's input for whole images: the shared conv layers once, then the trunk's last
 * layers and/or the classification branch (whichever SppNetSpec.clsInput reads), each whole map pooled.
 * With `trainable`, only the layers after the shared ones get gradients (the branch is what trains).
 * @param x [b, H, W, 3] normalised images. @returns [b, clsInputSize(spec)].
 */
export function imageClsFeatures(spec: SppNetSpec, params: SppNetParams, x: tf.Tensor4D, options: ForwardOptions = {}): tf.Tensor2D {
  return tf.tidy(() => {
    const names = clsInputOf(spec);
    const from = spec.clsBranch ?? spec.conv.length;
    const shared = trunkRange(spec, params, x, 0, from, options);
    const pooled = names.some((f) => f !== 'branch') ? poolWholeBatch(spec, trunkRange(spec, params, shared, from, spec.conv.length, options)) : undefined;
    const branch = names.includes('branch') ? branchPooled(spec, params, shared, options) : undefined;
    return clsFeatures(spec, params, { pooled, branch }, options);
  });
}

/**
 * The classification branch on the shared layers' output (the input of layer SppNetSpec.clsBranch), its
 * whole map pooled. The shared map gets no gradient. @returns [b, k*M].
 */
export function branchPooled(spec: SppNetSpec, params: SppNetParams, shared: tf.Tensor4D, options: ForwardOptions = {}): tf.Tensor2D {
  const layers = clsBranchLayers(spec);
  if (!layers.length) throw new Error('branchPooled: the spec has no classification branch (clsBranch)');
  return tf.tidy(() => poolWholeBatch(spec, layers.reduce((h, l, i) => convBlock(l, params, h, i === 0, options), shared)));
}

/** Logits of the 20-way classification head (on {@link clsFeatures}' input). @returns [N, numClasses]. */
export function clsLogits(spec: SppNetSpec, params: SppNetParams, input: tf.Tensor2D | ClsPooled, options: ForwardOptions = {}): tf.Tensor2D {
  return tf.tidy(() => headForward(params, 'cls', clsFeatures(spec, params, input, options)));
}

/** A linear head (`cls` on clsFeatures, `det` on fc7, `bbox` on the pooled conv5 vector). @returns [N, out]. */
export function headForward(params: SppNetParams, head: 'cls' | 'det' | 'bbox', input: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => tf.add(tf.matMul(input, params[`${head}/kernel`] as tf.Tensor2D), params[`${head}/bias`]) as tf.Tensor2D);
}
