import * as tf from '@tensorflow/tfjs-core';
import { type CellBox, imageBox, scaledBox } from '../geometry/boxes';
import { encodeBoxDeltas } from '../geometry/bboxDeltas';
import { chooseScale } from '../geometry/chooseScale';
import { iou } from '../geometry/iou';
import { projectToCells } from '../geometry/projectToCells';
import { scaleFactor, scaledImageSize } from '../geometry/scaleBox';
import { loadCheckpointArrays, saveCheckpoint } from './checkpoint';
import { type Normalization, type RgbaImage, type SppNetParams, type SppNetSpec, imageToInput, trunkRange, trunkStride } from '../model';

/** A training scene: image, ground truth ([x1,y1,x2,y2] image px, class ids 1..C) and proposals. */
export interface DetectionScene {
  image: RgbaImage;
  gtBoxes: Float32Array;
  gtClasses: Int32Array;
  proposals: Float32Array;
}

/**
 * A scene's trunk output at one scale s (min side), HWC: conv5, or the input of the first conv layer
 * fine-tuned in the detection stage (`CachedScene.tailFrom`); same spatial size either way.
 */
export interface CachedMap {
  s: number;
  features: Float32Array;
  /** [h, w] of the map (and of conv5). */
  mapSize: [number, number];
}

/**
 * A scene reduced to what fc training needs (PAPER §4: conv5 computed once, only the fc layers are
 * fine-tuned): its conv5 maps and every window (ground truth first, then all proposals) with its label.
 */
export interface CachedScene {
  imageSize: [number, number];
  /**
   * The conv layers from this index on are not applied to the cached maps: training runs them (and
   * fine-tunes them). The number of conv layers = the maps are conv5 (the paper's fc-only fine-tuning).
   */
  tailFrom: number;
  maps: CachedMap[];
  /** Windows, 4 floats [x1, y1, x2, y2] each, in image pixels. */
  boxes: Float32Array;
  /** Per window: the map of the scale the multi-scale rule picks for it (PAPER §3.3; runDetector's rule). */
  chosenMap: Uint8Array;
  /** The map of the 1-scale setting. */
  defaultMap: number;
  /**
   * True when the 1-scale map's s is not one of the multi-scale rule's scales: it is then the last map,
   * no window's chosen map, and scale jitter never moves a window onto it. Absent = false.
   */
  extraDefault?: boolean;
  /** Per window: label 0..C (0 = background: best IoU below fgIou). */
  labels: Int32Array;
  /** Per window: IoU with the best-overlapping ground truth. */
  maxIou: Float32Array;
  /** Per window: normalised regression target (dx, dy, dw, dh) to its best ground truth. */
  targets: Float32Array;
  /** The proposals' minimum box side (selective search's `minBoxSide`) when cached; absent = its default. */
  minBoxSide?: number;
}

/** Options of {@link cacheScene}. */
export interface CacheSceneOptions {
  /** Scales s of the multi-scale rule; a window's map is the one whose scaled area is closest to `trainArea`. */
  scales: readonly number[];
  /** The 1-scale setting's s: one of `scales`, or another scale whose map is then cached last (`CachedScene.extraDefault`). */
  defaultScale: number;
  trainArea: number;
  /** Positive IoU (PAPER §4: 0.5). @default 0.5 */
  fgIou?: number;
  bboxStd: readonly [number, number, number, number];
  /** Cache the input of this conv layer instead of conv5 (see CachedScene.tailFrom). @default the number of conv layers */
  tailFrom?: number;
  /** Maps already computed for this scene (same image, same `tailFrom`): reused instead of recomputed. */
  reuseMaps?: readonly CachedMap[];
  /** Recorded as CachedScene.minBoxSide: the minimum box side the proposals were made with. */
  minBoxSide?: number;
}

/**
 * Runs the trunk on a scene once per needed scale and labels every window (ground truth + proposals)
 * by its best IoU with the ground truth. Only the maps some window uses (its chosen scale, or the
 * 1-scale setting) are computed, except those `o.reuseMaps` already holds (new windows for a cached scene).
 */
export function cacheScene(spec: SppNetSpec, params: SppNetParams, norm: Normalization, scene: DetectionScene, o: CacheSceneOptions): CachedScene {
  const { image, gtBoxes, gtClasses, proposals } = scene;
  const imageSize: [number, number] = [image.width, image.height];
  const fgIou = o.fgIou ?? 0.5;
  const tailFrom = checkTail(spec, o.tailFrom ?? spec.conv.length, 'cacheScene');
  const nGt = gtClasses.length;
  const boxes = new Float32Array(gtBoxes.length + proposals.length);
  boxes.set(gtBoxes, 0);
  boxes.set(proposals, gtBoxes.length);
  const n = boxes.length / 4;
  const labels = new Int32Array(n);
  const maxIou = new Float32Array(n);
  const targets = new Float32Array(4 * n);
  const chosenScale = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = -1;
    for (let g = 0; g < nGt; g++) {
      const v = iou(boxes, gtBoxes, 4 * i, 4 * g);
      if (v > maxIou[i]) {
        maxIou[i] = v;
        best = g;
      }
    }
    labels[i] = maxIou[i] >= fgIou ? gtClasses[best] : 0;
    if (best >= 0) {
      const d = encodeBoxDeltas(boxes, gtBoxes, 4 * i, 4 * best);
      for (let k = 0; k < 4; k++) targets[4 * i + k] = d[k] / o.bboxStd[k];
    }
    const b = imageBox(boxes[4 * i], boxes[4 * i + 1], boxes[4 * i + 2], boxes[4 * i + 3]);
    chosenScale[i] = o.scales.length > 1 ? chooseScale(b, imageSize, o.scales, o.trainArea) : o.defaultScale;
  }
  const extraDefault = !o.scales.includes(o.defaultScale);
  const needed = o.scales.filter((s) => s === o.defaultScale || chosenScale.includes(s));
  if (extraDefault) needed.push(o.defaultScale);
  const maps: CachedMap[] = needed.map((s) => o.reuseMaps?.find((m) => m.s === s) ?? trunkMap(spec, params, norm, image, s, tailFrom));
  const chosenMap = Uint8Array.from(chosenScale, (s) => needed.indexOf(s));
  return { imageSize, tailFrom, maps, boxes, chosenMap, defaultMap: needed.indexOf(o.defaultScale), ...(extraDefault ? { extraDefault } : {}), labels, maxIou, targets, minBoxSide: o.minBoxSide };
}

/** The trunk's map of `image` at scale s, up to (not including) conv layer `tailFrom`. */
function trunkMap(spec: SppNetSpec, params: SppNetParams, norm: Normalization, image: RgbaImage, s: number, tailFrom: number): CachedMap {
  const [sw, sh] = scaledImageSize([image.width, image.height], s);
  const mapT = tf.tidy(() => tf.squeeze(trunkRange(spec, params, imageToInput(image, norm, [sh, sw]), 0, tailFrom), [0]));
  const features = mapT.dataSync() as Float32Array;
  const mapSize: [number, number] = [mapT.shape[0] as number, mapT.shape[1] as number];
  mapT.dispose();
  return { s, features, mapSize };
}

/**
 * A cached scene with its 1-scale setting moved to scale s: the map at s if the scene has one, else
 * computed from `image` (the scene's own image) and appended as an extra map (`extraDefault`). Windows,
 * labels, targets and the multi-scale choices stand: they are in image pixels.
 */
export function withDefaultScale(spec: SppNetSpec, params: SppNetParams, norm: Normalization, scene: CachedScene, image: RgbaImage, s: number): CachedScene {
  if (image.width !== scene.imageSize[0] || image.height !== scene.imageSize[1]) throw new Error(`withDefaultScale: image is ${image.width}x${image.height}, the cached scene ${scene.imageSize.join('x')}`);
  const maps = scene.extraDefault ? scene.maps.slice(0, -1) : scene.maps.slice();
  const at = maps.findIndex((m) => m.s === s);
  if (at >= 0) return { ...scene, maps, defaultMap: at, extraDefault: undefined };
  maps.push(trunkMap(spec, params, norm, image, s, scene.tailFrom));
  return { ...scene, maps, defaultMap: maps.length - 1, extraDefault: true };
}

/**
 * A cached scene with its maps carried further up the trunk: the conv layers from `scene.tailFrom` up to (not
 * including) `tailFrom` applied to every map with `params`, so a cache of conv3 maps serves a recipe that fine-tunes
 * fewer conv layers (or none: conv5 maps, the paper's fc-only fine-tuning). Windows and labels stand.
 */
export function advanceTail(spec: SppNetSpec, params: SppNetParams, scene: CachedScene, tailFrom: number): CachedScene {
  checkTail(spec, tailFrom, 'advanceTail');
  if (tailFrom < scene.tailFrom) throw new Error(`advanceTail: the scene holds maps for conv layer ${scene.tailFrom}, which cannot give layer ${tailFrom}'s input`);
  if (tailFrom === scene.tailFrom) return scene;
  const maps = scene.maps.map((m): CachedMap => {
    const y = mapThrough(spec, params, m, scene.tailFrom, tailFrom);
    const features = y.dataSync() as Float32Array;
    y.dispose();
    return { s: m.s, features, mapSize: m.mapSize };
  });
  return { ...scene, tailFrom, maps };
}

/** The fine-tuned tail must keep the map's size (stride 1, no pooling), so windows project the same way. */
function checkTail(spec: SppNetSpec, tailFrom: number, caller: string): number {
  if (!Number.isInteger(tailFrom) || tailFrom < 1 || tailFrom > spec.conv.length) throw new Error(`${caller}: tailFrom must be an integer in [1, ${spec.conv.length}], got ${tailFrom}`);
  const bad = spec.conv.slice(tailFrom).find((l) => l.stride !== 1 || l.pool);
  if (bad) throw new Error(`${caller}: conv layer ${bad.name} changes the map size (stride ${bad.stride}${bad.pool ? ', pooled' : ''}); only stride-1 layers without pooling can be fine-tuned on cached maps`);
  return tailFrom;
}

/**
 * Map `m` of a cached scene as conv5 [h, w, k]: the cached features, through the conv layers from
 * `tailFrom` on (with the custom-gradient conv when `trainable`). The caller disposes it.
 */
export function sceneConv5(spec: SppNetSpec, params: SppNetParams, scene: CachedScene, m: number, trainable = false): tf.Tensor3D {
  return mapThrough(spec, params, scene.maps[m], scene.tailFrom, spec.conv.length, trainable);
}

/** A cached map (the input of conv layer `from`) through conv layers [from, to) as [h, w, k]; the caller disposes it. */
function mapThrough(spec: SppNetSpec, params: SppNetParams, map: CachedMap, from: number, to: number, trainable = false): tf.Tensor3D {
  const [h, w] = map.mapSize;
  return tf.tidy(() => {
    const x = tf.tensor3d(map.features, [h, w, map.features.length / (h * w)]);
    if (from >= to) return x;
    return tf.squeeze(trunkRange(spec, params, tf.expandDims(x, 0) as tf.Tensor4D, from, to, { trainable }), [0]) as tf.Tensor3D;
  });
}

/** The conv5 cells of window `w` of a cached scene on its map `m` (the projection runDetector uses). */
export function windowCells(spec: SppNetSpec, scene: CachedScene, w: number, m: number): CellBox {
  const map = scene.maps[m];
  const f = scaleFactor(scene.imageSize, map.s);
  const b = scene.boxes;
  return projectToCells(scaledBox(b[4 * w] * f, b[4 * w + 1] * f, b[4 * w + 2] * f, b[4 * w + 3] * f), trunkStride(spec), map.mapSize);
}

interface SceneCacheState {
  scenes: Array<{ imageSize: [number, number]; tailFrom?: number; maps: Array<{ s: number; mapSize: [number, number] }>; defaultMap: number; extraDefault?: boolean; minBoxSide?: number }>;
}

/** Writes cached scenes to one checkpoint file (maps and windows as arrays; never through a tf backend). */
export async function saveSceneCache(file: string, scenes: readonly CachedScene[]): Promise<void> {
  const arrays: Record<string, Float32Array> = {};
  scenes.forEach((c, i) => {
    c.maps.forEach((m, j) => (arrays[`${i}/map${j}`] = m.features));
    arrays[`${i}/boxes`] = c.boxes;
    arrays[`${i}/chosenMap`] = Float32Array.from(c.chosenMap);
    arrays[`${i}/labels`] = Float32Array.from(c.labels);
    arrays[`${i}/maxIou`] = c.maxIou;
    arrays[`${i}/targets`] = c.targets;
  });
  const state: SceneCacheState = { scenes: scenes.map((c) => ({ imageSize: c.imageSize, tailFrom: c.tailFrom, maps: c.maps.map((m) => ({ s: m.s, mapSize: m.mapSize })), defaultMap: c.defaultMap, ...(c.extraDefault ? { extraDefault: true } : {}), minBoxSide: c.minBoxSide })) };
  await saveCheckpoint(file, arrays, state);
}

/**
 * Reads scenes written by {@link saveSceneCache}; null when the file does not exist.
 * @param convLayers the model's number of conv layers (what `tailFrom` means when the file predates it: conv5 maps).
 */
export function loadSceneCache(file: string, convLayers: number): CachedScene[] | null {
  const ck = loadCheckpointArrays<SceneCacheState>(file);
  if (!ck) return null;
  const a = (name: string): Float32Array => {
    const v = ck.arrays[name];
    if (!v) throw new Error(`scene cache ${file} lacks '${name}'`);
    return v.data;
  };
  return ck.state.scenes.map((s, i) => ({
    imageSize: s.imageSize,
    tailFrom: s.tailFrom ?? convLayers,
    maps: s.maps.map((m, j) => ({ s: m.s, mapSize: m.mapSize, features: a(`${i}/map${j}`) })),
    boxes: a(`${i}/boxes`),
    chosenMap: Uint8Array.from(a(`${i}/chosenMap`)),
    defaultMap: s.defaultMap,
    ...(s.extraDefault ? { extraDefault: true } : {}),
    labels: Int32Array.from(a(`${i}/labels`)),
    maxIou: a(`${i}/maxIou`),
    targets: a(`${i}/targets`),
    minBoxSide: s.minBoxSide,
  }));
}
