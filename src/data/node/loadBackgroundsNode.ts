// Node-only (native @napi-rs/canvas): never import this from code that runs in the browser.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RgbaBytes } from '../sceneCanvas';

/** Folder of the shipped background photos: <repo>/public/backgrounds. */
export const DEFAULT_BACKGROUNDS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../public/backgrounds');

/**
 * Decodes every .jpg/.png in `dir` (sorted by name, so the order, and hence generated scenes, is
 * stable) to RGBA, for the generator's `photos` option.
 */
export async function loadBackgroundsNode(dir: string = DEFAULT_BACKGROUNDS_DIR): Promise<RgbaBytes[]> {
  if (!fs.existsSync(dir)) throw new Error(`loadBackgroundsNode: folder ${dir} not found`);
  const files = fs.readdirSync(dir).filter((f) => /\.(jpe?g|png)$/i.test(f)).sort();
  if (files.length === 0) throw new Error(`loadBackgroundsNode: no .jpg or .png in ${dir}`);
  const { loadImage, createCanvas } = await import('@napi-rs/canvas');
  const out: RgbaBytes[] = [];
  for (const f of files) {
    const img = await loadImage(fs.readFileSync(path.join(dir, f)));
    const canvas = createCanvas(img.width, img.height);
    const ctx = canvas.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const { data } = ctx.getImageData(0, 0, img.width, img.height);
    out.push({ width: img.width, height: img.height, data: new Uint8ClampedArray(data) });
  }
  return out;
}
