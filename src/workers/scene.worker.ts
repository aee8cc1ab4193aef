/**
 * Web Worker entry for the scene maker: loads the shipped sprite atlas and background photos once,
 * then generates seeded Emoji-VOC scenes (src/data, the generator training used) off the main thread.
 * Request `{ id, seed, assetsUrl }`; answer `{ id, scene }` or `{ id, error }`.
 */
import { atlasFromImageData, generateScene, type EmojiScene, type RgbaBytes, type SpriteAtlas, type SpriteAtlasJson } from '../data';

/** Request to the scene worker. */
export interface SceneRequest { id: number; seed: number; assetsUrl: string }
/** Answer of the scene worker. */
export type SceneResponse = { id: number; scene: Pick<EmojiScene, 'width' | 'height' | 'data' | 'objects'> } | { id: number; error: string };

interface WorkerScope {
  postMessage(message: SceneResponse, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<SceneRequest>) => void) | null;
}

// Same files, same order as the Node loader (loadBackgroundsNode sorts by name), so a seed gives the same scene.
const PHOTOS = ['brick.jpg', 'grass.jpg', 'gravel.jpg', 'hubble_deep_field.jpg', 'rocket.jpg'];

async function pixels(url: string): Promise<RgbaBytes> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  const bmp = await createImageBitmap(await res.blob(), { premultiplyAlpha: 'none', colorSpaceConversion: 'none' });
  const canvas = new OffscreenCanvas(bmp.width, bmp.height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('no 2D canvas in this worker');
  ctx.drawImage(bmp, 0, 0);
  const { data } = ctx.getImageData(0, 0, bmp.width, bmp.height);
  return { width: bmp.width, height: bmp.height, data };
}

let assets: Promise<{ atlas: SpriteAtlas; photos: RgbaBytes[] }> | null = null;
function loadAssets(base: string): Promise<{ atlas: SpriteAtlas; photos: RgbaBytes[] }> {
  assets ??= (async () => {
    const json = (await (await fetch(new URL('sprites/emoji-atlas.json', base))).json()) as SpriteAtlasJson;
    const png = await pixels(new URL('sprites/emoji-atlas.png', base).href);
    const photos = await Promise.all(PHOTOS.map((f) => pixels(new URL(`backgrounds/${f}`, base).href)));
    return { atlas: atlasFromImageData(json, png.data, png.width, png.height), photos };
  })();
  assets.catch(() => { assets = null; });
  return assets;
}

const scope = self as unknown as WorkerScope;
scope.onmessage = async (event) => {
  const { id, seed, assetsUrl } = event.data;
  try {
    const { atlas, photos } = await loadAssets(assetsUrl);
    const s = generateScene(seed, atlas, { photos });
    scope.postMessage({ id, scene: { width: s.width, height: s.height, data: s.data, objects: s.objects } }, [s.data.buffer]);
  } catch (e) {
    scope.postMessage({ id, error: e instanceof Error ? e.message : String(e) }, []);
  }
};
