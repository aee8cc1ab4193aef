// npm run refit:cls -- --model DIR --out DIR [--cls-input pooled,fc6,fc7] [--views single|multi] [--images N] [--test-images N]
// Refits only the 20-way classification head of a trained model (the recipe's stage 4) on the features
// SppNetSpec.clsInput names, and writes a copy of the model with the new head. Every other tensor is
// copied unchanged (checked byte for byte), so the detection metrics in the manifest still hold; the
// classification metrics are measured anew on the test split, one full-image view and classify()'s views.
import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { type ClsFeature, MULTI_VIEWS, SINGLE_VIEW, assertSpec, decodeModelFiles, encodeModelFiles, initParams, type SppNetSpec } from '../model';
import { generateObjectImage, objectSeed } from '../data';
import { loadAtlasNode } from '../data/node/loadAtlasNode';
import { loadBackgroundsNode } from '../data/node/loadBackgroundsNode';
import { initNodeBackend } from './nodeBackend';
import { parseArgs } from './cliArgs';
import { diskReader } from './nodeFiles';
import { type LabelledImage, classificationAccuracy, refitClassifierHead } from './trainClassifier';

function log(line: string): void {
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), { flags: [], values: ['model', 'out', 'cls-input', 'views', 'images', 'test-images', 'work'] });
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
  const clsInput = (args.value('cls-input')?.split(',') ?? ['pooled', 'fc6', 'fc7']) as ClsFeature[];
  const spec: SppNetSpec = { ...manifest.spec, clsInput };
  assertSpec(spec);
  const work = path.resolve(args.value('work') ?? path.join('.cache', 'refit-cls', path.basename(out)));
  fs.mkdirSync(work, { recursive: true });
  const ckpt = path.join(work, `cls-refit-${clsInput.join('+')}-${views}-${nImages}.ckpt`);

  // The old head is dropped; a fresh one of the new width (N(0, 0.01), as initParams) is fitted.
  const fresh = initParams(spec, 41);
  const params: Record<string, tf.Variable> = {};
  for (const [name, t] of Object.entries(loaded)) {
    params[name] = tf.variable(name.startsWith('cls/') ? fresh[name] : t, name.startsWith('cls/'), name);
  }
  tf.dispose(Object.values(fresh));
  const atlas = await loadAtlasNode();
  const photos = await loadBackgroundsNode();
  const trainSide = Math.round(Math.sqrt(manifest.trainArea));
  const gen = (seed: number): LabelledImage => {
    const im = generateObjectImage(seed, atlas, { arbitrary: true, photos });
    return { width: im.width, height: im.height, data: im.data, categoryId: im.categoryId };
  };
  const images = Array.from({ length: nImages }, (_, i) => gen(objectSeed('train', i)));
  const t0 = Date.now();
  const fit = await refitClassifierHead(params, { spec, norm: manifest.normalization, images, minSide: trainSide, views: views === 'multi' ? MULTI_VIEWS : SINGLE_VIEW, seed: 41, checkpointFile: ckpt, log });
  const refitSeconds = (Date.now() - t0) / 1000;
  images.length = 0;

  // Each variable started on its loaded tensor's data; an assign() gives the variable new data and leaves
  // the loaded tensor as it was, so this compares the written tensors with the file's.
  for (const [name, t] of Object.entries(loaded)) {
    if (name.startsWith('cls/')) continue;
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
  const recipe = { ...manifest.recipe, classifierRefit: `npm run refit:cls -- --model ${path.relative(process.cwd(), modelDir)} --cls-input ${clsInput.join(',')} --views ${views} --images ${nImages}: the classification head alone refitted on the model's final features; every other tensor unchanged` };
  const metrics = {
    ...manifest.metrics,
    classificationTop1: single.top1,
    classificationTop1MultiView: multi.top1,
    classificationTop1Square: square.top1,
    classificationPerClass: single.perClass,
    classificationTestImages: nTest,
    classifierRefit: { images: nImages, views, input: clsInput, lossFirst: fit.first, lossLast: fit.last, seconds: refitSeconds, before },
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
