import * as tf from '@tensorflow/tfjs-core';
import { type SppNetParams, type SppNetSpec, fcForward, headForward, poolWindows } from '../model';
import { type CachedScene, sceneConv5, windowCells } from './detectionSet';
import { loadTrainingCheckpoint, saveTrainingCheckpoint } from './checkpoint';
import { makeRng } from './rng';
import { setCosineLearningRate } from './schedule';

/** Options of {@link trainDetector} and {@link trainBboxRegressor}. */
export interface TrainDetectorOptions {
  spec: SppNetSpec;
  scenes: CachedScene[];
  iterations: number;
  /** Scenes per mini-batch and windows per scene. @default 2 and 64 (128 windows) */
  scenesPerBatch?: number;
  windowsPerScene?: number;
  /** Fraction of positives in a mini-batch (PAPER §4: 25%). @default 0.25 */
  fgFraction?: number;
  /**
   * Negatives: fraction drawn from windows of IoU in [bgLo, fgIou) (PAPER §4: [0.1, 0.5)); the rest
   * from windows below bgLo (clean background). @default 0.75 and bgLo 0.1
   */
  hardFraction?: number;
  bgLo?: number;
  /**
   * Each sampled window is pooled from the map its multi-scale rule picks with this probability, else
   * from the 1-scale map, so the head serves both test settings. @default 0.5
   */
  multiScaleFraction?: number;
  /**
   * Scale jitter (augmentation): a window drawn for its multi-scale map is pooled, with this probability,
   * from a neighbouring cached scale's map instead (one step down or up, at random; the same box in image
   * pixels, so its label and regression target stand). The 1-scale windows are never moved. @default 0
   */
  scaleJitter?: number;
  /**
   * Hard-negative mining (the paper's SVMs were trained with it): at these fractions of the run, every
   * background window of every scene is scored and each scene's `minedPerScene` highest-scoring ones
   * (largest non-background probability) become a pool that supplies `minedFraction` of the negatives.
   * @default no mining
   */
  mineAt?: number[];
  minedPerScene?: number;
  minedFraction?: number;
  /** Adam learning rate, cosine to 5%. @default 3e-4 */
  learningRate?: number;
  /** @default 0.5 (PAPER: dropout on fc6/fc7) */
  dropout?: number;
  seed: number;
  checkpointFile: string;
  log: (line: string) => void;
}

/** A window of a scene pooled from one of its maps. */
export interface WindowSample {
  w: number;
  m: number;
}

interface DetState {
  stage: 'det' | 'bbox';
  iteration: number;
  done: boolean;
  losses: number[];
  /** Per scene: mined hard negatives as [window, map] pairs; how many mining passes have run. */
  mined?: Array<Array<[number, number]>>;
  minePasses?: number;
}

interface Strata {
  pos: number[];
  hard: number[];
  easy: number[];
}

function strataOf(scene: CachedScene, bgLo: number): Strata {
  const s: Strata = { pos: [], hard: [], easy: [] };
  scene.labels.forEach((l, i) => (l > 0 ? s.pos : scene.maxIou[i] >= bgLo ? s.hard : s.easy).push(i));
  return s;
}

/**
 * The map a sampled window is pooled from: its multi-scale choice with probability `multiScaleFraction`
 * (moved to a neighbouring cached scale with probability `scaleJitter`), else the 1-scale map.
 * A scene's maps are in increasing scale order, an extra 1-scale map (`CachedScene.extraDefault`) last; jitter stays
 * among the multi-scale maps.
 */
export function pickMap(scene: CachedScene, w: number, multiScaleFraction: number, rng: () => number, scaleJitter = 0): number {
  if (rng() >= multiScaleFraction) return scene.defaultMap;
  const m = scene.chosenMap[w];
  // The maps of the multi-scale rule's scales: all but an extra 1-scale map (cached last).
  const multi = scene.maps.length - (scene.extraDefault ? 1 : 0);
  if (scaleJitter <= 0 || multi < 2 || rng() >= scaleJitter) return m;
  const step = m === 0 ? 1 : m === multi - 1 ? -1 : rng() < 0.5 ? -1 : 1;
  return m + step;
}

/**
 * Draws `count` windows of a scene: about `fg` positives, then negatives from the mined pool, the
 * [bgLo, fgIou) band and clean background in the given shares; each from its chosen or 1-scale map.
 */
export function sampleWindows(
  scene: CachedScene,
  strata: Strata,
  count: number,
  o: { fg: number; hardFraction: number; minedFraction: number; multiScaleFraction: number; scaleJitter?: number; mined?: ReadonlyArray<[number, number]> },
  rng: () => number,
): WindowSample[] {
  const out: WindowSample[] = [];
  const draw = (from: number[]): void => {
    const w = from[Math.floor(rng() * from.length)];
    out.push({ w, m: pickMap(scene, w, o.multiScaleFraction, rng, o.scaleJitter) });
  };
  const nPos = strata.pos.length ? Math.round(count * o.fg) : 0;
  for (let i = 0; i < nPos; i++) draw(strata.pos);
  const nNeg = count - nPos;
  const mined = o.mined ?? [];
  const nMined = mined.length ? Math.round(nNeg * o.minedFraction) : 0;
  for (let i = 0; i < nMined; i++) {
    const [w, m] = mined[Math.floor(rng() * mined.length)];
    out.push({ w, m });
  }
  while (out.length < count) {
    const band = rng() < o.hardFraction ? strata.hard : strata.easy;
    const from = band.length ? band : strata.hard.length ? strata.hard : strata.easy.length ? strata.easy : strata.pos;
    if (!from.length) break;
    draw(from);
  }
  return out;
}

/**
 * Pools the samples of one scene (grouped by map, in the order given) from its conv5 maps (the cached
 * features through the fine-tuned conv layers, if any: `trainable` while those are being trained).
 */
function poolSamples(spec: SppNetSpec, params: SppNetParams, scene: CachedScene, samples: readonly WindowSample[], trainable = false): tf.Tensor2D {
  return tf.tidy(() => {
    const parts: tf.Tensor2D[] = [];
    const order: number[] = [];
    scene.maps.forEach((_map, m) => {
      const idx = samples.map((s, i) => (s.m === m ? i : -1)).filter((i) => i >= 0);
      if (!idx.length) return;
      parts.push(poolWindows(spec, sceneConv5(spec, params, scene, m, trainable), idx.map((i) => windowCells(spec, scene, samples[i].w, m))));
      order.push(...idx);
    });
    const all = parts.length === 1 ? parts[0] : (tf.concat(parts) as tf.Tensor2D);
    // Samples already grouped by map (as training passes them) need no gather, whose gradient wasm lacks.
    if (order.every((i, j) => i === j)) return all;
    // Back to the samples' order: row j of `all` is sample order[j].
    const inverse = new Int32Array(order.length);
    order.forEach((i, j) => (inverse[i] = j));
    return tf.gather(all, tf.tensor1d(inverse, 'int32')) as tf.Tensor2D;
  });
}

/**
 * Scores every background window of every scene with the current detector and keeps, per scene, the
 * `perScene` with the largest non-background probability as [window, map] pairs.
 */
export function mineHardNegatives(params: Record<string, tf.Tensor>, spec: SppNetSpec, scenes: CachedScene[], perScene: number, useChosen: boolean, useDefault: boolean): Array<Array<[number, number]>> {
  return scenes.map((scene) => {
    const samples: WindowSample[] = [];
    scene.labels.forEach((l, w) => {
      if (l !== 0) return;
      if (useDefault) samples.push({ w, m: scene.defaultMap });
      if (useChosen && (!useDefault || scene.chosenMap[w] !== scene.defaultMap)) samples.push({ w, m: scene.chosenMap[w] });
    });
    if (!samples.length) return [];
    const fp = tf.tidy(() => {
      const p = tf.softmax(headForward(params, 'det', fcForward(params, poolSamples(spec, params, scene, samples))));
      return tf.max(tf.slice(p, [0, 1], [-1, spec.numClasses]), 1);
    });
    const v = fp.dataSync();
    fp.dispose();
    return samples.map((s, i) => ({ s, v: v[i] })).sort((a, b) => b.v - a.v).slice(0, perScene).map(({ s }) => [s.w, s.m] as [number, number]);
  });
}

/** Trains with Adam on mini-batches of windows pooled from cached maps; resumable. */
async function trainOnWindows(
  params: Record<string, tf.Variable>,
  names: string[],
  stage: DetState['stage'],
  o: TrainDetectorOptions,
  pickScene: (rng: () => number) => number,
  pick: (scene: CachedScene, sceneIndex: number, state: DetState, rng: () => number) => WindowSample[],
  lossOf: (pooled: tf.Tensor2D, scene: CachedScene[], samples: WindowSample[][]) => tf.Scalar,
  beforeIteration?: (state: DetState) => void,
): Promise<number[]> {
  const varList = names.map((n) => params[n]);
  const tuneConv = o.spec.conv.some((l) => names.includes(`${l.name}/kernel`));
  const lr0 = o.learningRate ?? 3e-4;
  const optimizer = tf.train.adam(lr0);
  let state: DetState = { stage, iteration: 0, done: false, losses: [] };
  const resumed = await loadTrainingCheckpoint<DetState>(o.checkpointFile, params, names, optimizer, (st) => st.stage === stage);
  if (resumed) {
    state = resumed;
    o.log(`${stage}: resumed from ${o.checkpointFile} at iteration ${state.iteration}`);
  }
  if (state.done) return state.losses;
  const save = (): Promise<void> => saveTrainingCheckpoint(o.checkpointFile, params, names, optimizer, state);
  const spb = o.scenesPerBatch ?? 2;
  const t0 = Date.now();
  let acc = 0;
  let accN = 0;
  while (state.iteration < o.iterations) {
    if (beforeIteration) {
      const passes = state.minePasses;
      beforeIteration(state);
      if (state.minePasses !== passes) await save();
    }
    const rng = makeRng(o.seed * 7919 + state.iteration);
    const chosen: CachedScene[] = [];
    const samples: WindowSample[][] = [];
    for (let s = 0; s < spb; s++) {
      const k = pickScene(rng);
      chosen.push(o.scenes[k]);
      // Grouped by map, so the pooled rows come out in the samples' order (see poolSamples).
      samples.push(pick(o.scenes[k], k, state, rng).sort((a, b) => a.m - b.m));
    }
    setCosineLearningRate(optimizer, lr0, state.iteration, o.iterations);
    const loss = tf.tidy(() => optimizer.minimize(() => {
      // With the conv layers frozen (PAPER §4) pooling is a fixed function of the cached maps; when the
      // last conv layers are trained too, the gradient flows through the pooling into them.
      const pooled = tf.concat(chosen.map((sc, s) => poolSamples(o.spec, params, sc, samples[s], tuneConv))) as tf.Tensor2D;
      return lossOf(pooled, chosen, samples);
    }, true, varList) as tf.Scalar);
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

/** Names of the conv parameters the cached maps leave to training (CachedScene.tailFrom); the scenes must agree. */
export function tailConvParams(spec: SppNetSpec, scenes: readonly CachedScene[]): string[] {
  const tailFrom = scenes.length ? scenes[0].tailFrom : spec.conv.length;
  if (scenes.some((s) => s.tailFrom !== tailFrom)) throw new Error('trainDetector: the cached scenes stop the trunk at different layers');
  return spec.conv.slice(tailFrom).flatMap((l) => [`${l.name}/kernel`, `${l.name}/bias`]);
}

/**
 * Stage 2 (PAPER §4): fine-tunes fc6, fc7 and the 21-way detection head on windows pooled from cached
 * conv5 maps, 25% positives per mini-batch, optionally with hard-negative mining. When the scenes
 * cache an earlier layer's output (`tailFrom`), the conv layers after it are fine-tuned as well (the
 * paper could not, Fast R-CNN did).
 */
export async function trainDetector(params: Record<string, tf.Variable>, o: TrainDetectorOptions): Promise<number[]> {
  const wps = o.windowsPerScene ?? 64;
  const dropout = o.dropout ?? 0.5;
  const ms = o.multiScaleFraction ?? 0.5;
  const strata = o.scenes.map((s) => strataOf(s, o.bgLo ?? 0.1));
  const mineAt = (o.mineAt ?? []).map((f) => Math.round(f * o.iterations)).sort((a, b) => a - b);
  const sampling = { fg: o.fgFraction ?? 0.25, hardFraction: o.hardFraction ?? 0.75, minedFraction: o.minedFraction ?? 0.5, multiScaleFraction: ms, scaleJitter: o.scaleJitter };
  const names = [...tailConvParams(o.spec, o.scenes), 'fc6/kernel', 'fc6/bias', 'fc7/kernel', 'fc7/bias', 'det/kernel', 'det/bias'];
  return trainOnWindows(params, names, 'det', o,
    (rng) => Math.floor(rng() * o.scenes.length),
    (sc, k, state, rng) => sampleWindows(sc, strata[k], wps, { ...sampling, mined: state.mined?.[k] }, rng),
    (pooled, scenes, samples) => {
      const labels = samples.flatMap((ss, s) => ss.map(({ w }) => scenes[s].labels[w]));
      const y = tf.oneHot(tf.tensor1d(labels, 'int32'), o.spec.numClasses + 1);
      return tf.losses.softmaxCrossEntropy(y, headForward(params, 'det', fcForward(params, pooled, { dropout }))) as tf.Scalar;
    },
    (state) => {
      const done = state.minePasses ?? 0;
      if (done >= mineAt.length || state.iteration < mineAt[done]) return;
      const t = Date.now();
      state.mined = mineHardNegatives(params, o.spec, o.scenes, o.minedPerScene ?? 16, ms > 0, ms < 1);
      state.minePasses = done + 1;
      o.log(`det: hard-negative mining pass ${done + 1} at iteration ${state.iteration}: ${state.mined.reduce((a, m) => a + m.length, 0)} windows kept (${((Date.now() - t) / 1000).toFixed(0)} s)`);
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
  const ms = o.multiScaleFraction ?? 0.5;
  const positives = o.scenes.map((s) => Array.from(s.labels.keys()).filter((i) => s.labels[i] > 0));
  const scenes = positives.map((p, i) => (p.length ? i : -1)).filter((i) => i >= 0);
  return trainOnWindows(params, ['bbox/kernel', 'bbox/bias'], 'bbox', o,
    (rng) => scenes[Math.floor(rng() * scenes.length)],
    (sc, k, _state, rng) => Array.from({ length: Math.min(wps, positives[k].length * 4) }, () => {
      const w = positives[k][Math.floor(rng() * positives[k].length)];
      return { w, m: pickMap(sc, w, ms, rng, o.scaleJitter) };
    }),
    (pooled, scenes2, samples) => {
      const c = o.spec.numClasses;
      const mask = new Float32Array(pooled.shape[0] * 4 * c);
      const target = new Float32Array(pooled.shape[0] * 4 * c);
      let r = 0;
      samples.forEach((ss, s) => ss.forEach(({ w }) => {
        const cls = scenes2[s].labels[w] - 1;
        for (let k = 0; k < 4; k++) {
          mask[r * 4 * c + 4 * cls + k] = 1;
          target[r * 4 * c + 4 * cls + k] = scenes2[s].targets[4 * w + k];
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
