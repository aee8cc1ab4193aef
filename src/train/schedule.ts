import type * as tf from '@tensorflow/tfjs-core';

/**
 * Sets an optimiser's learning rate on the cosine schedule every training stage uses: `lr0` at step 0,
 * decaying to 5% of it at `total`.
 */
export function setCosineLearningRate(optimizer: tf.Optimizer, lr0: number, step: number, total: number): void {
  (optimizer as unknown as { learningRate: number }).learningRate = lr0 * (0.05 + 0.95 * 0.5 * (1 + Math.cos((Math.PI * step) / total)));
}
