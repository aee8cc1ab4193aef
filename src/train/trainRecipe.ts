// The recipe of `npm run train` (src/train/trainCli.ts): its budget and settings, the full and smoke
// defaults, and the command line that changes them.
import fs from 'node:fs';
import path from 'node:path';
import type { ClsFeature, ModelManifest } from '../model';
import { parseArgs } from './cliArgs';

/** Scenes per file of the detection-scene cache (`scenes-C.ckpt` holds scenes 100·C ..). */
export const SCENE_CHUNK = 100;

/** Detection scales: the paper's {480, 576, 688, 864, 1200} x (144 / 224) ≈ x 0.65. */
export const SCALES = [304, 368, 448, 560, 784];
/**
 * The map the detection stage pools its "1-scale" half of the windows from (`--det-train-scale`): 560 by
 * default, the best single scale on the val split for segment 3's model (mAP 44.9 against 41.6 at 448 and
 * 42.6 at 784). The test setting was 784 from session 11 (DEFAULT_SCALE_INDEX) and is 896 since session 18 (ONE_SCALE, trainCli.ts).
 */
const TRAIN_SCALE = 560;
/** The largest `--det-train-scale`: a map at s = 1200 is ~2.3x the cache memory of one at 784. */
const MAX_TRAIN_SCALE = 1200;

export interface Recipe {
  clsImages: number;
  clsEpochs: number;
  clsTestImages: number;
  detScenes: number;
  detIters: number;
  bboxIters: number;
  testScenes: number;
  sizes: [number, number] | [number];
  levels: number[];
  proposalMode: 'fast' | 'single';
  /** Warm start: the weights of a model folder or a training checkpoint (its `param/*` tensors). */
  init?: string;
  /** Seed of the classification images' order (a continued run uses another). */
  clsSeed?: number;
  /** Detection: share of windows pooled from the scale the multi-scale rule picks (else the 1-scale map). */
  detMultiScale: number;
  /** Detection: hard-negative mining passes, as fractions of detIters. */
  mineAt: number[];
  /** Images (any size/aspect) the 20-way head is refitted on after detection fine-tuning. */
  clsRefitImages: number;
  /** Detection: how many of the last conv layers are fine-tuned with the fc layers (0 = fc only, as the paper). */
  detTuneConv: number;
  /** What the 20-way head reads (SppNetSpec.clsInput). */
  clsInput: ClsFeature[];
  /** Full-image views of each image the head is refitted on: the single one, or classify()'s MULTI_VIEWS. */
  clsRefitViews: 'single' | 'multi';
  /**
   * Stage 4 with a classification branch (SppNetSpec.clsBranch): the detTuneConv layers detection
   * fine-tuned, copied as they were before it, trained with the head (which then reads 'branch' alone; clsInput is for the refit) for
   * this many mini-batches of clsBranchBatch new images (trainClsBranch); 0 = refit the head instead.
   */
  clsBranchSteps: number;
  clsBranchBatch: number;
  /** Detection: the scale of the 1-scale map windows are pooled from in training (one of SCALES). */
  detTrainScale: number;
  /**
   * Stage 4 copies the classification branch and head of this model folder instead of training them
   * (the branch must start at the first layer detection tunes; conv layers before it are shared and frozen).
   */
  clsFrom?: string;
  /**
   * Detection: selective search's minimum box side (working-image px) for the training scenes' windows and
   * the test evaluation; absent = its default (DEFAULT_MIN_BOX_SIDE). Cached scenes made with another
   * minimum get new windows (their maps are kept).
   */
  detMinBoxSide?: number;
  /** Detection: Adam's starting learning rate (cosine to 5% over detIters); absent = trainDetector's default, 3e-4. */
  detLearningRate?: number;
  /**
   * Detection and box regression: the share of multi-scale windows pooled from a neighbouring cached scale's
   * map instead of their own (trainDetector's `scaleJitter`); absent = 0.
   */
  detScaleJitter?: number;
  /** Detection: dropout on fc6/fc7 while training (trainDetector's `dropout`); absent = its default, 0.5 (PAPER). */
  detDropout?: number;
  /**
   * Detection: the training split's scene index the detScenes scenes start at (scenes K .. K + detScenes - 1);
   * absent = 0. Another K trains on other scenes of the same generator (more variety than repeating the first ones).
   */
  detScenesFrom?: number;
}

const FULL: Recipe = { clsImages: 10000, clsEpochs: 6, clsTestImages: 1000, detScenes: 1200, detIters: 5000, bboxIters: 2000, testScenes: 200, sizes: [144, 116], levels: [6, 3, 2, 1], proposalMode: 'fast', detMultiScale: 0.5, mineAt: [0.4, 0.7], clsRefitImages: 6000, detTuneConv: 1, clsInput: ['pooled', 'fc6', 'fc7'], clsRefitViews: 'multi', clsBranchSteps: 4000, clsBranchBatch: 16, detTrainScale: TRAIN_SCALE };
const SMOKE: Recipe = { clsImages: 64, clsEpochs: 2, clsTestImages: 20, detScenes: 6, detIters: 20, bboxIters: 10, testScenes: 4, sizes: [144, 116], levels: [6, 3, 2, 1], proposalMode: 'single', detMultiScale: 0.5, mineAt: [0.5], clsRefitImages: 32, detTuneConv: 1, clsInput: ['pooled', 'fc6', 'fc7'], clsRefitViews: 'multi', clsBranchSteps: 4, clsBranchBatch: 4, detTrainScale: TRAIN_SCALE };

/** What `npm run train` was asked for: the recipe, its mode, and where it writes. */
export interface TrainInvocation {
  recipe: Recipe;
  smoke: boolean;
  noSpp: boolean;
  name: string;
  out: string;
  work: string;
  /**
   * `--cache-chunks A-B`: only cache the detection scenes of chunks A..B (SCENE_CHUNK scenes each, `scenes-A.ckpt`..) into
   * the work folder and exit, so that several processes can fill one cache side by side before the run itself.
   */
  cacheChunks?: [number, number];
}

/** Parses `npm run train`'s arguments into the recipe (bad values are errors naming the option). */
export function parseTrainArgs(argv: string[]): TrainInvocation {
  const args = parseArgs(argv, {
    flags: ['smoke', 'no-spp'],
    values: ['out', 'work', 'cls-images', 'cls-epochs', 'cls-test-images', 'det-scenes', 'det-iters', 'bbox-iters', 'test-scenes', 'name', 'init', 'cls-seed', 'det-multiscale', 'mine-at', 'cls-refit-images', 'det-tune-conv', 'cls-input', 'cls-refit-views', 'cls-branch-steps', 'det-train-scale', 'cls-from', 'det-min-box-side', 'det-lr', 'det-scale-jitter', 'det-dropout', 'det-scenes-from', 'cache-chunks'],
  });
  const smoke = args.flags.has('smoke');
  const noSpp = args.flags.has('no-spp');
  const recipe: Recipe = { ...(smoke ? SMOKE : FULL) };
  const num = (k: string, d: number): number => args.number(k, d);
  recipe.clsImages = num('cls-images', recipe.clsImages);
  recipe.clsEpochs = num('cls-epochs', recipe.clsEpochs);
  recipe.clsTestImages = num('cls-test-images', recipe.clsTestImages);
  recipe.detScenes = num('det-scenes', recipe.detScenes);
  recipe.detIters = num('det-iters', recipe.detIters);
  recipe.bboxIters = num('bbox-iters', recipe.bboxIters);
  recipe.testScenes = num('test-scenes', recipe.testScenes);
  const init = args.value('init');
  if (init !== undefined) {
    if (!fs.existsSync(init)) throw new Error(`--init ${init}: no such model folder or checkpoint`);
    recipe.init = path.resolve(init);
  }
  if (args.value('cls-seed') !== undefined) recipe.clsSeed = num('cls-seed', 11);
  recipe.clsRefitImages = num('cls-refit-images', recipe.clsRefitImages);
  recipe.detMultiScale = num('det-multiscale', recipe.detMultiScale);
  if (recipe.detMultiScale > 1) throw new Error(`option --det-multiscale must be in [0, 1], got ${recipe.detMultiScale}`);
  recipe.detTuneConv = num('det-tune-conv', recipe.detTuneConv);
  if (!Number.isInteger(recipe.detTuneConv) || recipe.detTuneConv < 0) throw new Error(`option --det-tune-conv takes a whole number of conv layers, got ${recipe.detTuneConv}`);
  const clsInput = args.value('cls-input');
  if (clsInput !== undefined) recipe.clsInput = clsInput.split(',') as ClsFeature[];
  const refitViews = args.value('cls-refit-views') ?? recipe.clsRefitViews;
  if (refitViews !== 'single' && refitViews !== 'multi') throw new Error(`option --cls-refit-views takes single or multi, got '${refitViews}'`);
  recipe.clsRefitViews = refitViews;
  recipe.clsBranchSteps = num('cls-branch-steps', recipe.clsBranchSteps);
  if (recipe.clsInput.includes('branch')) throw new Error("option --cls-input: 'branch' is added by the branch stage (--cls-branch-steps), not listed");
  if (recipe.clsBranchSteps > 0 && recipe.detTuneConv === 0) throw new Error('option --cls-branch-steps: a classification branch keeps the conv layers detection fine-tunes, and --det-tune-conv 0 tunes none (pass --cls-branch-steps 0)');
  recipe.detTrainScale = num('det-train-scale', recipe.detTrainScale);
  const t = recipe.detTrainScale;
  if (!(Number.isInteger(t) && t >= SCALES[0] && t <= MAX_TRAIN_SCALE)) throw new Error(`option --det-train-scale takes a whole number of pixels in [${SCALES[0]}, ${MAX_TRAIN_SCALE}] (the detection scales are ${SCALES.join(', ')}; another scale is cached as an extra map), got ${t}`);
  const clsFrom = args.value('cls-from');
  if (clsFrom !== undefined) {
    if (!fs.existsSync(path.join(clsFrom, 'manifest.json'))) throw new Error(`--cls-from ${clsFrom}: no model folder (manifest.json missing)`);
    recipe.clsFrom = path.resolve(clsFrom);
  }
  /** An option the recipe leaves out unless it is given (its default lives where it is used); `takes` says what `ok` accepts. */
  const optional = (k: string, ok: (v: number) => boolean, takes: string): number | undefined => {
    if (args.value(k) === undefined) return undefined;
    const v = num(k, NaN);
    if (!ok(v)) throw new Error(`option --${k} takes ${takes}, got ${v}`);
    return v;
  };
  recipe.detMinBoxSide = optional('det-min-box-side', (v) => v >= 0, 'a side in working-image pixels (>= 0)');
  recipe.detLearningRate = optional('det-lr', (v) => v > 0 && v < 1, 'a learning rate in (0, 1)');
  recipe.detScaleJitter = optional('det-scale-jitter', (v) => v >= 0 && v <= 1, 'a fraction in [0, 1]');
  recipe.detDropout = optional('det-dropout', (v) => v >= 0 && v < 1, 'a rate in [0, 1)');
  recipe.detScenesFrom = optional('det-scenes-from', (v) => Number.isInteger(v), 'a whole scene index (>= 0)');
  const mineAt = args.value('mine-at');
  if (mineAt !== undefined) {
    recipe.mineAt = mineAt === 'none' ? [] : mineAt.split(',').map(Number);
    if (!recipe.mineAt.every((f) => f >= 0 && f < 1)) throw new Error(`option --mine-at takes fractions in [0, 1) separated by commas, or 'none'; got '${mineAt}'`);
  }
  if (noSpp) {
    // The SPP-vs-no-SPP ablation (PAPER Table): one 6x6 pooling level on fixed-size input only.
    recipe.levels = [6];
    recipe.sizes = [144];
  }
  const name = args.value('name') ?? (noSpp ? 'emoji-voc-zf5-nospp' : 'emoji-voc-zf5');
  const out = path.resolve(args.value('out') ?? (smoke ? path.join('.cache', 'smoke', name) : path.join('models', name)));
  const work = path.resolve(args.value('work') ?? path.join('.cache', smoke ? 'train-smoke' : 'train', name));
  const chunks = args.value('cache-chunks');
  let cacheChunks: [number, number] | undefined;
  if (chunks !== undefined) {
    const m = /^(\d+)-(\d+)$/.exec(chunks);
    if (noSpp) throw new Error('option --cache-chunks: the no-SPP ablation caches no detection scenes');
    if (!m || Number(m[1]) > Number(m[2])) throw new Error(`option --cache-chunks takes a range of chunk numbers A-B (A <= B), got '${chunks}'`);
    cacheChunks = [Number(m[1]), Number(m[2])];
    const last = Math.ceil(recipe.detScenes / SCENE_CHUNK) - 1;
    if (cacheChunks[1] > last) throw new Error(`option --cache-chunks: --det-scenes ${recipe.detScenes} makes chunks 0-${last}, got '${chunks}'`);
  }
  return { recipe, smoke, noSpp, name, out, work, ...(cacheChunks ? { cacheChunks } : {}) };
}

/** The manifest's `proposals` for a recipe's detector: its windows' minimum side when the recipe sets one. */
export function recipeProposals(recipe: Recipe): ModelManifest['proposals'] {
  return recipe.detMinBoxSide === undefined ? undefined : { minBoxSide: recipe.detMinBoxSide };
}
