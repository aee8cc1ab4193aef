// Node-only helpers for tests and benchmarks: decode fixture PNGs to RGBA with @napi-rs/canvas
// (a native module, so it must stay out of src/).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** RGBA pixels of a decoded image (ImageData-like). */
export interface LoadedImage {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/** Absolute path of the repository root (this file lives in scripts/lib/). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Absolute path of ../shared beside the checkout (CI has it there too). */
export const SHARED_DIR = path.resolve(REPO_ROOT, '../shared');
/** Folder of the fixture photos and their hand-drawn boxes. */
export const PHOTOS_DIR = path.join(SHARED_DIR, 'fixtures', 'photos');

/** Decodes a PNG/JPEG file to RGBA bytes. */
export async function loadImage(file: string): Promise<LoadedImage> {
  const { loadImage: decode, createCanvas } = await import('@napi-rs/canvas');
  const img = await decode(fs.readFileSync(file));
  const canvas = createCanvas(img.width, img.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(img, 0, 0);
  const data = ctx.getImageData(0, 0, img.width, img.height);
  return { width: data.width, height: data.height, data: new Uint8ClampedArray(data.data) };
}

/** A fixture photo with its ground-truth boxes. */
export interface Fixture {
  name: string;
  file: string;
  /** Ground truth as flat [x1, y1, x2, y2, ...] image pixels (x2 exclusive), from `[[x, y, w, h], ...]`. */
  gt: Float32Array;
}

/** The fixture photos that have a `*.gt.json`, sorted by name. */
export function listFixtures(dir = PHOTOS_DIR): Fixture[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.gt.json'))
    .sort()
    .map((f) => {
      const name = f.slice(0, -'.gt.json'.length);
      const xywh = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as number[][];
      const gt = new Float32Array(4 * xywh.length);
      xywh.forEach(([x, y, w, h], i) => gt.set([x, y, x + w, y + h], 4 * i));
      return { name, file: path.join(dir, `${name}.png`), gt };
    });
}
