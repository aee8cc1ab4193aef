import * as tf from '@tensorflow/tfjs-core';
import type { SppNetParams } from '../model';

/**
 * Element-wise mean of the same tensors of several models (weight averaging of runs that started from one
 * model, as in stochastic weight averaging). The models must hold the same tensor names and shapes; a tensor
 * equal to the bit in every model (e.g. a frozen conv layer) is copied, not re-averaged, so it stays byte for byte.
 * @returns the averaged tensors (the caller disposes them) and the names that differed and were averaged.
 */
export function averageParams(models: readonly SppNetParams[]): { params: SppNetParams; averaged: string[] } {
  if (models.length < 2) throw new Error(`averageParams: needs at least 2 models, got ${models.length}`);
  const names = Object.keys(models[0]).sort();
  for (const [i, m] of models.entries()) {
    const these = Object.keys(m).sort();
    if (these.join(',') !== names.join(',')) throw new Error(`averageParams: model ${i} holds tensors ${these.join(',')}, model 0 holds ${names.join(',')}`);
    for (const n of names) {
      if (m[n].shape.join('x') !== models[0][n].shape.join('x')) throw new Error(`averageParams: ${n} is ${m[n].shape.join('x')} in model ${i}, ${models[0][n].shape.join('x')} in model 0`);
    }
  }
  const params: SppNetParams = {};
  const averaged: string[] = [];
  for (const n of names) {
    const first = models[0][n].dataSync();
    const same = models.every((m) => {
      const d = m[n].dataSync();
      return d.every((v, i) => v === first[i]);
    });
    if (same) {
      params[n] = tf.clone(models[0][n]);
    } else {
      params[n] = tf.tidy(() => tf.div(tf.addN(models.map((m) => m[n])), models.length));
      averaged.push(n);
    }
  }
  return { params, averaged };
}
