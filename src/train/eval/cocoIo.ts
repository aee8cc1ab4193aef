import fs from 'node:fs';
import nodePath from 'node:path';
import { assertValidBox } from '../../geometry';
import type { Detection, GroundTruthBox } from '../../pipeline/vocAp';

/** Emoji-VOC class ids (DATA.md: 1..20; 0 is background and never a ground-truth class). */
export const DEFAULT_CATEGORY_IDS: readonly number[] = Array.from({ length: 20 }, (_, i) => i + 1);

/** COCO `images` entry. */
export interface CocoImage { id: number; file_name: string; width: number; height: number }
/** COCO `annotations` entry; `bbox` is `[x, y, w, h]` in continuous image pixels. */
export interface CocoAnnotation {
  id: number;
  image_id: number;
  category_id: number;
  bbox: [number, number, number, number];
  iscrowd?: 0 | 1 | boolean;
  /** VOC "difficult" (not standard COCO). */
  difficult?: 0 | 1 | boolean;
}
/** COCO `categories` entry. */
export interface CocoCategory { id: number; name: string }

/** A validated COCO ground-truth file, plus its annotations as corner boxes for {@link vocAp}. */
export interface CocoGroundTruth {
  images: CocoImage[];
  annotations: CocoAnnotation[];
  categories: CocoCategory[];
  /**
   * One per annotation, same order: `box` = `[x, y, x + w, y + h]` (ImageBox convention), and
   * `difficult` = difficult || iscrowd (a crowd region is "don't care" in VOC-style evaluation).
   */
  groundTruth: GroundTruthBox[];
}

/** Options of {@link readCocoGroundTruth}. */
export interface ReadCocoGroundTruthOptions {
  /** Category ids a file may declare and annotate. @default DEFAULT_CATEGORY_IDS (1..20) */
  categoryIds?: readonly number[];
}

/** COCO detection-results entry; `bbox` is `[x, y, w, h]` in continuous image pixels. */
export interface CocoDetection { image_id: number; category_id: number; bbox: [number, number, number, number]; score: number }

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown): string => (v === undefined ? 'undefined' : JSON.stringify(v));

/**
 * Reads and validates a COCO-style ground-truth JSON (synchronously; Node only). Every error names the
 * file and the offending entry, e.g. `gt.json: annotations[4] (id 12): image_id 99 is not in "images"`.
 * Checks: the file exists and parses; `images`, `annotations`, `categories` are arrays; ids are
 * integers and unique; categories are in `categoryIds`; each annotation's image and category exist;
 * bbox is 4 finite numbers with width and height > 0 (a 0-size object can never be detected).
 */
export function readCocoGroundTruth(path: string, options: ReadCocoGroundTruthOptions = {}): CocoGroundTruth {
  const allowed = new Set(options.categoryIds ?? DEFAULT_CATEGORY_IDS);
  const fail = (msg: string): never => { throw new Error(`readCocoGroundTruth: ${path}: ${msg}`); };

  let text = '';
  try {
    text = fs.readFileSync(path, 'utf8');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    fail(err.code === 'ENOENT' ? 'file not found' : `cannot read file (${err.message})`);
  }
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (e) {
    fail(`malformed JSON (${(e as Error).message})`);
  }
  if (!isObject(root)) return fail(`top level must be an object with "images", "annotations", "categories"`);
  for (const key of ['images', 'annotations', 'categories']) {
    if (!Array.isArray(root[key])) fail(`missing "${key}" array${key in root ? ` (got ${typeof root[key]})` : ''}`);
  }

  const entry = (key: string, i: number, v: unknown): Json => {
    if (!isObject(v)) fail(`${key}[${i}] must be an object, got ${show(v)}`);
    return v as Json;
  };
  const intId = (where: string, v: Json, field: string): number => {
    if (!Number.isInteger(v[field])) fail(`${where}: ${field} must be an integer, got ${show(v[field])}`);
    return v[field] as number;
  };
  const unique = (seen: Set<number>, where: string, id: number): void => {
    if (seen.has(id)) fail(`${where}: duplicate id ${id}`);
    seen.add(id);
  };
  const flag = (where: string, v: Json, field: string): boolean => {
    const f = v[field];
    if (f === undefined || f === 0 || f === 1 || typeof f === 'boolean') return f === 1 || f === true;
    return fail(`${where}: ${field} must be 0, 1 or a boolean, got ${show(f)}`);
  };

  const images = (root.images as unknown[]).map((raw, i): CocoImage => {
    const v = entry('images', i, raw);
    const where = `images[${i}]`;
    const id = intId(where, v, 'id');
    const at = `${where} (id ${id})`;
    if (typeof v.file_name !== 'string' || v.file_name === '') fail(`${at}: file_name must be a non-empty string, got ${show(v.file_name)}`);
    for (const f of ['width', 'height']) {
      if (!(typeof v[f] === 'number' && Number.isFinite(v[f]) && v[f] > 0)) fail(`${at}: ${f} must be a positive number, got ${show(v[f])}`);
    }
    return { id, file_name: v.file_name as string, width: v.width as number, height: v.height as number };
  });
  const imageIds = new Set<number>();
  images.forEach((im, i) => unique(imageIds, `images[${i}]`, im.id));

  const allowedText = describeIds([...allowed]);
  const categories = (root.categories as unknown[]).map((raw, i): CocoCategory => {
    const v = entry('categories', i, raw);
    const id = intId(`categories[${i}]`, v, 'id');
    const at = `categories[${i}] (id ${id})`;
    if (!allowed.has(id)) fail(`${at}: unknown category id ${id} (allowed: ${allowedText})`);
    if (typeof v.name !== 'string') fail(`${at}: name must be a string, got ${show(v.name)}`);
    return { id, name: v.name as string };
  });
  const categoryIds = new Set<number>();
  categories.forEach((c, i) => unique(categoryIds, `categories[${i}]`, c.id));

  const annotationIds = new Set<number>();
  const annotations: CocoAnnotation[] = [];
  const groundTruth: GroundTruthBox[] = [];
  (root.annotations as unknown[]).forEach((raw, i) => {
    const v = entry('annotations', i, raw);
    const id = intId(`annotations[${i}]`, v, 'id');
    const at = `annotations[${i}] (id ${id})`;
    unique(annotationIds, `annotations[${i}]`, id);
    const imageId = intId(at, v, 'image_id');
    if (!imageIds.has(imageId)) fail(`${at}: image_id ${imageId} is not in "images"`);
    const categoryId = intId(at, v, 'category_id');
    if (!allowed.has(categoryId)) fail(`${at}: unknown category id ${categoryId} (allowed: ${allowedText})`);
    if (!categoryIds.has(categoryId)) fail(`${at}: category_id ${categoryId} is not in "categories"`);
    const bbox = v.bbox;
    if (!Array.isArray(bbox) || bbox.length !== 4 || !bbox.every((x) => typeof x === 'number' && Number.isFinite(x))) {
      fail(`${at}: bbox must be 4 finite numbers [x, y, w, h], got ${show(bbox)}`);
    }
    const [x, y, w, h] = bbox as number[];
    if (w < 0 || h < 0) fail(`${at}: bbox has negative size [${x}, ${y}, ${w}, ${h}]`);
    if (w === 0 || h === 0) fail(`${at}: bbox has zero size [${x}, ${y}, ${w}, ${h}]`);
    const crowd = flag(at, v, 'iscrowd');
    const difficult = flag(at, v, 'difficult');

    const ann: CocoAnnotation = { id, image_id: imageId, category_id: categoryId, bbox: [x, y, w, h] };
    if (v.iscrowd !== undefined) ann.iscrowd = v.iscrowd as CocoAnnotation['iscrowd'];
    if (v.difficult !== undefined) ann.difficult = v.difficult as CocoAnnotation['difficult'];
    annotations.push(ann);
    groundTruth.push({ imageId, classId: categoryId, box: [x, y, x + w, y + h], difficult: difficult || crowd });
  });
  return { images, annotations, categories, groundTruth };
}

/**
 * Writes detections (corner boxes, image pixels) as COCO results JSON
 * `[{image_id, category_id, bbox: [x, y, w, h], score}]`, creating the folder if needed.
 * Throws, naming the file and the detection, on a non-integer id, a non-finite score or an invalid box.
 */
export function writeCocoDetections(path: string, detections: readonly Detection[]): void {
  const fail = (msg: string): never => { throw new Error(`writeCocoDetections: ${path}: ${msg}`); };
  const out = detections.map((d, i): CocoDetection => {
    if (!Number.isInteger(d.imageId)) fail(`detections[${i}].imageId must be an integer, got ${d.imageId}`);
    if (!Number.isInteger(d.classId)) fail(`detections[${i}].classId must be an integer, got ${d.classId}`);
    if (!Number.isFinite(d.score)) fail(`detections[${i}].score must be finite, got ${d.score}`);
    try {
      assertValidBox(d.box, `detections[${i}].box`);
    } catch (e) {
      fail((e as Error).message);
    }
    const [x1, y1, x2, y2] = d.box;
    return { image_id: d.imageId, category_id: d.classId, bbox: [x1, y1, x2 - x1, y2 - y1], score: d.score };
  });
  try {
    fs.mkdirSync(nodePath.dirname(path), { recursive: true });
    fs.writeFileSync(path, JSON.stringify(out));
  } catch (e) {
    fail(`cannot write file (${(e as Error).message})`);
  }
}

/** "1..20" for a contiguous range, else the sorted list. */
function describeIds(ids: number[]): string {
  const s = [...ids].sort((a, b) => a - b);
  if (s.length > 2 && s.every((v, i) => v === s[0] + i)) return `${s[0]}..${s[s.length - 1]}`;
  return s.join(', ') || 'none';
}
