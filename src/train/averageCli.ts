// npm run average -- --models DIR,DIR[,DIR...] --out DIR
// Weight averaging: writes a model whose every tensor is the element-wise mean of that tensor in the given
// models (runs that started from one model and share its frozen layers; see averageParams). Tensors equal in
// every model are copied byte for byte. The models must agree on everything the manifest says about how the
// tensors are used (spec, classes, normalisation, scales, proposals, box-target scaling). The detection
// figures of the result are not measured here: the manifest keeps the first model's classification metrics
// only when no classification tensor was averaged, and drops its detection metrics; measure them with
// `npm run eval -- --split test --model DIR --write-metrics`.
import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { decodeModelFiles, encodeModelFiles, type ModelManifest } from '../model';
import { initNodeBackend } from './nodeBackend';
import { parseArgs } from './cliArgs';
import { diskReader } from './nodeFiles';
import { averageParams } from './averageParams';

/** Manifest fields that say how the tensors are read: they must be the same in every averaged model. */
const SAME = ['spec', 'classes', 'padding', 'normalization', 'scales', 'defaultScaleIndex', 'oneScale', 'trainArea', 'bboxStd', 'proposals'] as const;

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), { flags: [], values: ['models', 'out'] });
  const dirs = (args.value('models') ?? '').split(',').filter((d) => d.trim() !== '').map((d) => path.resolve(d));
  const outArg = args.value('out');
  if (dirs.length < 2 || !outArg) throw new Error('usage: npm run average -- --models DIR,DIR[,DIR...] --out DIR (at least two models)');
  const out = path.resolve(outArg);
  if (dirs.includes(out)) throw new Error(`--out ${out} is one of the models being averaged`);
  await initNodeBackend('wasm');
  const models: Array<{ dir: string; manifest: ModelManifest; params: Record<string, tf.Tensor> }> = [];
  for (const dir of dirs) {
    if (!fs.existsSync(path.join(dir, 'manifest.json'))) throw new Error(`${dir}: no manifest.json (not a model folder)`);
    models.push({ dir, ...(await decodeModelFiles(diskReader(dir), dir)) });
  }
  const first = models[0].manifest;
  for (const m of models.slice(1)) {
    for (const k of SAME) {
      if (JSON.stringify(m.manifest[k]) !== JSON.stringify(first[k])) throw new Error(`${m.dir}: manifest ${k} differs from ${models[0].dir}'s; only models that read their tensors the same way can be averaged`);
    }
  }
  const { params, averaged } = averageParams(models.map((m) => m.params));
  const clsAveraged = averaged.some((n) => n.startsWith('cls/') || n.startsWith('cls_'));
  const keep = ['classificationTop1', 'classificationTop1Square', 'classificationPerClass', 'classificationTop1MultiView', 'classifierRefit'];
  const metrics = clsAveraged ? {} : Object.fromEntries(Object.entries(first.metrics).filter(([k]) => keep.includes(k)));
  const recipe = {
    averageOf: models.map((m) => ({ dir: path.relative(process.cwd(), m.dir), recipe: m.manifest.recipe })),
    averaged,
    note: 'element-wise mean of the averaged tensors over the models; every other tensor byte for byte the first model\'s',
  };
  const { sha256: _sha, format: _format, stride: _stride, ...rest } = first;
  const files = await encodeModelFiles(params, { ...rest, recipe, metrics });
  fs.mkdirSync(out, { recursive: true });
  for (const [f, content] of Object.entries(files)) fs.writeFileSync(path.join(out, f), content);
  console.log(`averaged ${averaged.length} tensors over ${models.length} models (${averaged.join(', ')}); ${Object.keys(params).length - averaged.length} copied unchanged`);
  console.log(`wrote ${out}; detection metrics not measured: npm run eval -- --split test --model ${path.relative(process.cwd(), out)} --write-metrics`);
  tf.dispose([...Object.values(params), ...models.flatMap((m) => Object.values(m.params))]);
}

main().catch((e: unknown) => {
  console.error(`average: ${(e as Error).message}`);
  process.exit(1);
});
