// npm run train [-- --smoke] [--out DIR] [--work DIR] [--no-spp] [--cls-images N] [--cls-epochs N]
//   [--det-scenes N] [--det-iters N] [--bbox-iters N] [--test-scenes N] [--test-images N]
//   [--init MODEL_DIR|CHECKPOINT] [--cls-seed N] [--det-multiscale F] [--mine-at F,F|none] [--cls-refit-images N]
//   [--det-tune-conv N] [--cls-input pooled,fc6,fc7] [--cls-refit-views single|multi] [--cls-branch-steps N]
//   [--det-train-scale S] [--cls-from MODEL_DIR] [--det-min-box-side PX] [--det-lr LR] [--det-scale-jitter F]
//   [--det-dropout F]  (dropout on fc6/fc7 in the detection stage; 0.5 by default, as the paper)
//   [--det-scenes-from K]  (the detection stage's scenes are training scenes K .. K + N - 1; 0 by default)
//   [--cache-chunks A-B]  (only fill chunks A..B of the detection-scene cache, e.g. from two processes at once, then exit)
// The whole SPP-net recipe on Emoji-VOC (PAPER §2-4): 1) classification pre-training through the SPP
// layer, multi-size (144/116); 2) detection fine-tuning of fc6/fc7/fc8 (and with --det-tune-conv N the last
// N conv layers, run on the cached maps of the layer before them) on conv5 maps cached at the scales
// the windows need, selective-search windows, hard-negative mining; 3) box regression; 4) the 20-way head
// refitted on the final features or, with --cls-branch-steps N (the default), a classification branch (the
// conv layers detection fine-tuned, as they were before it) trained with the head on N mini-batches of new
// whole images; 5) evaluation on the test split; the model is written
// to DIR with manifest.json (metrics, recipe, sha256). Every stage checkpoints to --work and resumes.
import * as tf from '@tensorflow/tfjs-core';
import fs from 'node:fs';
import path from 'node:path';
import { EMOJI_VOC_CLASSES } from '../data/classes';
import { generateObjectImage, generateScene, sceneSeed, objectSeed } from '../data';
import { loadAtlasNode } from '../data/node/loadAtlasNode';
import { loadBackgroundsNode } from '../data/node/loadBackgroundsNode';
import { DEFAULT_MIN_BOX_SIDE, selectiveSearch } from '../proposals';
import { detectionWindowOptions } from '../pipeline/detectionWindowOptions';
import { DEFAULT_NORMALIZATION, MULTI_VIEWS, SINGLE_VIEW, ZF5_SMALL, type SppNetSpec, assertSpec, decodeModelFiles, encodeModelFiles, initParams, type ModelManifest } from '../model';
import { diskReader } from './nodeFiles';
import { initNodeBackend } from './nodeBackend';
import { type LabelledImage, classificationAccuracy, refitClassifierHead, trainClassifier } from './trainClassifier';
import { BRANCH_IMAGES_FROM, trainClsBranch } from './trainClsBranch';
import { copyClassificationPath } from './copyClassificationPath';
import { type CachedScene, type DetectionScene, advanceTail, cacheScene, loadSceneCache, saveSceneCache, withDefaultScale } from './detectionSet';
import { trainBboxRegressor, trainDetector } from './trainDetector';
import { evaluateDetector } from './evaluateDetector';
import { loadCheckpoint } from './checkpoint';
import { SCALES, SCENE_CHUNK, parseTrainArgs, recipeProposals } from './trainRecipe';

const BBOX_STD: [number, number, number, number] = [0.1, 0.1, 0.2, 0.2];
/**
 * The multi-scale set's largest scale (`defaultScaleIndex`), the 1-scale test setting from session 11 to 17: 784. On 400 val-split scenes the
 * segment-6 detector (its 1-scale training windows at TRAIN_SCALE, trainRecipe.ts) scored 1-scale mAP@0.5 56.2 at 560, 58.5 at 672 and 59.3 at 784, so
 * the fine-tuned detector gains from the larger map at test time, where its small objects cover more cells.
 */
const DEFAULT_SCALE_INDEX = 4;
/**
 * The 1-scale test setting the manifest records since session 18 (`oneScale`, outside the multi-scale set):
 * 896 in session 18, 960 since session 19. On the 1,000 val-split scenes segment 12 scored 1-scale mAP@0.5 68.9
 * at 784, 70.3 at 896 and 70.3 at 960, segment 13 69.3 at 784 and 70.5 at 896, and segment 14 (its 1-scale
 * training windows at 896) 70.6 at 896 and 71.3 at 960; `npm run bench:model` at 960: 419 / 450 ms.
 */
const ONE_SCALE = 960;

/** Keeps what training needs of a generated single-object image. */
function labelled(im: LabelledImage): LabelledImage {
  return { width: im.width, height: im.height, data: im.data, categoryId: im.categoryId };
}

function log(line: string): void {
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
}

async function main(): Promise<void> {
  const { recipe, smoke, noSpp, name, out, work, cacheChunks } = parseTrainArgs(process.argv.slice(2));
  // The smoke run is part of npm test: it always starts from scratch, so every stage really runs.
  if (smoke) fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  const recipeFile = path.join(work, 'recipe.json');
  if (fs.existsSync(recipeFile) && fs.readFileSync(recipeFile, 'utf8') !== JSON.stringify(recipe)) {
    throw new Error(`${work} holds checkpoints of another recipe (${recipeFile}); delete it or pass another --work`);
  }
  fs.writeFileSync(recipeFile, JSON.stringify(recipe));
  log(`recipe ${JSON.stringify(recipe)}; work ${work}; out ${out}`);

  await initNodeBackend('wasm');
  const atlas = await loadAtlasNode();
  const photos = await loadBackgroundsNode();
  const spec: SppNetSpec = { ...ZF5_SMALL, levels: recipe.levels, clsInput: recipe.clsInput };
  assertSpec(spec);
  const norm = DEFAULT_NORMALIZATION;
  /** The shipped spec: `spec` plus the classification branch when stage 4 trains one. */
  let clsSpec: SppNetSpec = spec;
  const params: Record<string, tf.Variable> = {};
  for (const [k, t] of Object.entries(initParams(spec, 7))) {
    params[k] = tf.variable(t, true, k);
    t.dispose();
  }
  if (recipe.init) await warmStart(params, recipe.init);
  const t0 = Date.now();
  const timings: Record<string, number> = {};
  // The detection scenes (stage 2) and how they are cached: conv maps up to the first layer detection fine-tunes.
  const base = recipe.sizes[0];
  const tailFrom = spec.conv.length - recipe.detTuneConv;
  const windows = detectionWindowOptions({ proposals: recipeProposals(recipe) });
  /** Training scene i of the detection stage: the training split's scene detScenesFrom + i. */
  const detSceneIndex = (i: number): number => (recipe.detScenesFrom ?? 0) + i;
  const detectionScene = (i: number): DetectionScene => {
    const scene = generateScene(sceneSeed('train', detSceneIndex(i)), atlas, { photos });
    return {
      image: scene,
      gtBoxes: Float32Array.from(scene.objects.flatMap((o) => [o.bbox[0], o.bbox[1], o.bbox[0] + o.bbox[2], o.bbox[1] + o.bbox[3]])),
      gtClasses: Int32Array.from(scene.objects.map((o) => o.categoryId)),
      proposals: selectiveSearch(scene, { mode: recipe.proposalMode, seed: detSceneIndex(i), ...windows }),
    };
  };
  const cacheOptions = { scales: SCALES, defaultScale: recipe.detTrainScale, trainArea: base * base, bboxStd: BBOX_STD, tailFrom, minBoxSide: recipe.detMinBoxSide };
  /** Caches chunk c's scenes after the `have` it already holds (all of them up to --det-scenes), saves its file and returns them. */
  const fillChunk = async (c: number, have: CachedScene[] = []): Promise<CachedScene[]> => {
    const t = Date.now();
    const part = have.slice();
    for (let i = c * SCENE_CHUNK + part.length; i < Math.min((c + 1) * SCENE_CHUNK, recipe.detScenes); i++) part.push(cacheScene(spec, params, norm, detectionScene(i), cacheOptions));
    await saveSceneCache(path.join(work, `scenes-${c}.ckpt`), part);
    log(`det: cached scenes ${c * SCENE_CHUNK}-${c * SCENE_CHUNK + part.length - 1} of ${recipe.detScenes} (${((Date.now() - t) / 1000).toFixed(0)} s)`);
    return part;
  };
  if (cacheChunks) {
    // Fill part of the scene cache and stop (another process may be filling the rest); chunks already there are kept.
    for (let c = cacheChunks[0]; c <= cacheChunks[1]; c++) {
      const file = path.join(work, `scenes-${c}.ckpt`);
      if (fs.existsSync(file)) log(`det: ${file} exists, kept`);
      else await fillChunk(c);
    }
    return;
  }

  // 1. Classification pre-training.
  let t = Date.now();
  log(`cls: generating ${recipe.clsImages} training images ${base}x${base}`);
  const clsTrain: LabelledImage[] = [];
  for (let i = 0; i < (recipe.clsEpochs > 0 ? recipe.clsImages : 0); i++) {
    clsTrain.push(labelled(generateObjectImage(objectSeed('train', i), atlas, { size: base, photos })));
  }
  log(`cls: generated in ${((Date.now() - t) / 1000).toFixed(0)} s`);
  await trainClassifier(params, { spec, norm, images: clsTrain, sizes: recipe.sizes, epochs: recipe.clsEpochs, seed: recipe.clsSeed ?? 11, checkpointFile: path.join(work, 'cls.ckpt'), log });
  clsTrain.length = 0;
  timings.classification = (Date.now() - t) / 1000;
  // The branch (stage 4) starts from the layers detection is about to fine-tune, as classification left them.
  const branchFrom = spec.conv.length - recipe.detTuneConv;
  const beforeDetection: Record<string, tf.Tensor> = {};
  if (recipe.clsBranchSteps > 0 && !recipe.clsFrom && !noSpp) {
    for (const l of spec.conv.slice(branchFrom)) for (const k of ['kernel', 'bias']) beforeDetection[`cls_${l.name}/${k}`] = tf.clone(params[`${l.name}/${k}`]);
  }

  // Two test sets of the same objects' kind: arbitrary size/aspect (the issue's target; SPP sees the
  // full image, the no-SPP ablation sees it warped to base x base) and square base x base images.
  const arbitrary: LabelledImage[] = [];
  const square: LabelledImage[] = [];
  for (let i = 0; i < recipe.clsTestImages; i++) {
    arbitrary.push(labelled(generateObjectImage(objectSeed('test', i), atlas, { arbitrary: true, photos })));
    square.push(labelled(generateObjectImage(objectSeed('test', i), atlas, { size: base, photos })));
  }
  t = Date.now();
  const clsArb = classificationAccuracy(spec, params, norm, arbitrary, base, { warp: noSpp });
  const clsSquare = classificationAccuracy(spec, params, norm, square, base);
  log(`cls: top-1 ${(100 * clsArb.top1).toFixed(2)}% on ${arbitrary.length} arbitrary-size test images (${noSpp ? 'warped' : 'full image'}), ${(100 * clsSquare.top1).toFixed(2)}% on ${square.length} ${base}x${base} (${((Date.now() - t) / 1000).toFixed(0)} s)`);
  const metrics: Record<string, unknown> = {
    classificationTop1: clsArb.top1,
    classificationTestImages: arbitrary.length,
    classificationTestInput: noSpp ? `any size/aspect, warped to ${base}x${base}` : `full image, any size/aspect, min side resized to ${Math.round(base * SINGLE_VIEW[0].scale)} (256/224 of the training side ${base}, as the paper's full-image view)`,
    classificationTop1Square: clsSquare.top1,
    classificationPerClass: clsArb.perClass,
  };

  if (!noSpp) {
    // 2-3. Detection: cache conv5 of training scenes (every scale some window needs), windows from selective search.
    t = Date.now();
    const chunk = SCENE_CHUNK;
    const cached: CachedScene[] = [];
    for (let c = 0; ; c++) {
      const file = path.join(work, `scenes-${c}.ckpt`);
      let part = loadSceneCache(file, spec.conv.length);
      if (!part) break;
      // Scenes cached for a run that fine-tuned more conv layers (e.g. conv3 maps, hard-linked from an earlier
      // run's folder) serve this one once the layers in between are applied with this run's starting weights.
      const bad = part.find((sc) => sc.tailFrom > tailFrom);
      if (bad) throw new Error(`${file}: its scenes hold maps for conv layer ${bad.tailFrom}, this recipe fine-tunes from ${tailFrom} (--det-tune-conv ${recipe.detTuneConv}); use another --work`);
      if (part.some((sc) => sc.tailFrom < tailFrom)) {
        part = part.map((sc) => advanceTail(spec, params, sc, tailFrom));
        await saveSceneCache(file, part);
        log(`det: cached scenes ${cached.length}-${cached.length + part.length - 1} carried up to conv layer ${tailFrom}'s input (${((Date.now() - t) / 1000).toFixed(0)} s)`);
      }
      cached.push(...part);
    }
    if (cached.length) log(`det: ${cached.length} cached scenes loaded`);
    // Scenes cached with another minimum box side: new windows (and labels) on the maps they have.
    for (let c = 0; c * chunk < Math.min(cached.length, recipe.detScenes); c++) {
      const part = cached.slice(c * chunk, (c + 1) * chunk);
      if (part.every((sc) => (sc.minBoxSide ?? DEFAULT_MIN_BOX_SIDE) === windows.minBoxSide)) continue;
      for (let j = 0; j < part.length; j++) {
        const i = c * chunk + j;
        cached[i] = cacheScene(spec, params, norm, detectionScene(i), { ...cacheOptions, reuseMaps: part[j].maps });
      }
      await saveSceneCache(path.join(work, `scenes-${c}.ckpt`), cached.slice(c * chunk, (c + 1) * chunk));
      log(`det: new windows (min side ${windows.minBoxSide}) for cached scenes ${c * chunk}-${c * chunk + part.length - 1} (${((Date.now() - t) / 1000).toFixed(0)} s)`);
    }
    // Scenes cached with another 1-scale map: the map at --det-train-scale added (or picked) in place.
    const staleDefault = (sc: CachedScene): boolean => sc.maps[sc.defaultMap].s !== recipe.detTrainScale;
    for (let c = 0; c * chunk < Math.min(cached.length, recipe.detScenes); c++) {
      const from = c * chunk;
      const to = Math.min((c + 1) * chunk, cached.length, recipe.detScenes);
      let changed = false;
      for (let i = from; i < to; i++) {
        if (!staleDefault(cached[i])) continue;
        cached[i] = withDefaultScale(spec, params, norm, cached[i], generateScene(sceneSeed('train', detSceneIndex(i)), atlas, { photos }), recipe.detTrainScale);
        changed = true;
      }
      if (!changed) continue;
      await saveSceneCache(path.join(work, `scenes-${c}.ckpt`), cached.slice(from, Math.min((c + 1) * chunk, cached.length)));
      log(`det: 1-scale map at s = ${recipe.detTrainScale} for cached scenes ${from}-${to - 1} (${((Date.now() - t) / 1000).toFixed(0)} s)`);
    }
    while (cached.length < recipe.detScenes) {
      const c = Math.floor(cached.length / chunk);
      cached.push(...(await fillChunk(c, cached.splice(c * chunk))));
    }
    timings.detectionCache = (Date.now() - t) / 1000;
    t = Date.now();
    // A work folder may hold more cached scenes than this recipe's --det-scenes (hard-linked from a bigger run):
    // train on the first detScenes only, the ones the loops above brought to this recipe's windows and 1-scale map.
    const trainScenes = cached.length > recipe.detScenes ? cached.slice(0, recipe.detScenes) : cached;
    if (trainScenes !== cached) log(`det: training on the first ${trainScenes.length} of ${cached.length} cached scenes (--det-scenes)`);
    await trainDetector(params, { spec, scenes: trainScenes, iterations: recipe.detIters, multiScaleFraction: recipe.detMultiScale, mineAt: recipe.mineAt, learningRate: recipe.detLearningRate, scaleJitter: recipe.detScaleJitter, dropout: recipe.detDropout, seed: 21, checkpointFile: path.join(work, 'det.ckpt'), log });
    timings.detection = (Date.now() - t) / 1000;
    t = Date.now();
    await trainBboxRegressor(params, { spec, scenes: trainScenes, iterations: recipe.bboxIters, multiScaleFraction: recipe.detMultiScale, scaleJitter: recipe.detScaleJitter, learningRate: 1e-3, seed: 31, checkpointFile: path.join(work, 'bbox.ckpt'), log });
    timings.bboxRegression = (Date.now() - t) / 1000;
    cached.length = 0;

    // 4. Detection fine-tuning moved fc6/fc7 (and the last conv layers), which the 20-way classifier reads
    // too: train a classification branch with the head, or refit the head on the final features (whole
    // training images of any size/aspect); then measure classify() of the shipped weights.
    t = Date.now();
    let fit: { first: number; last: number };
    let refitInfo: Record<string, unknown>;
    if (recipe.clsFrom) {
      const source = await decodeModelFiles(diskReader(recipe.clsFrom), recipe.clsFrom);
      const kept = copyClassificationPath(params, source, spec, branchFrom);
      tf.dispose(Object.values(source.params));
      log(`cls: classification branch and head copied from ${recipe.clsFrom} (${kept.copied} tensors, reads ${kept.spec.clsInput?.join(', ')})`);
      clsSpec = kept.spec;
      fit = { first: NaN, last: NaN };
      refitInfo = { copiedFrom: recipe.clsFrom, branchFrom: clsSpec.clsBranch, input: clsSpec.clsInput, tensors: kept.copied };
    } else if (recipe.clsBranchSteps > 0) {
      // The head reads the branch alone: on held-out images that beat the branch beside pooled, fc6 and fc7
      // (session 10: 90.9% / 94.6% against 89.8% / 93.1%, single view / 8 views).
      clsSpec = { ...spec, clsBranch: branchFrom, clsInput: ['branch'] };
      assertSpec(clsSpec);
      const fresh = initParams(clsSpec, 41);
      for (const k of ['cls/kernel', 'cls/bias']) {
        params[k].dispose();
        params[k] = tf.variable(fresh[k], true, k);
      }
      for (const [k, v] of Object.entries(beforeDetection)) params[k] = tf.variable(v, true, k);
      tf.dispose([...Object.values(fresh), ...Object.values(beforeDetection)]);
      const history = await trainClsBranch(params, { spec: clsSpec, norm, image: (i) => labelled(generateObjectImage(objectSeed('train', BRANCH_IMAGES_FROM + i), atlas, { arbitrary: true, photos })), steps: recipe.clsBranchSteps, batchSize: recipe.clsBranchBatch, trainSide: base, seed: 41, checkpointFile: path.join(work, 'cls-branch.ckpt'), log });
      fit = { first: history[0]?.loss ?? NaN, last: history[history.length - 1]?.loss ?? NaN };
      refitInfo = { branchFrom, steps: recipe.clsBranchSteps, batch: recipe.clsBranchBatch, images: recipe.clsBranchSteps * recipe.clsBranchBatch, input: clsSpec.clsInput };
    } else {
      const refit: LabelledImage[] = [];
      for (let i = 0; i < recipe.clsRefitImages; i++) {
        refit.push(labelled(generateObjectImage(objectSeed('train', i), atlas, { arbitrary: true, photos })));
      }
      fit = await refitClassifierHead(params, { spec, norm, images: refit, minSide: base, views: recipe.clsRefitViews === 'multi' ? MULTI_VIEWS : SINGLE_VIEW, seed: 41, checkpointFile: path.join(work, 'cls-refit.ckpt'), log });
      refitInfo = { images: refit.length, views: recipe.clsRefitViews, input: recipe.clsInput };
    }
    timings.classifierRefit = (Date.now() - t) / 1000;
    const arb = classificationAccuracy(clsSpec, params, norm, arbitrary, base);
    const sq = classificationAccuracy(clsSpec, params, norm, square, base);
    const multi = classificationAccuracy(clsSpec, params, norm, arbitrary, base, { views: MULTI_VIEWS });
    log(`cls: shipped weights (after detection + refit): top-1 ${(100 * arb.top1).toFixed(2)}% on ${arbitrary.length} arbitrary-size test images (${(100 * multi.top1).toFixed(2)}% with classify()'s ${MULTI_VIEWS.length} full-image views), ${(100 * sq.top1).toFixed(2)}% on ${base}x${base}`);
    Object.assign(metrics, {
      classificationTop1: arb.top1,
      classificationTop1MultiView: multi.top1,
      classificationTop1Square: sq.top1,
      classificationPerClass: arb.perClass,
      classificationBeforeDetection: { top1: clsArb.top1, top1Square: clsSquare.top1 },
      classifierRefit: { ...refitInfo, lossFirst: fit.first, lossLast: fit.last },
    });
  }

  // 5. Write the model, then evaluate it through the same runDetector the app uses.
  const manifestBase: Omit<ModelManifest, 'sha256' | 'format' | 'stride'> = {
    name,
    spec: clsSpec,
    classes: EMOJI_VOC_CLASSES.map((c) => ({ id: c.id, name: c.name, emoji: c.emoji })),
    padding: spec.conv.map((l) => Math.floor(l.kernel / 2)),
    normalization: { mean: [...norm.mean], std: [...norm.std] },
    scales: SCALES,
    defaultScaleIndex: DEFAULT_SCALE_INDEX,
    oneScale: ONE_SCALE,
    trainArea: base * base,
    bboxStd: BBOX_STD,
    proposals: recipeProposals(recipe),
    recipe: { ...recipe, smoke, optimizer: 'Adam, cosine decay', trainedOn: 'Emoji-VOC (src/data), seeds per src/data/splits.ts', backend: 'tfjs-backend-wasm 4.22 in Node, 1 thread' },
    metrics: {},
  };
  const frozen: Record<string, tf.Tensor> = { ...params };
  const writeModel = async (m: Record<string, unknown>): Promise<void> => {
    const files = await encodeModelFiles(frozen, { ...manifestBase, metrics: m });
    fs.mkdirSync(out, { recursive: true });
    for (const [f, content] of Object.entries(files)) fs.writeFileSync(path.join(out, f), content);
    log(`wrote ${out} (${Object.entries(files).map(([f, c]) => `${f} ${typeof c === 'string' ? c.length : c.byteLength} B`).join(', ')})`);
  };
  if (!noSpp) {
    // The weights are final here: written first (without the test figures) so other sets can be evaluated meanwhile.
    await writeModel({ ...metrics, trainingSeconds: { ...timings }, evaluation: 'pending: the test split is being evaluated' });
    t = Date.now();
    const ev = await evaluateDetector({ manifest: { ...manifestBase, format: 'sppnet-web/1', stride: 16, sha256: {} }, params: frozen }, atlas, photos, {
      scenes: recipe.testScenes, split: 'test', proposalMode: 'fast', log, variants: smoke ? ['1-scale'] : ['1-scale', '5-scale', '1-scale, no bbox reg'],
    });
    Object.assign(metrics, ev);
    timings.evaluation = (Date.now() - t) / 1000;
  }
  timings.total = (Date.now() - t0) / 1000;
  metrics.trainingSeconds = timings;
  await writeModel(metrics);
  log(`metrics ${JSON.stringify(metrics)}`);
}

/** Copies every parameter of a model folder (model.json + weights.bin) or a checkpoint into `params`. */
async function warmStart(params: Record<string, tf.Variable>, from: string): Promise<void> {
  let source: Record<string, tf.Tensor>;
  if (fs.statSync(from).isDirectory()) {
    source = (await decodeModelFiles(diskReader(from), from)).params;
  } else {
    const ck = loadCheckpoint<unknown>(from);
    if (!ck) throw new Error(`--init ${from}: not a training checkpoint`);
    source = Object.fromEntries(Object.entries(ck.tensors).filter(([k]) => k.startsWith('param/')).map(([k, t]) => [k.slice(6), t]));
  }
  let copied = 0;
  for (const [name, v] of Object.entries(params)) {
    const t = source[name];
    if (!t) continue;
    if (t.shape.join('x') !== v.shape.join('x')) {
      // A head on other features (SppNetSpec.clsInput) starts afresh; the recipe refits it (stage 4).
      if (name.startsWith('cls/')) {
        log(`init: ${name} is [${t.shape}] in ${from}, this recipe's head reads [${v.shape[0]}] features: not copied`);
        continue;
      }
      throw new Error(`--init ${from}: ${name} is [${t.shape}], the model needs [${v.shape}]`);
    }
    v.assign(t);
    copied++;
  }
  tf.dispose(Object.values(source));
  if (copied === 0) throw new Error(`--init ${from}: holds none of the model's parameters`);
  log(`init: ${copied}/${Object.keys(params).length} parameters from ${from}`);
}

main().catch((e: unknown) => {
  console.error(`train: ${(e as Error).message}`);
  process.exit(1);
});
