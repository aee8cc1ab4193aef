import * as tf from '@tensorflow/tfjs-core';
import { type SppNetSpec, fcForward, headForward, poolWindows } from '../model';
import type { CachedScene } from './detectionSet';
import { loadCheckpoint, saveCheckpoint } from './checkpoint';
import { makeRng } from './rng';

/** Options of {@link trainDetector}. */
export interface TrainDetectorOptions {
  spec: SppNetSpec;
  scenes: CachedScene[];
  iterations: number;
  /** Scenes per mini-batch and windows per scene. @default 2 and 64 (128 windows) */
  scenesPerBatch?: number;
  windowsPerScene?: number;
  /** Fraction of positives in a mini-batch (PAPER §4: 25%). @default 0.25 */
  fgFraction?: number;
  /** Adam learning rate, cosine to 5%. @default 3e-4 */
  learningRate?: number;
  /** @default 0.5 (PAPER: dropout on fc6/fc7) */
  dropout?: number;
  seed: number;
  checkpointFile: string;
  log: (line: string) => void;
}

interface DetState {
  stage: 'det' | 'bbox';
  iteration: number;
  done: boolean;
  losses: number[];
}

/** Draws `count` window indices of a scene with about `fg` positives. */
function sampleWindows(scene: CachedScene, count: number, fg: number, rng: () => number): number[] {
  const pos: number[] = [];
  const neg: number[] = [];
  scene.labels.forEach((l, i) => (l > 0 ? pos : neg).push(i));
  const out: number[] = [];
  const nPos = Math.min(pos.length, Math.round(count * fg));
  for (let i = 0; i < nPos; i++) out.push(pos[Math.floor(rng() * pos.length)]);
  const rest = neg.length ? neg : pos;
  while (out.length < count && rest.length) out.push(rest[Math.floor(rng() * rest.length)]);
  return out;
}

/** Trains with Adam on mini-batches of windows pooled from cached maps; resumable. */
async function trainOnWindows(
  params: Record<string, tf.Variable>,
  names: string[],
  stage: DetState['stage'],
  o: TrainDetectorOptions,
  pickScene: (rng: () => number) => number,
  pick: (scene: CachedScene, rng: () => number) => number[],
  lossOf: (pooled: tf.Tensor2D, scene: CachedScene[], idx: number[][]) => tf.Scalar,
): Promise<number[]> {
  const varList = names.map((n) => params[n]);
  const lr0 = o.learningRate ?? 3e-4;
  const optimizer = tf.train.adam(lr0);
  let state: DetState = { stage, iteration: 0, done: false, losses: [] };
  const ck = loadCheckpoint<DetState>(o.checkpointFile);
  if (ck && ck.state.stage === stage) {
    for (const n of names) params[n].assign(ck.tensors[`param/${n}`]);
    const slots = Object.entries(ck.tensors).filter(([k]) => k.startsWith('adam/')).map(([k, t]) => ({ name: k.slice(5), tensor: t }));
    if (slots.length) await optimizer.setWeights(slots);
    state = ck.state;
    o.log(`${stage}: resumed from ${o.checkpointFile} at iteration ${state.iteration}`);
  }
  if (state.done) return state.losses;
  const save = async (): Promise<void> => {
    const tensors: Record<string, tf.Tensor> = {};
    for (const n of names) tensors[`param/${n}`] = params[n];
    for (const w of await optimizer.getWeights()) tensors[`adam/${w.name}`] = w.tensor;
    await saveCheckpoint(o.checkpointFile, tensors, state);
  };
  const spb = o.scenesPerBatch ?? 2;
  const t0 = Date.now();
  let acc = 0;
  let accN = 0;
  while (state.iteration < o.iterations) {
    const rng = makeRng(o.seed * 7919 + state.iteration);
    const chosen: CachedScene[] = [];
    const idx: number[][] = [];
    for (let s = 0; s < spb; s++) {
      const sc = o.scenes[pickScene(rng)];
      chosen.push(sc);
      idx.push(pick(sc, rng));
    }
    (optimizer as unknown as { learningRate: number }).learningRate = lr0 * (0.05 + 0.95 * 0.5 * (1 + Math.cos((Math.PI * state.iteration) / o.iterations)));
    const loss = tf.tidy(() => {
      // Pooling is a fixed function of the cached maps here (conv layers frozen, PAPER §4).
      const pooled = tf.concat(chosen.map((sc, s) => {
        const map = tf.tensor3d(sc.conv5, [sc.mapSize[0], sc.mapSize[1], sc.conv5.length / (sc.mapSize[0] * sc.mapSize[1])]);
        return poolWindows(o.spec, map, idx[s].map((i) => sc.cells[i]));
      })) as tf.Tensor2D;
      return optimizer.minimize(() => lossOf(pooled, chosen, idx), true, varList) as tf.Scalar;
    });
    if (state.iteration % 10 === 0) {
      acc += (await loss.data())[0];
      accN++;
    }
    loss.dispose();
    state.iteration++;
    if (state.iteration % 200 === 0 || state.iteration === o.iterations) {
      state.losses.push(acc / Math.max(accN, 1));
      o.log(`${stage}: iteration ${state.iteration}/${o.iterations} loss ${(acc / Math.max(accN, 1)).toFixed(4)} ${((Date.now() - t0) / 1000).toFixed(0)} s`);
      acc = 0;
      accN = 0;
      await save();
    }
  }
  state.done = true;
  await save();
  optimizer.dispose();
  return state.losses;
}

/**
 * Stage 2 (PAPER §4): fine-tunes fc6, fc7 and the 21-way detection head on windows pooled from cached
 * conv5 maps, 25% positives per mini-batch.
 */
export async function trainDetector(params: Record<string, tf.Variable>, o: TrainDetectorOptions): Promise<number[]> {
  const wps = o.windowsPerScene ?? 64;
  const fg = o.fgFraction ?? 0.25;
  const dropout = o.dropout ?? 0.5;
  return trainOnWindows(params, ['fc6/kernel', 'fc6/bias', 'fc7/kernel', 'fc7/bias', 'det/kernel', 'det/bias'], 'det', o,
    (rng) => Math.floor(rng() * o.scenes.length),
    (sc, rng) => sampleWindows(sc, wps, fg, rng),
    (pooled, scenes, idx) => {
      const labels = idx.flatMap((ix, s) => ix.map((i) => scenes[s].labels[i]));
      const y = tf.oneHot(tf.tensor1d(labels, 'int32'), o.spec.numClasses + 1);
      return tf.losses.softmaxCrossEntropy(y, headForward(params, 'det', fcForward(params, pooled, { dropout }))) as tf.Scalar;
    });
}

/**
 * Stage 3 (PAPER §4 step 6, R-CNN's regressor): a linear map from the pooled conv5 vector to
 * (dx, dy, log dw, log dh) per class, trained on windows with IoU >= 0.5 (smooth-L1 on normalised
 * targets of the window's class, plus an L2 penalty standing in for ridge regression).
 */
export async function trainBboxRegressor(params: Record<string, tf.Variable>, o: TrainDetectorOptions & { l2?: number }): Promise<number[]> {
  const wps = o.windowsPerScene ?? 64;
  const l2 = o.l2 ?? 1e-3;
  const scenes = o.scenes.map((s, i) => ({ s, i })).filter(({ s }) => s.labels.some((l) => l > 0)).map(({ i }) => i);
  return trainOnWindows(params, ['bbox/kernel', 'bbox/bias'], 'bbox', o,
    (rng) => scenes[Math.floor(rng() * scenes.length)],
    (sc, rng) => {
      const pos: number[] = [];
      sc.labels.forEach((l, i) => l > 0 && pos.push(i));
      return Array.from({ length: Math.min(wps, pos.length * 4) }, () => pos[Math.floor(rng() * pos.length)]);
    },
    (pooled, scenes2, idx) => {
      const c = o.spec.numClasses;
      const mask = new Float32Array(pooled.shape[0] * 4 * c);
      const target = new Float32Array(pooled.shape[0] * 4 * c);
      let r = 0;
      idx.forEach((ix, s) => ix.forEach((i) => {
        const cls = scenes2[s].labels[i] - 1;
        for (let k = 0; k < 4; k++) {
          mask[r * 4 * c + 4 * cls + k] = 1;
          target[r * 4 * c + 4 * cls + k] = scenes2[s].targets[4 * i + k];
        }
        r++;
      }));
      const m = tf.tensor2d(mask, [r, 4 * c]);
      const pred = headForward(params, 'bbox', pooled);
      const diff = tf.abs(tf.mul(tf.sub(pred, tf.tensor2d(target, [r, 4 * c])), m));
      // smooth-L1 without a comparison op (Less has no gradient): q = min(d, 1); 0.5 q^2 + (d - q).
      const q = tf.minimum(diff, 1);
      const smoothL1 = tf.add(tf.mul(0.5, tf.square(q)), tf.sub(diff, q));
      return tf.add(tf.div(tf.sum(smoothL1), r), tf.mul(l2, tf.sum(tf.square(params['bbox/kernel'])))) as tf.Scalar;
    });
}
