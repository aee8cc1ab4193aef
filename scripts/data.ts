// npm run data [-- --out data/emoji-voc --train N --val N --test N --objects-train N --objects-test N
//                  --object-size 144 --no-photos]
// Writes the Emoji-VOC dataset (DATA.md) from its fixed seed splits (src/data/splits.ts):
//   <out>/scenes/<split>/<000000>.png + annotations.json   (COCO-style; train, val, test)
//   <out>/objects/<split>/<000000>.png + labels.json       (train: <object-size> px squares; test: arbitrary size and aspect)
// Same seeds, same atlas and backgrounds -> byte-identical images. Generated data is never committed.
import fs from 'node:fs';
import path from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { toCoco } from '../src/data/coco';
import { generateObjectImage } from '../src/data/generateObjectImage';
import { generateScene, type EmojiScene } from '../src/data/generateScene';
import { loadAtlasNode } from '../src/data/node/loadAtlasNode';
import { loadBackgroundsNode } from '../src/data/node/loadBackgroundsNode';
import { OBJECT_SPLITS, SPLITS, SPLIT_STRIDE, objectSeed, sceneSeed, type ObjectSplit, type SceneSplit } from '../src/data/splits';
import { REPO_ROOT } from './lib/loadImage';

const USAGE = `usage: npm run data -- [--out DIR] [--train N] [--val N] [--test N] [--objects-train N] [--objects-test N] [--object-size PX] [--no-photos]
  defaults: --out data/emoji-voc --train ${SPLITS.train.count} --val ${SPLITS.val.count} --test ${SPLITS.test.count} --objects-train ${OBJECT_SPLITS.train.count} --objects-test ${OBJECT_SPLITS.test.count} --object-size 144`;

function fail(message: string): never {
  console.error(`data: ${message}\n${USAGE}`);
  process.exit(2);
}

/** Parses --name value pairs and bare flags; rejects unknown names and missing values. */
function parseArgs(argv: string[]): Map<string, string> {
  const known = new Set(['out', 'train', 'val', 'test', 'objects-train', 'objects-test', 'object-size', 'no-photos', 'help']);
  const flags = new Set(['no-photos', 'help']);
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--') || !known.has(a.slice(2))) fail(`unknown argument ${JSON.stringify(a)}`);
    const name = a.slice(2);
    if (flags.has(name)) { out.set(name, 'true'); continue; }
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) fail(`--${name} needs a value`);
    out.set(name, v);
    i++;
  }
  return out;
}

function count(args: Map<string, string>, name: string, def: number, min = 0): number {
  const raw = args.get(name);
  if (raw === undefined) return def;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n < min || n > SPLIT_STRIDE) fail(`--${name} must be an integer in [${min}, ${SPLIT_STRIDE}], got ${JSON.stringify(raw)}`);
  return n;
}

const args = parseArgs(process.argv.slice(2));
if (args.has('help')) { console.log(USAGE); process.exit(0); }
const outArg = args.get('out') ?? 'data/emoji-voc';
if (outArg.trim() === '') fail('--out must not be empty');
const OUT = path.resolve(REPO_ROOT, outArg);
if (fs.existsSync(OUT) && !fs.statSync(OUT).isDirectory()) fail(`--out ${OUT} exists and is not a folder`);
if (OUT === REPO_ROOT || OUT === path.parse(OUT).root) fail(`--out ${OUT} would write into the repository root or filesystem root; give a dataset folder`);
const sceneCounts: Record<SceneSplit, number> = {
  train: count(args, 'train', SPLITS.train.count),
  val: count(args, 'val', SPLITS.val.count),
  test: count(args, 'test', SPLITS.test.count),
};
const objectCounts: Record<ObjectSplit, number> = {
  train: count(args, 'objects-train', OBJECT_SPLITS.train.count),
  test: count(args, 'objects-test', OBJECT_SPLITS.test.count),
};
const objectSize = count(args, 'object-size', 144, 8);

try {
  fs.mkdirSync(OUT, { recursive: true });
  fs.accessSync(OUT, fs.constants.W_OK);
} catch (e) {
  fail(`cannot create or write --out ${OUT}: ${(e as Error).message}`);
}

const atlas = await loadAtlasNode();
const photos = args.has('no-photos') ? [] : await loadBackgroundsNode();

/** PNG-encodes RGBA pixels; encoding runs off the main thread while the next image is generated. */
function encodePng(width: number, height: number, data: Uint8ClampedArray): Promise<Buffer> {
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  const image = ctx.createImageData(width, height);
  image.data.set(data);
  ctx.putImageData(image, 0, 0);
  return canvas.encode('png');
}

/** Keeps at most `limit` PNG writes in flight (the encoder's threads work while the next image is drawn). */
function writeQueue(limit = 2): { add(job: Promise<void>): Promise<void>; drain(): Promise<void> } {
  const inFlight = new Set<Promise<void>>();
  return {
    async add(job) {
      const p = job.finally(() => inFlight.delete(p));
      inFlight.add(p);
      while (inFlight.size >= limit) await Promise.race(inFlight);
    },
    async drain() { await Promise.all(inFlight); },
  };
}

const name = (i: number): string => `${String(i).padStart(6, '0')}.png`;
const t0 = performance.now();
const rows: Array<Record<string, string | number>> = [];

for (const split of Object.keys(SPLITS) as SceneSplit[]) {
  const n = sceneCounts[split];
  if (n === 0) continue;
  const dir = path.join(OUT, 'scenes', split);
  fs.mkdirSync(dir, { recursive: true });
  const t = performance.now();
  const entries: Array<{ file_name: string; scene: EmojiScene }> = [];
  const queue = writeQueue();
  let objects = 0;
  for (let i = 0; i < n; i++) {
    const scene = generateScene(sceneSeed(split, i), atlas, { photos });
    objects += scene.objects.length;
    const file = name(i);
    await queue.add(encodePng(scene.width, scene.height, scene.data).then((png) => fs.writeFileSync(path.join(dir, file), png)));
    entries.push({ file_name: file, scene: { ...scene, data: new Uint8ClampedArray(0) } });
  }
  await queue.drain();
  fs.writeFileSync(path.join(dir, 'annotations.json'), JSON.stringify(toCoco(entries)));
  const s = (performance.now() - t) / 1000;
  rows.push({ set: `scenes/${split}`, images: n, objects, seconds: +s.toFixed(1), 'img/s': +(n / s).toFixed(1) });
}

for (const split of Object.keys(OBJECT_SPLITS) as ObjectSplit[]) {
  const n = objectCounts[split];
  if (n === 0) continue;
  const dir = path.join(OUT, 'objects', split);
  fs.mkdirSync(dir, { recursive: true });
  const t = performance.now();
  const labels: Array<{ file_name: string; width: number; height: number; category_id: number; emoji: string; bbox: number[] }> = [];
  const queue = writeQueue();
  for (let i = 0; i < n; i++) {
    const img = generateObjectImage(objectSeed(split, i), atlas, split === 'train' ? { size: objectSize, photos } : { arbitrary: true, photos });
    const file = name(i);
    await queue.add(encodePng(img.width, img.height, img.data).then((png) => fs.writeFileSync(path.join(dir, file), png)));
    labels.push({ file_name: file, width: img.width, height: img.height, category_id: img.categoryId, emoji: img.emoji, bbox: img.bbox });
  }
  await queue.drain();
  fs.writeFileSync(path.join(dir, 'labels.json'), JSON.stringify(labels));
  const s = (performance.now() - t) / 1000;
  rows.push({ set: `objects/${split}`, images: n, objects: n, seconds: +s.toFixed(1), 'img/s': +(n / s).toFixed(1) });
}

console.table(rows);
console.log(`data: wrote ${path.relative(process.cwd(), OUT) || '.'} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
