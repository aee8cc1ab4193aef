import * as tf from '@tensorflow/tfjs-core';
import { type CellBox, scaledBox } from '../geometry/boxes';
import { encodeBoxDeltas } from '../geometry/bboxDeltas';
import { iou } from '../geometry/iou';
import { projectToCells } from '../geometry/projectToCells';
import { scaleFactor, scaledImageSize } from '../geometry/scaleBox';
import { type Normalization, type RgbaImage, type SppNetParams, type SppNetSpec, imageToInput, trunkForward, trunkStride } from '../model';
import { makeRng, shuffleInPlace } from './rng';

/** A training scene: image, ground truth ([x1,y1,x2,y2] image px, class ids 1..C) and proposals. */
export interface DetectionScene {
  image: RgbaImage;
  gtBoxes: Float32Array;
  gtClasses: Int32Array;
  proposals: Float32Array;
}

/** A scene reduced to what fc training needs: its conv5 map (cached once) and labelled windows. */
export interface CachedScene {
  conv5: Float32Array;
  mapSize: [number, number];
  /** Labelled windows: cells on the map, label 0..C, IoU with the best GT, regression target (normalised). */
  cells: CellBox[];
  labels: Int32Array;
  maxIou: Float32Array;
  targets: Float32Array;
}

/** Options of {@link cacheScene}. */
export interface WindowSamplingOptions {
  /** Scale s (min side) of the cached conv5 map. */
  scale: number;
  /** Positive IoU (PAPER §4: 0.5). @default 0.5 */
  fgIou?: number;
  /** Negatives: IoU in [bgLo, fgIou) (PAPER §4: [0.1, 0.5)). @default 0.1 */
  bgLo?: number;
  /**
   * Fraction of negatives drawn from IoU < bgLo (pure background). The paper's final SVMs were
   * trained with all windows of IoU <= 0.3 as negatives (hard-negative mining), so some clean
   * background is kept here too. @default 0.25
   */
  easyBgFraction?: number;
  /** Windows kept per scene: positives first (all GT boxes are positives). @default 32 and 96 */
  maxPositives?: number;
  maxNegatives?: number;
  bboxStd: readonly [number, number, number, number];
  seed: number;
}

/**
 * Runs the trunk once on a scene at `scale`, labels proposals + GT boxes by IoU and keeps a sample of
 * positive and negative windows with their conv5 cells (PAPER §4: conv5 features cached, only the fc
 * layers are fine-tuned).
 */
export function cacheScene(spec: SppNetSpec, params: SppNetParams, norm: Normalization, scene: DetectionScene, o: WindowSamplingOptions): CachedScene {
  const { image, gtBoxes, gtClasses, proposals } = scene;
  const imageSize: [number, number] = [image.width, image.height];
  const [sw, sh] = scaledImageSize(imageSize, o.scale);
  const mapT = tf.tidy(() => tf.squeeze(trunkForward(spec, params, imageToInput(image, norm, [sh, sw])), [0]));
  const conv5 = mapT.dataSync() as Float32Array;
  const mapSize: [number, number] = [mapT.shape[0] as number, mapT.shape[1] as number];
  mapT.dispose();
  const f = scaleFactor(imageSize, o.scale);
  const stride = trunkStride(spec);
  const fgIou = o.fgIou ?? 0.5;
  const bgLo = o.bgLo ?? 0.1;
  const nGt = gtClasses.length;
  const all = new Float32Array(gtBoxes.length + proposals.length);
  all.set(gtBoxes, 0);
  all.set(proposals, gtBoxes.length);
  const pos: number[] = [];
  const hard: number[] = [];
  const easy: number[] = [];
  const best = new Int32Array(all.length / 4).fill(-1);
  const bestIou = new Float32Array(all.length / 4);
  for (let i = 0; i < all.length / 4; i++) {
    for (let g = 0; g < nGt; g++) {
      const v = iou(all, gtBoxes, 4 * i, 4 * g);
      if (v > bestIou[i]) {
        bestIou[i] = v;
        best[i] = g;
      }
    }
    if (bestIou[i] >= fgIou) pos.push(i);
    else if (bestIou[i] >= bgLo) hard.push(i);
    else easy.push(i);
  }
  const rng = makeRng(o.seed);
  // Ground-truth boxes first, then a random sample of the other positives.
  const gtPos = pos.filter((i) => i < nGt);
  const otherPos = shuffleInPlace(pos.filter((i) => i >= nGt), rng);
  const keepPos = [...gtPos, ...otherPos].slice(0, Math.max(o.maxPositives ?? 32, gtPos.length));
  const maxNeg = o.maxNegatives ?? 96;
  const nEasy = Math.min(easy.length, Math.round(maxNeg * (o.easyBgFraction ?? 0.25)));
  const keepNeg = [...shuffleInPlace(hard, rng).slice(0, maxNeg - nEasy), ...shuffleInPlace(easy, rng).slice(0, nEasy)];
  const keep = [...keepPos, ...keepNeg];
  const cells: CellBox[] = [];
  const labels = new Int32Array(keep.length);
  const maxIou = new Float32Array(keep.length);
  const targets = new Float32Array(4 * keep.length);
  keep.forEach((i, j) => {
    const b = scaledBox(all[4 * i] * f, all[4 * i + 1] * f, all[4 * i + 2] * f, all[4 * i + 3] * f);
    cells.push(projectToCells(b, stride, mapSize));
    maxIou[j] = bestIou[i];
    labels[j] = bestIou[i] >= fgIou ? gtClasses[best[i]] : 0;
    if (best[i] >= 0) {
      const d = encodeBoxDeltas(all, gtBoxes, 4 * i, 4 * best[i]);
      for (let k = 0; k < 4; k++) targets[4 * j + k] = d[k] / o.bboxStd[k];
    }
  });
  return { conv5, mapSize, cells, labels, maxIou, targets };
}
