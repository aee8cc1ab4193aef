// npm run refit:cls -- --model DIR --out DIR [--cls-input pooled,fc6,fc7] [--views single|multi] [--images N] [--test-images N]
//                      [--branch-from L --branch-init DIR --branch-steps N --branch-batch B --branch-lr R]
//                      [--continue] [--branch-images-from I] [--branch-sides a,b,...]
// Refits only the 20-way classification head of a trained model (the recipe's stage 4) on the features
// SppNetSpec.clsInput names, and writes a copy of the model with the new head. Every other tensor is
// copied unchanged (checked byte for byte), so the detection metrics in the manifest still hold; the
// classification metrics are measured anew on the test split, one full-image view and classify()'s views.
// With --branch-from L the classification path gets its own copy of conv layers L.. (SppNetSpec.clsBranch;
// 0-based, 3 = conv4 and conv5), started from those layers of --branch-init (a model whose conv layers were
// trained for classification; default: this model's), and the branch and the head (which then also reads
// 'branch') are trained together on N x B new whole images (trainClsBranch) instead of the refit.
// --continue starts the branch and the head from the model's own (it must have that branch and head
// already); --branch-images-from picks other training images for it (default 20,000; the held-out range
// 100,000-199,999 is refused); --branch-sides trains on full-image views at these min sides (each plain and
// mirrored, one drawn at random per image) instead of classify()'s 8 (MULTI_VIEWS).
import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { type ClsFeature, MULTI_VIEWS, SINGLE_VIEW, assertSpec, decodeModelFiles, encodeModelFiles, initParams, type SppNetSpec, viewsAtSides } from '../model';
import { generateObjectImage, objectSeed } from '../data';
import { loadAtlasNode } from '../data/node/loadAtlasNode';
import { loadBackgroundsNode } from '../data/node/loadBackgroundsNode';
import { initNodeBackend } from './nodeBackend';
import { parseArgs } from './cliArgs';
import { diskReader } from './nodeFiles';
import { type LabelledImage, classificationAccuracy, refitClassifierHead } from './trainClassifier';
import { BRANCH_IMAGES_FROM, trainClsBranch } from './trainClsBranch';

/** Training-split images eval:cls --split heldout may use (it starts at 100,000); branch training stays out of them. */
const HELDOUT_FROM = 100_000;
const HELDOUT_END = 200_000;

function log(line: string): void {
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), { flags: ['continue'], values: ['model', 'out', 'cls-input', 'views', 'images', 'test-images', 'work', 'branch-from', 'branch-init', 'branch-steps', 'branch-batch', 'branch-lr', 'branch-images-from', 'branch-sides'] });
  const modelDir = path.resolve(args.value('model') ?? 'models/emoji-voc-zf5');
  const outArg = args.value('out');
  if (!outArg) throw new Error('--out DIR is required (the model folder to write)');
  const out = path.resolve(outArg);
  const views = args.value('views') ?? 'multi';
  if (views !== 'single' && views !== 'multi') throw new Error(`--views takes single or multi, got '${views}'`);
  const nImages = args.number('images', 6000);
  const nTest = args.number('test-images', 1000);
  await initNodeBackend('wasm');
  const { manifest, params: loaded } = await decodeModelFiles(diskReader(modelDir), modelDir);
  const branchFrom = args.value('branch-from') === undefined ? undefined : args.number('branch-from', 0);
  const clsInput = (args.value('cls-input')?.split(',') ?? (branchFrom === undefined ? ['pooled', 'fc6', 'fc7'] : ['pooled', 'fc6', 'fc7', 'branch'])) as ClsFeature[];
  const { clsBranch: _oldBranch, ...base } = manifest.spec;
  const spec: SppNetSpec = { ...base, clsInput, ...(branchFrom === undefined ? {} : { clsBranch: branchFrom }) };
  assertSpec(spec);
  const branch = branchFrom === undefined ? null : { steps: args.number('branch-steps', 3000), batch: args.number('branch-batch', 16), lr: args.number('branch-lr', 3e-4), init: path.resolve(args.value('branch-init') ?? modelDir), imagesFrom: args.number('branch-images-from', BRANCH_IMAGES_FROM) };
  const branchSides = args.sides('branch-sides');
  if (branchSides.length && !branch) throw new Error('--branch-sides needs --branch-from (it picks the views the branch is trained on)');
  const cont = args.flags.has('continue');
  if (cont && !(branch && manifest.spec.clsBranch === branchFrom && JSON.stringify(manifest.spec.clsInput) === JSON.stringify(clsInput))) {
    throw new Error(`--continue: ${modelDir} must already have the branch and head asked for (clsBranch ${String(branchFrom)}, clsInput ${clsInput.join(',')}); it has clsBranch ${String(manifest.spec.clsBranch)}, clsInput ${(manifest.spec.clsInput ?? ['fc7']).join(',')}`);
  }
  if (branch && branch.imagesFrom < HELDOUT_END && branch.imagesFrom + branch.steps * branch.batch > HELDOUT_FROM) {
    throw new Error(`--branch-images-from ${branch.imagesFrom}: images ${branch.imagesFrom}..${branch.imagesFrom + branch.steps * branch.batch - 1} reach into the held-out range ${HELDOUT_FROM}..${HELDOUT_END - 1} (eval:cls --split heldout)`);
  }
  const work = path.resolve(args.value('work') ?? path.join('.cache', 'refit-cls', path.basename(out)));
  fs.mkdirSync(work, { recursive: true });
  const ckpt = path.join(work, branch ? `cls-branch-${branchFrom}-${clsInput.join('+')}-${branch.steps}x${branch.batch}${branchSides.length ? `-sides${branchSides.join('_')}` : ''}${cont ? '-continued' : ''}.ckpt` : `cls-refit-${clsInput.join('+')}-${views}-${nImages}.ckpt`);

  // The old head (and branch) is dropped; a fresh head of the new width (N(0, 0.01), as initParams) is
  // fitted; the branch starts from --branch-init's copy of the layers it duplicates. --continue keeps both.
  const fresh = initParams(spec, 41);
  // The branch's source: another model's tensors, or this model's own (already decoded) when --branch-init is left out.
  const init = !branch || cont ? {} : branch.init === modelDir ? loaded : (await decodeModelFiles(diskReader(branch.init), branch.init)).params;
  const trained = (name: string): boolean => name.startsWith('cls/') || name.startsWith('cls_');
  const params: Record<string, tf.Variable> = {};
  for (const name of Object.keys(fresh)) {
    const source = cont ? loaded[name] : name.startsWith('cls_') ? init[name.slice('cls_'.length)] : name.startsWith('cls/') ? fresh[name] : loaded[name];
    if (!source) throw new Error(`refit:cls: no tensor for ${name}${name.startsWith('cls_') ? ` in ${branch?.init}` : ''}`);
    params[name] = tf.variable(source, trained(name), name);
  }
  tf.dispose([...Object.values(fresh), ...(init === loaded ? [] : Object.values(init))]);
  const atlas = await loadAtlasNode();
  const photos = await loadBackgroundsNode();
  const trainSide = Math.round(Math.sqrt(manifest.trainArea));
  const branchViews = branchSides.length ? viewsAtSides(branchSides, trainSide) : MULTI_VIEWS;
  const viewsText = branchSides.length ? `one random full-image view per image: min side ${branchSides.join('/')}, each plain or mirrored` : "one random view of classify()'s per image";
  const gen = (seed: number): LabelledImage => {
    const im = generateObjectImage(seed, atlas, { arbitrary: true, photos });
    return { width: im.width, height: im.height, data: im.data, categoryId: im.categoryId };
  };
  const t0 = Date.now();
  let fit: { first: number; last: number };
  if (branch) {
    const history = await trainClsBranch(params, { spec, norm: manifest.normalization, image: (i) => gen(objectSeed('train', branch.imagesFrom + i)), steps: branch.steps, batchSize: branch.batch, learningRate: branch.lr, trainSide, views: branchViews, seed: 41, checkpointFile: ckpt, log });
    fit = { first: history[0]?.loss ?? NaN, last: history[history.length - 1]?.loss ?? NaN };
  } else {
    const images = Array.from({ length: nImages }, (_, i) => gen(objectSeed('train', i)));
    fit = await refitClassifierHead(params, { spec, norm: manifest.normalization, images, minSide: trainSide, views: views === 'multi' ? MULTI_VIEWS : SINGLE_VIEW, seed: 41, checkpointFile: ckpt, log });
  }
  const refitSeconds = (Date.now() - t0) / 1000;

  // Each variable started on its loaded tensor's data; an assign() gives the variable new data and leaves
  // the loaded tensor as it was, so this compares the written tensors with the file's.
  for (const [name, t] of Object.entries(loaded)) {
    if (trained(name)) continue;
    const a = t.dataSync(), b = params[name].dataSync();
    if (a.length !== b.length || a.some((v, i) => v !== b[i])) throw new Error(`refit:cls: ${name} changed; only the classification head may`);
  }
  const test = Array.from({ length: nTest }, (_, i) => gen(objectSeed('test', i)));
  const single = classificationAccuracy(spec, params, manifest.normalization, test, trainSide);
  const multi = classificationAccuracy(spec, params, manifest.normalization, test, trainSide, { views: MULTI_VIEWS });
  const square = classificationAccuracy(spec, params, manifest.normalization, test.map((_, i) => {
    const im = generateObjectImage(objectSeed('test', i), atlas, { size: trainSide, photos });
    return { width: im.width, height: im.height, data: im.data, categoryId: im.categoryId };
  }), trainSide);
  log(`refit:cls: top-1 ${(100 * single.top1).toFixed(2)}% single view, ${(100 * multi.top1).toFixed(2)}% with ${MULTI_VIEWS.length} views, ${(100 * square.top1).toFixed(2)}% on ${trainSide}x${trainSide} (${nTest} test images; was ${(100 * Number(manifest.metrics.classificationTop1)).toFixed(2)}% / ${(100 * Number(manifest.metrics.classificationTop1MultiView)).toFixed(2)}%)`);

  const before = { top1: manifest.metrics.classificationTop1, top1MultiView: manifest.metrics.classificationTop1MultiView, clsInput: manifest.spec.clsInput ?? ['fc7'] };
  const step = branch
    ? `npm run refit:cls -- --model ${path.relative(process.cwd(), modelDir)} --branch-from ${branchFrom} --branch-init ${path.relative(process.cwd(), branch.init)} --branch-steps ${branch.steps} --branch-batch ${branch.batch} --branch-lr ${branch.lr} --branch-images-from ${branch.imagesFrom}${branchSides.length ? ` --branch-sides ${branchSides.join(',')}` : ''} --cls-input ${clsInput.join(',')}${cont ? ' --continue' : ''}: ${cont ? "the model's classification branch and head trained further" : `a classification branch (conv layers ${branchFrom}.. copied from the init model) and the head trained`} on new whole images; every other tensor unchanged`
    : `npm run refit:cls -- --model ${path.relative(process.cwd(), modelDir)} --cls-input ${clsInput.join(',')} --views ${views} --images ${nImages}: the classification head alone refitted on the model's final features; every other tensor unchanged`;
  // A continued branch keeps the record of how it was started.
  const recipe = { ...manifest.recipe, classifierRefit: cont ? `${String(manifest.recipe.classifierRefit)}; then ${step}` : step };
  const metrics = {
    ...manifest.metrics,
    classificationTop1: single.top1,
    classificationTop1MultiView: multi.top1,
    classificationTop1Square: square.top1,
    classificationPerClass: single.perClass,
    classificationTestImages: nTest,
    classifierRefit: branch
      ? { ...(cont ? { continuing: manifest.metrics.classifierRefit } : {}), branchFrom, branchInit: cont ? 'continued from the model itself' : path.relative(process.cwd(), branch.init), imagesFrom: branch.imagesFrom, steps: branch.steps, batch: branch.batch, learningRate: branch.lr, images: branch.steps * branch.batch, views: viewsText, input: clsInput, lossFirst: fit.first, lossLast: fit.last, seconds: refitSeconds, before }
      : { images: nImages, views, input: clsInput, lossFirst: fit.first, lossLast: fit.last, seconds: refitSeconds, before },
  };
  const { sha256: _sha, format: _format, stride: _stride, ...rest } = manifest;
  const files = await encodeModelFiles(params, { ...rest, spec, recipe, metrics });
  fs.mkdirSync(out, { recursive: true });
  for (const [f, content] of Object.entries(files)) fs.writeFileSync(path.join(out, f), content);
  log(`wrote ${out} (${Object.entries(files).map(([f, c]) => `${f} ${typeof c === 'string' ? c.length : c.byteLength} B`).join(', ')})`);
  tf.dispose([...Object.values(loaded), ...Object.values(params)]);
}

main().catch((e: unknown) => {
  console.error(`refit:cls: ${(e as Error).message}`);
  process.exit(1);
});
