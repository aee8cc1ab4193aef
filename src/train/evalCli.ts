// npm run eval -- --images DIR --gt coco.json [--model models/emoji-voc-zf5] [--scales 1|5]
//   [--no-bbox-reg] [--proposals fast|single|quality] [--min-box-side PX] [--out detections.json] [--limit N]
//   [--nms-iou 0.3,0.4] [--box-voting 0.4,0.5,off] [--scale S]
// Runs the shipped detector (selective search + SPP-net) on every image of the COCO ground truth,
// prints per-class AP (VOC2007 11-point and all-point) and mAP at IoU 0.5, and writes COCO-style
// detections. --nms-iou / --box-voting also score every pairing of the listed post-processing settings on the
// same detector outputs (selectDetections on each image's trace), for picking them on a val split. --scale S runs
// the 1-scale setting at s = S (the shorter side's length) instead of the model's, for picking it the same way.
// npm run eval -- --split test|val [--scenes 200] [--model DIR] [--write-metrics]
// The recipe's own evaluation instead (src/train/evaluateDetector): generated scenes of a split in memory,
// 1-scale, 5-scale and 1-scale without box regression on the same proposals; --write-metrics stores the
// figures in the model's manifest.json (metrics), as `npm run train` does for the model it writes.
import fs from 'node:fs';
import path from 'node:path';
import { decodeModelFiles, oneScaleOf } from '../model';
import { selectiveSearch } from '../proposals';
import { detectionWindowOptions } from '../pipeline/detectionWindowOptions';
import { DEFAULT_BOX_VOTING, runDetector } from '../pipeline/runDetector';
import { DEFAULT_NMS_IOU, DEFAULT_SCORE_THRESHOLD, selectDetections } from '../pipeline/selectDetections';
import { postVariants } from './eval/postVariants';
import { initNodeBackend } from './nodeBackend';
import { checkScaleOption, parseArgs } from './cliArgs';
import { decodeImageFile, diskReader } from './nodeFiles';
import { readCocoGroundTruth, writeCocoDetections } from './eval/cocoIo';
import { type Detection, vocAp } from '../pipeline/vocAp';
import { formatApTable } from './eval/formatApTable';
import { errorBreakdown } from './eval/errorBreakdown';
import { evaluateDetector } from './evaluateDetector';
import { loadAtlasNode } from '../data/node/loadAtlasNode';
import { loadBackgroundsNode } from '../data/node/loadBackgroundsNode';

/** `--split`: the recipe's evaluation on generated scenes; with --write-metrics into the model's manifest. */
async function evalSplit(modelDir: string, split: string, scenes: number, write: boolean): Promise<void> {
  if (split !== 'test' && split !== 'val') throw new Error(`--split must be test or val, got '${split}'`);
  if (!(Number.isInteger(scenes) && scenes > 0)) throw new Error(`--scenes must be a positive integer, got ${scenes}`);
  await initNodeBackend('wasm');
  const net = await decodeModelFiles(diskReader(modelDir), modelDir);
  const [atlas, photos] = [await loadAtlasNode(), await loadBackgroundsNode()];
  const log = (line: string): void => console.error(line);
  const ev = await evaluateDetector(net, atlas, photos, { scenes, split, proposalMode: 'fast', log, variants: ['1-scale', '5-scale', '1-scale, no bbox reg'] });
  const pct = (v: unknown): string => (typeof v === 'number' ? (100 * v).toFixed(1) : '-');
  for (const v of ['1-scale', '5-scale', '1-scale, no bbox reg']) {
    const r = ev[v] as { mAP07: number | null; mAPAll: number | null; meanDetectorMs: number };
    console.log(`${split} ${scenes} scenes, ${v}: mAP@0.5 VOC07 ${pct(r.mAP07)}, all-point ${pct(r.mAPAll)}, detector ${r.meanDetectorMs.toFixed(0)} ms/image`);
  }
  if (!write) return;
  const file = path.join(modelDir, 'manifest.json');
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as { metrics?: Record<string, unknown> };
  manifest.metrics = { ...manifest.metrics, ...ev, detectionSettings: { oneScale: oneScaleOf(net.manifest), scales: net.manifest.scales, boxVoting: DEFAULT_BOX_VOTING, nmsIou: DEFAULT_NMS_IOU, scoreThreshold: DEFAULT_SCORE_THRESHOLD } };
  fs.writeFileSync(file, JSON.stringify(manifest, null, 1));
  console.log(`wrote the detection metrics to ${file}`);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), { flags: ['no-bbox-reg', 'write-metrics'], values: ['images', 'gt', 'model', 'scales', 'out', 'proposals', 'limit', 'split', 'scenes', 'min-box-side', 'nms-iou', 'box-voting', 'scale'] });
  const split = args.value('split');
  if (split) return evalSplit(path.resolve(args.value('model') ?? 'models/emoji-voc-zf5'), split, args.number('scenes', 200), args.flags.has('write-metrics'));
  const imagesDir = args.value('images');
  const gtFile = args.value('gt');
  if (!imagesDir || !gtFile) throw new Error('usage: npm run eval -- --images DIR --gt coco.json [--scales 1|5] [--no-bbox-reg] [--out detections.json], or npm run eval -- --split test|val [--scenes N] [--write-metrics]');
  if (!fs.existsSync(imagesDir) || !fs.statSync(imagesDir).isDirectory()) throw new Error(`${imagesDir}: not a directory`);
  const scalesArg = args.value('scales') ?? '1';
  if (scalesArg !== '1' && scalesArg !== '5') throw new Error(`--scales must be 1 or 5, got '${scalesArg}'`);
  const mode = (args.value('proposals') ?? 'fast') as 'fast' | 'single' | 'quality';
  if (!['fast', 'single', 'quality'].includes(mode)) throw new Error(`--proposals must be single, fast or quality, got '${mode}'`);
  const variants = postVariants(args.value('nms-iou'), args.value('box-voting'));
  const modelDir = path.resolve(args.value('model') ?? 'models/emoji-voc-zf5');
  await initNodeBackend('wasm');
  const net = await decodeModelFiles(diskReader(modelDir), modelDir);
  const gt = readCocoGroundTruth(gtFile, { categoryIds: net.manifest.classes.map((c) => c.id) });
  const limit = args.number('limit', gt.images.length);
  const images = gt.images.slice(0, limit);
  const ids = new Set(images.map((i) => i.id));
  // Selective search drops windows with a side under this many working-image pixels (unset: the model's, detectionWindowOptions).
  const windows = detectionWindowOptions(net.manifest);
  const minBoxSide = args.number('min-box-side', windows.minBoxSide);
  const scaleArg = args.value('scale');
  if (scaleArg !== undefined && scalesArg === '5') throw new Error('--scale sets the 1-scale setting; it cannot go with --scales 5');
  const oneScale = checkScaleOption(scaleArg === undefined ? oneScaleOf(net.manifest) : args.number('scale', 0), scaleArg);
  const scales = scalesArg === '5' ? net.manifest.scales : [oneScale];
  const detections: Detection[] = [];
  const t0 = Date.now();
  for (const [k, im] of images.entries()) {
    const rgba = await decodeImageFile(path.join(imagesDir, im.file_name));
    if (rgba.width !== im.width || rgba.height !== im.height) {
      throw new Error(`${path.join(imagesDir, im.file_name)}: is ${rgba.width}x${rgba.height}, ${gtFile} says ${im.width}x${im.height}`);
    }
    const proposals = selectiveSearch(rgba, { mode, ...windows, minBoxSide });
    const r = await runDetector(net, rgba, proposals, { scales, bboxRegression: !args.flags.has('no-bbox-reg') });
    for (const d of r.detections) detections.push({ imageId: im.id, classId: d.classId, score: d.score, box: d.box });
    for (const v of variants) {
      const sel = selectDetections(r.trace, { nmsIou: v.nmsIou, boxVoting: v.boxVoting });
      sel.kept.forEach((k, j) => v.detections.push({ imageId: im.id, classId: r.trace.candidates[k].classId, score: r.trace.candidates[k].score, box: sel.boxes[j] }));
    }
    if ((k + 1) % 25 === 0) console.error(`eval: ${k + 1}/${images.length} images, ${((Date.now() - t0) / (k + 1)).toFixed(0)} ms/image`);
  }
  const gtHere = gt.groundTruth.filter((g) => ids.has(g.imageId));
  const classIds = net.manifest.classes.map((c) => c.id);
  const result = vocAp(gtHere, detections, { classIds });
  console.log(`${images.length} images, ${scales.length}-scale${scales.length === 1 ? ` (s = ${scales[0]})` : ''}${args.flags.has('no-bbox-reg') ? ', no bbox regression' : ''}, ${mode} proposals (min side ${minBoxSide}), ${((Date.now() - t0) / Math.max(images.length, 1)).toFixed(0)} ms/image`);
  console.log(formatApTable(result, Object.fromEntries(net.manifest.classes.map((c) => [c.id, c.name])), { percent: true }));
  const e = errorBreakdown(gtHere, detections, classIds);
  const pc = (n: number): string => `${n} (${((100 * n) / Math.max(e.examined, 1)).toFixed(0)}%)`;
  console.log(`top detections (per class, as many as its objects; ${e.examined} in all): correct ${pc(e.correct)}, localization ${pc(e.localization)}, confused with another class ${pc(e.confusion)}, background ${pc(e.background)}`);
  console.log(`objects never found (no right-class detection at IoU >= 0.5, any score): ${e.missed} of ${e.objects}`);
  console.log(`  by size (COCO buckets of box area): ${e.bySize.map((b) => `${b.label} ${b.missed} of ${b.objects}`).join(', ')}`);
  if (variants.length) {
    console.log(`post-processing on the same detector outputs (score threshold ${DEFAULT_SCORE_THRESHOLD}):\nNMS IoU  box voting  mAP@0.5 VOC07  all-point`);
    for (const v of variants) {
      const rv = vocAp(gtHere, v.detections, { classIds });
      const pct = (x: number | null): string => (x === null ? '-' : (100 * x).toFixed(1));
      console.log(`${v.nmsIou.toFixed(2).padStart(7)}  ${(v.boxVoting === false ? 'off' : v.boxVoting.toFixed(2)).padStart(10)}  ${pct(rv.mAP07).padStart(13)}  ${pct(rv.mAPAll).padStart(9)}`);
    }
  }
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
