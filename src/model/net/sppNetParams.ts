import * as tf from '@tensorflow/tfjs-core';
import { type SppNetSpec, clsBranchLayers, clsInputSize, pooledSize } from './sppNetSpec';

/** Named parameters of an SPP-net (`conv1/kernel`, `fc6/bias`, `det/kernel`, ...). */
export type SppNetParams = Record<string, tf.Tensor>;

/** Tensor shapes: the trunk, the classification branch if any, fc6/fc7, and the heads: 20-way classifier (on SppNetSpec.clsInput), 21-way detector (background = 0), 4 box deltas per class. */
export function headShapes(spec: SppNetSpec): Record<string, number[]> {
  const shapes: Record<string, number[]> = {};
  let ci = 3;
  for (const l of spec.conv) {
    shapes[`${l.name}/kernel`] = [l.kernel, l.kernel, ci, l.filters];
    shapes[`${l.name}/bias`] = [l.filters];
    ci = l.filters;
  }
  // The classification branch copies the trunk's layers from clsBranch on (same shapes, cls_ names).
  clsBranchLayers(spec).forEach((l, i) => {
    const trunk = shapes[`${spec.conv[spec.clsBranch! + i].name}/kernel`];
    shapes[`${l.name}/kernel`] = trunk;
    shapes[`${l.name}/bias`] = [l.filters];
  });
  const d = pooledSize(spec);
  const [f6, f7] = spec.fc;
  Object.assign(shapes, {
    'fc6/kernel': [d, f6], 'fc6/bias': [f6],
    'fc7/kernel': [f6, f7], 'fc7/bias': [f7],
    'cls/kernel': [clsInputSize(spec), spec.numClasses], 'cls/bias': [spec.numClasses],
    'det/kernel': [f7, spec.numClasses + 1], 'det/bias': [spec.numClasses + 1],
    'bbox/kernel': [d, 4 * spec.numClasses], 'bbox/bias': [4 * spec.numClasses],
  });
  return shapes;
}

/**
 * Fresh parameters: He-normal for conv and fc6/fc7 (ReLU), N(0, 0.01) for the classifier heads
 * (PAPER §4: fc8 initialised from N(0, 0.01)), N(0, 0.001) for bbox regression, zero biases.
 * @param seed makes the initialisation reproducible.
 */
export function initParams(spec: SppNetSpec, seed: number): SppNetParams {
  const params: SppNetParams = {};
  let s = seed;
  for (const [name, shape] of Object.entries(headShapes(spec))) {
    s += 1;
    if (name.endsWith('/bias')) {
      params[name] = tf.zeros(shape);
      continue;
    }
    const fanIn = shape.slice(0, -1).reduce((a, b) => a * b, 1);
    const std = name.startsWith('cls/') || name.startsWith('det/') ? 0.01 : name.startsWith('bbox/') ? 0.001 : Math.sqrt(2 / fanIn);
    params[name] = tf.randomNormal(shape, 0, std, 'float32', s);
  }
  return params;
}

/** Checks that `params` holds every tensor the spec needs with the right shape; names the culprit. */
export function assertParams(spec: SppNetSpec, params: SppNetParams): void {
  for (const [name, shape] of Object.entries(headShapes(spec))) {
    const t = params[name];
    if (!t) throw new Error(`SPP-net weights: missing tensor '${name}'`);
    if (t.shape.join(',') !== shape.join(',')) throw new Error(`SPP-net weights: '${name}' has shape [${t.shape.join(', ')}], expected [${shape.join(', ')}]`);
  }
}
