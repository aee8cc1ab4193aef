// Node-only (native @napi-rs/canvas): never import this from code that runs in the browser.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ALL_EMOJI } from '../classes';
import { atlasFromImageData, type SpriteAtlas, type SpriteAtlasJson } from '../spriteAtlas';

/** Folder of the shipped atlas: <repo>/public/sprites. */
export const DEFAULT_SPRITES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../public/sprites');

/**
 * Loads public/sprites/emoji-atlas.{png,json} (or those in `dir`), decodes the PNG with @napi-rs/canvas
 * and returns a validated {@link SpriteAtlas} that has a glyph for every class emoji and distractor.
 * @param dir folder holding emoji-atlas.png and emoji-atlas.json.
 */
export async function loadAtlasNode(dir: string = DEFAULT_SPRITES_DIR): Promise<SpriteAtlas> {
  const pngFile = path.join(dir, 'emoji-atlas.png');
  const jsonFile = path.join(dir, 'emoji-atlas.json');
  for (const f of [pngFile, jsonFile]) {
    if (!fs.existsSync(f)) throw new Error(`loadAtlasNode: ${f} not found (build it with npm run atlas)`);
  }
  const { loadImage, createCanvas } = await import('@napi-rs/canvas');
  const img = await loadImage(fs.readFileSync(pngFile));
  const canvas = createCanvas(img.width, img.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(img, 0, 0);
  const { data } = ctx.getImageData(0, 0, img.width, img.height);
  const json = JSON.parse(fs.readFileSync(jsonFile, 'utf8')) as SpriteAtlasJson;
  const atlas = atlasFromImageData(json, new Uint8ClampedArray(data), img.width, img.height);
  const missing = ALL_EMOJI.filter((e) => !(e in atlas.glyphs));
  if (missing.length > 0) throw new Error(`loadAtlasNode: ${jsonFile} lacks ${missing.map((e) => JSON.stringify(e)).join(', ')} (rebuild with npm run atlas)`);
  return atlas;
}
