import * as tf from '@tensorflow/tfjs-core';
import { type FullImageView, type Normalization, type SppNetSpec, MULTI_VIEWS, branchPooled, clsBranchLayers, clsInputOf, clsLogits, poolWholeBatch, trunkRange, viewInput } from '../model';
import { loadTrainingCheckpoint, saveTrainingCheckpoint } from './checkpoint';
import { makeRng } from './rng';
import { setCosineLearningRate } from './schedule';
import type { LabelledImage } from './trainClassifier';

/**
 * The branch trains on training-split object images from this index on: past any the pre-training and
 * refit sets used (fewer than 20,000), before the held-out images checks use (100,000 on).
 */
export const BRANCH_IMAGES_FROM = 20_000;

/** Options of {@link trainClsBranch}. */
export interface TrainClsBranchOptions {
  /** A spec with a classification branch (SppNetSpec.clsBranch) that the head reads. */
  spec: SppNetSpec;
  norm: Normalization;
  /** The i-th training image, of any size and aspect: step s uses images s * batchSize .. (s + 1) * batchSize - 1, so every image is new. */
  image: (i: number) => LabelledImage;
  steps: number;
  /** Images per step (each its own size, one forward each, one update). @default 16 */
  batchSize?: number;
  /** Adam, cosine-decayed to 5 %. @default 3e-4 */
  learningRate?: number;
  /** Side of the square training input (sqrt of the manifest's trainArea). */
  trainSide: number;
  /** Each image is seen whole in one of these views, drawn at random. @default MULTI_VIEWS (classify()'s) */
  views?: readonly FullImageView[];
  seed: number;
  /** Written every `checkpointSteps` and at the end; resumed from when present. */
  checkpointFile: string;
  /** @default 50 */
  checkpointSteps?: number;
  log: (line: string) => void;
}

/** State saved with a branch checkpoint. */
interface BranchState {
  stage: 'cls-branch';
  step: number;
  done: boolean;
  /** Mean training loss per logged block of steps. */
  history: Array<{ step: number; loss: number; seconds: number }>;
}

/** The tensors {@link trainClsBranch} updates: the branch's conv layers and the 20-way head. */
export function clsBranchParamNames(spec: SppNetSpec): string[] {
  return [...clsBranchLayers(spec).flatMap((l) => [`${l.name}/kernel`, `${l.name}/bias`]), 'cls/kernel', 'cls/bias'];
}

/**
 * Trains the classification branch and the 20-way head on whole images of any size and aspect, seen as
 * classify() sees them (full-image views, no crop, no warp), every image new (no epochs, so nothing to
 * overfit). The shared conv layers, the trunk's own last layers and fc6/fc7 stay as they are: whatever
 * else the head reads (pooled, fc6, fc7) comes from them unchanged, so the detector is untouched.
 * Updates `params` (tf.Variables) in place; resumable from `checkpointFile`. @returns the loss history.
 */
export async function trainClsBranch(params: Record<string, tf.Variable>, o: TrainClsBranchOptions): Promise<BranchState['history']> {
  const { spec } = o;
  if (spec.clsBranch === undefined) throw new Error('trainClsBranch: the spec has no classification branch (clsBranch)');
  const from = spec.clsBranch;
  const batch = o.batchSize ?? 16;
  const lr0 = o.learningRate ?? 3e-4;
  const views = o.views ?? MULTI_VIEWS;
  const names = clsBranchParamNames(spec);
  const varList = names.map((n) => params[n]);
  const optimizer = tf.train.adam(lr0);
  let state: BranchState = { stage: 'cls-branch', step: 0, done: false, history: [] };
  const resumed = await loadTrainingCheckpoint<BranchState>(o.checkpointFile, params, names, optimizer, (st) => st.stage === 'cls-branch');
  if (resumed) {
    state = resumed;
    o.log(`cls-branch: resumed from ${o.checkpointFile} at step ${state.step}`);
  }
  const save = (): Promise<void> => saveTrainingCheckpoint(o.checkpointFile, params, names, optimizer, state);
  const every = o.checkpointSteps ?? 50;
  const readsTrunk = clsInputOf(spec).some((f) => f !== 'branch');
  let t0 = Date.now();
  let lossSum = 0;
  let lossN = 0;
  while (state.step < o.steps) {
    const rng = makeRng(o.seed * 100_003 + state.step);
    const labels: number[] = [];
    // The frozen part of every image (shared layers; the trunk's pooled vector if the head reads it) runs outside the tape.
    const frozen = Array.from({ length: batch }, (_, k) => {
      const im = o.image(state.step * batch + k);
      labels.push(im.categoryId - 1);
      const view = views[Math.floor(rng() * views.length)];
      return tf.tidy(() => {
        const shared = trunkRange(spec, params, viewInput(im, o.norm, o.trainSide, view), 0, from);
        return { shared, pooled: readsTrunk ? poolWholeBatch(spec, trunkRange(spec, params, shared, from, spec.conv.length)) : undefined };
      });
    });
    setCosineLearningRate(optimizer, lr0, state.step, o.steps);
    const loss = tf.tidy(() => {
      const y = tf.oneHot(tf.tensor1d(labels, 'int32'), spec.numClasses);
      return optimizer.minimize(() => {
        const logits = tf.concat(frozen.map((f) => clsLogits(spec, params, { pooled: f.pooled, branch: branchPooled(spec, params, f.shared, { trainable: true }) })), 0);
        return tf.losses.softmaxCrossEntropy(y, logits) as tf.Scalar;
      }, true, varList) as tf.Scalar;
    });
    tf.dispose(frozen.flatMap((f) => (f.pooled ? [f.shared, f.pooled] : [f.shared])));
    lossSum += (await loss.data())[0];
    lossN++;
    loss.dispose();
    state.step++;
    if (state.step % every === 0 || state.step === o.steps) {
      const seconds = (Date.now() - t0) / 1000;
      state.history.push({ step: state.step, loss: lossSum / lossN, seconds });
      o.log(`cls-branch: step ${state.step}/${o.steps} loss ${(lossSum / lossN).toFixed(3)} ${seconds.toFixed(0)} s (${((lossN * batch) / seconds).toFixed(1)} img/s)`);
      lossSum = 0;
      lossN = 0;
      t0 = Date.now();
      await save();
    }
  }
  state.done = true;
  await save();
  optimizer.dispose();
  return state.history;
}
