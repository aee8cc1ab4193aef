// npm run eval -- --images DIR --gt coco.json [--model models/emoji-voc-zf5] [--scales 1|5]
//   [--no-bbox-reg] [--proposals fast|single|quality] [--out detections.json] [--limit N]
// Runs the shipped detector (selective search + SPP-net) on every image of the COCO ground truth,
// prints per-class AP (VOC2007 11-point and all-point) and mAP at IoU 0.5, and writes COCO-style
// detections.
import fs from 'node:fs';
import path from 'node:path';
import { decodeModelFiles } from '../model';
import { selectiveSearch } from '../proposals';
import { runDetector } from '../pipeline/runDetector';
import { initNodeBackend } from './nodeBackend';
import { parseArgs } from './cliArgs';
import { decodeImageFile, diskReader } from './nodeFiles';
import { readCocoGroundTruth, writeCocoDetections } from './eval/cocoIo';
import { type Detection, vocAp } from './eval/vocAp';
import { formatApTable } from './eval/formatApTable';
import { errorBreakdown } from './eval/errorBreakdown';

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), { flags: ['no-bbox-reg'], values: ['images', 'gt', 'model', 'scales', 'out', 'proposals', 'limit'] });
  const imagesDir = args.value('images');
  const gtFile = args.value('gt');
  if (!imagesDir || !gtFile) throw new Error('usage: npm run eval -- --images DIR --gt coco.json [--scales 1|5] [--no-bbox-reg] [--out detections.json]');
  if (!fs.existsSync(imagesDir) || !fs.statSync(imagesDir).isDirectory()) throw new Error(`${imagesDir}: not a directory`);
  const scalesArg = args.value('scales') ?? '1';
  if (scalesArg !== '1' && scalesArg !== '5') throw new Error(`--scales must be 1 or 5, got '${scalesArg}'`);
  const mode = (args.value('proposals') ?? 'fast') as 'fast' | 'single' | 'quality';
  if (!['fast', 'single', 'quality'].includes(mode)) throw new Error(`--proposals must be single, fast or quality, got '${mode}'`);
  const modelDir = path.resolve(args.value('model') ?? 'models/emoji-voc-zf5');
  await initNodeBackend('wasm');
  const net = await decodeModelFiles(diskReader(modelDir), modelDir);
  const gt = readCocoGroundTruth(gtFile, { categoryIds: net.manifest.classes.map((c) => c.id) });
  const limit = args.number('limit', gt.images.length);
  const images = gt.images.slice(0, limit);
  const ids = new Set(images.map((i) => i.id));
  const scales = scalesArg === '5' ? net.manifest.scales : [net.manifest.scales[net.manifest.defaultScaleIndex]];
  const detections: Detection[] = [];
  const t0 = Date.now();
  for (const [k, im] of images.entries()) {
    const rgba = await decodeImageFile(path.join(imagesDir, im.file_name));
    if (rgba.width !== im.width || rgba.height !== im.height) {
      throw new Error(`${path.join(imagesDir, im.file_name)}: is ${rgba.width}x${rgba.height}, ${gtFile} says ${im.width}x${im.height}`);
    }
    const proposals = selectiveSearch(rgba, { mode, maxBoxes: 2000 });
    const r = await runDetector(net, rgba, proposals, { scales, bboxRegression: !args.flags.has('no-bbox-reg') });
    for (const d of r.detections) detections.push({ imageId: im.id, classId: d.classId, score: d.score, box: d.box });
    if ((k + 1) % 25 === 0) console.error(`eval: ${k + 1}/${images.length} images, ${((Date.now() - t0) / (k + 1)).toFixed(0)} ms/image`);
  }
  const result = vocAp(gt.groundTruth.filter((g) => ids.has(g.imageId)), detections, { classIds: net.manifest.classes.map((c) => c.id) });
  console.log(`${images.length} images, ${scales.length}-scale${args.flags.has('no-bbox-reg') ? ', no bbox regression' : ''}, ${mode} proposals, ${((Date.now() - t0) / Math.max(images.length, 1)).toFixed(0)} ms/image`);
  console.log(formatApTable(result, Object.fromEntries(net.manifest.classes.map((c) => [c.id, c.name])), { percent: true }));
  const e = errorBreakdown(gt.groundTruth.filter((g) => ids.has(g.imageId)), detections, net.manifest.classes.map((c) => c.id));
  const pc = (n: number): string => `${n} (${((100 * n) / Math.max(e.examined, 1)).toFixed(0)}%)`;
  console.log(`top detections (per class, as many as its objects; ${e.examined} in all): correct ${pc(e.correct)}, localization ${pc(e.localization)}, confused with another class ${pc(e.confusion)}, background ${pc(e.background)}`);
  console.log(`objects never found (no right-class detection at IoU >= 0.5, any score): ${e.missed} of ${e.objects}`);
  const out = args.value('out');
  if (out) {
    writeCocoDetections(out, detections);
    console.log(`wrote ${detections.length} detections to ${out}`);
  }
}

main().catch((e: unknown) => {
  console.error(`eval: ${(e as Error).message}`);
  process.exit(1);
});
