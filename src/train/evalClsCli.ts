// npm run eval:cls -- [--model models/emoji-voc-zf5] [--images 1000] [--split test|heldout] [--extra-sides 160,192]
//   [--out result.json]
// Classification top-1 of a trained model on single-object images of any size and aspect (the issue's
// test: full image, no crop or warp), for several sets of full-image views: the paper's single view,
// its mirror, each size alone, and the averages classify() can use (MULTI_VIEWS is its default).
// --split heldout uses training-split images from index 100,000 on, which no training run has used
// (runs drew at most 16,000): choose views there, report them on test. --extra-sides adds single views at
// other min sides (each plain and mirrored) as rows of their own.
import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { type FullImageView, MULTI_VIEWS, SINGLE_VIEW, classifyFullImage, decodeModelFiles, viewsAtSides } from '../model';
import { generateObjectImage, objectSeed } from '../data';
import { loadAtlasNode } from '../data/node/loadAtlasNode';
import { loadBackgroundsNode } from '../data/node/loadBackgroundsNode';
import { initNodeBackend } from './nodeBackend';
import { parseArgs } from './cliArgs';
import { diskReader } from './nodeFiles';

const HELDOUT_OFFSET = 100_000;
const SIDES = [116, 144, 176, 208];

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), { flags: [], values: ['model', 'images', 'split', 'out', 'extra-sides'] });
  const split = args.value('split') ?? 'test';
  if (split !== 'test' && split !== 'heldout') throw new Error(`--split must be test or heldout, got '${split}'`);
  const n = args.number('images', 1000);
  const modelDir = path.resolve(args.value('model') ?? 'models/emoji-voc-zf5');
  await initNodeBackend('wasm');
  const { manifest, params } = await decodeModelFiles(diskReader(modelDir), modelDir);
  const atlas = await loadAtlasNode();
  const photos = await loadBackgroundsNode();
  const trainSide = Math.round(Math.sqrt(manifest.trainArea));
  // Every view once per image; the sets below are averages of these.
  const extra = args.sides('extra-sides');
  const viewsAt = (sides: readonly number[]): FullImageView[] => viewsAtSides(sides, trainSide);
  const views = viewsAt(SIDES);
  const extraViews = viewsAt(extra.filter((side) => !SIDES.includes(side)));
  const key = (v: FullImageView): string => `${Math.round(v.scale * trainSide)}${v.flip ? 'm' : ''}`;
  // Every view some row reads, once each.
  const computed = [...new Map([...views, ...extraViews, ...SINGLE_VIEW].map((v) => [key(v), v])).values()];
  const candidates: Record<string, string[]> = {
    'single view (the paper\'s full image)': SINGLE_VIEW.map(key),
    ...Object.fromEntries([...views, ...extraViews].filter((v) => !SINGLE_VIEW.some((s) => key(s) === key(v))).map((v) => [`min side ${Math.round(v.scale * trainSide)}${v.flip ? ', mirrored' : ''}`, [key(v)]])),
    [`${trainSide} + mirror`]: [key({ scale: 1, flip: false }), key({ scale: 1, flip: true })],
    [`${SIDES.slice(0, 3).join(', ')} + mirrors`]: views.filter((v) => v.scale * trainSide <= SIDES[2] + 0.5).map(key),
    [`${SIDES.join(', ')} + mirrors`]: views.map(key),
    'MULTI_VIEWS (classify() default)': MULTI_VIEWS.map(key),
  };
  // A set listed twice under two names (MULTI_VIEWS is one of the sets above today) is one row with both names.
  const sets: Record<string, string[]> = {};
  const nameOf = new Map<string, string>();
  for (const [name, keys] of Object.entries(candidates)) {
    const id = [...keys].sort().join(',');
    const seen = nameOf.get(id);
    if (seen === undefined) {
      nameOf.set(id, name);
      sets[name] = keys;
    } else {
      const merged = `${seen} = ${name}`;
      delete sets[seen];
      sets[merged] = keys;
      nameOf.set(id, merged);
    }
  }
  const correct = Object.fromEntries(Object.keys(sets).map((k) => [k, 0]));
  const t0 = Date.now();
  for (let i = 0; i < n; i++) {
    const seed = split === 'test' ? objectSeed('test', i) : objectSeed('train', HELDOUT_OFFSET + i);
    const im = generateObjectImage(seed, atlas, { arbitrary: true, photos });
    const probs = new Map<string, Float32Array>();
    for (const v of computed) {
      const p = classifyFullImage(manifest.spec, params, manifest.normalization, im, trainSide, [v]);
      probs.set(key(v), p.dataSync() as Float32Array);
      p.dispose();
    }
    for (const [name, keys] of Object.entries(sets)) {
      const sum = new Float32Array(manifest.classes.length);
      for (const k of keys) {
        const p = probs.get(k);
        if (!p) throw new Error(`eval:cls: view ${k} was not computed`);
        p.forEach((v, j) => (sum[j] += v));
      }
      let best = 0;
      for (let j = 1; j < sum.length; j++) if (sum[j] > sum[best]) best = j;
      if (best === im.categoryId - 1) correct[name]++;
    }
    if ((i + 1) % 200 === 0) console.error(`eval:cls: ${i + 1}/${n} images, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  }
  const rows = Object.entries(correct).map(([name, c]) => ({ views: name, count: sets[name].length, top1: c / Math.max(n, 1) }));
  console.log(`${n} single-object images of any size/aspect (${split === 'test' ? 'test split' : `held-out training-split images ${HELDOUT_OFFSET}..${HELDOUT_OFFSET + n - 1}`}), model ${modelDir}`);
  console.log('| views | n | top-1 |\n|---|---|---|');
  for (const r of rows) console.log(`| ${r.views} | ${r.count} | ${(100 * r.top1).toFixed(1)}% |`);
  const out = args.value('out');
  if (out) {
    fs.writeFileSync(out, JSON.stringify({ model: modelDir, split, images: n, rows }, null, 2));
    console.log(`wrote ${out}`);
  }
  tf.dispose(Object.values(params));
}

main().catch((e: unknown) => {
  console.error(`eval:cls: ${(e as Error).message}`);
  process.exit(1);
});
