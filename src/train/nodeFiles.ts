// Node-only file helpers of the CLIs: image decoding and model folders, with errors naming the file.
import fs from 'node:fs';
import path from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';

/** Decodes an image file to RGBA; errors name the file. */
export async function decodeImageFile(file: string): Promise<{ width: number; height: number; data: Uint8ClampedArray }> {
  if (!fs.existsSync(file)) throw new Error(`${file}: no such image file`);
  let img: Awaited<ReturnType<typeof loadImage>>;
  try {
    img = await loadImage(fs.readFileSync(file));
  } catch (e) {
    throw new Error(`${file}: cannot decode image (${(e as Error).message})`, { cause: e });
  }
  if (!(img.width > 0 && img.height > 0)) throw new Error(`${file}: decoded to an empty image`);
  const c = createCanvas(img.width, img.height);
  const ctx = c.getContext('2d');
  ctx.drawImage(img, 0, 0);
  const d = ctx.getImageData(0, 0, img.width, img.height);
  return { width: d.width, height: d.height, data: new Uint8ClampedArray(d.data) };
}

/** Reads a model folder from disk; errors name the missing file. */
export function diskReader(dir: string): (name: string) => Promise<Uint8Array> {
  return async (name) => {
    const f = path.join(dir, name);
    if (!fs.existsSync(f)) throw new Error(`${f}: model file not found`);
    return new Uint8Array(fs.readFileSync(f));
  };
}

