import type { SpriteAtlas } from '../data/spriteAtlas';
import { generateScene, sceneSeed, type RgbaBytes } from '../data';
import { selectiveSearch } from '../proposals';
import { oneScaleOf } from '../model';
import { detectionWindowOptions } from '../pipeline/detectionWindowOptions';
import { type SppNetCore, runDetector } from '../pipeline/runDetector';
import { type Detection, type GroundTruthBox, vocAp } from '../pipeline/vocAp';

/** Detector settings compared in the ablation table (PAPER Table: 1-scale, 5-scale, no bbox reg). */
export type EvalVariant = '1-scale' | '5-scale' | '1-scale, no bbox reg';

/** Options of {@link evaluateDetector}. */
export interface EvaluateDetectorOptions {
  scenes: number;
  split: 'val' | 'test';
  proposalMode: 'single' | 'fast' | 'quality';
  variants: EvalVariant[];
  log: (line: string) => void;
}

/**
 * mAP@0.5 (VOC07 11-point and all-point) of the detector on generated Emoji-VOC scenes of a split,
 * for each variant, with the same proposals for all variants: the model's detection windows (detectionWindowOptions).
 */
export async function evaluateDetector(net: SppNetCore, atlas: SpriteAtlas, photos: readonly RgbaBytes[], o: EvaluateDetectorOptions): Promise<Record<string, unknown>> {
  const gt: GroundTruthBox[] = [];
  const dets = new Map<EvalVariant, Detection[]>(o.variants.map((v) => [v, []]));
  const ms = new Map<EvalVariant, number>(o.variants.map((v) => [v, 0]));
  const windows = detectionWindowOptions(net.manifest);
  let proposalMs = 0;
  let proposalCount = 0;
  for (let i = 0; i < o.scenes; i++) {
    const scene = generateScene(sceneSeed(o.split, i), atlas, { photos });
    for (const ob of scene.objects) gt.push({ imageId: i, classId: ob.categoryId, box: [ob.bbox[0], ob.bbox[1], ob.bbox[0] + ob.bbox[2], ob.bbox[1] + ob.bbox[3]] });
    let t = Date.now();
    const proposals = selectiveSearch(scene, { mode: o.proposalMode, seed: i, ...windows });
    proposalMs += Date.now() - t;
    proposalCount += proposals.length / 4;
    for (const v of o.variants) {
      t = Date.now();
      const { detections } = await runDetector(net, scene, proposals, {
        scales: v === '5-scale' ? net.manifest.scales : [oneScaleOf(net.manifest)],
        bboxRegression: v !== '1-scale, no bbox reg',
      });
      ms.set(v, (ms.get(v) ?? 0) + Date.now() - t);
      for (const d of detections) dets.get(v)?.push({ imageId: i, classId: d.classId, score: d.score, box: d.box });
    }
    if ((i + 1) % 25 === 0) o.log(`eval: ${i + 1}/${o.scenes} scenes`);
  }
  const classIds = net.manifest.classes.map((c) => c.id);
  const out: Record<string, unknown> = { evalScenes: o.scenes, evalSplit: o.split, proposalMode: o.proposalMode, minBoxSide: windows.minBoxSide, meanProposals: proposalCount / Math.max(o.scenes, 1), meanProposalMs: proposalMs / Math.max(o.scenes, 1) };
  for (const v of o.variants) {
    const r = vocAp(gt, dets.get(v) ?? [], { classIds });
    out[v] = { mAP07: r.mAP07, mAPAll: r.mAPAll, meanDetectorMs: (ms.get(v) ?? 0) / Math.max(o.scenes, 1), perClassAp07: Object.fromEntries(r.perClass.map((c) => [c.classId, c.ap07])) };
    o.log(`eval ${v}: mAP@0.5 VOC07 ${((r.mAP07 ?? 0) * 100).toFixed(1)}, all-point ${((r.mAPAll ?? 0) * 100).toFixed(1)}, ${((ms.get(v) ?? 0) / Math.max(o.scenes, 1)).toFixed(0)} ms/image`);
  }
  return out;
}
