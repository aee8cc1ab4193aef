import { type DecodedImage, decodeImageBlob, imageFromRgba } from './decodeImage';
import type { SceneRequest, SceneResponse } from '../workers/scene.worker';

/** The CC0 / public-domain photos shipped in public/samples (see LICENSES.md there). */
export const SAMPLE_PHOTOS = [
  { id: 'chelsea', label: 'Chelsea the cat (CC0)' },
  { id: 'coffee', label: 'Coffee cup (CC0)' },
  { id: 'astronaut', label: 'Astronaut (NASA, public domain)' },
] as const;

/** A few Emoji-VOC test-split scenes (never trained on; src/data/splits.ts). */
export const SAMPLE_SCENES = [3_000_000, 3_000_001, 3_000_002, 3_000_005, 3_000_007];

let sceneWorker: Worker | null = null;
let sceneIds = 0;

/** Generates the seeded Emoji-VOC scene in a worker; ground truth in [x1, y1, x2, y2]. */
export async function makeScene(seed: number, assetsUrl: string): Promise<DecodedImage> {
  sceneWorker ??= new Worker(new URL('../workers/scene.worker.ts', import.meta.url), { type: 'module' });
  const w = sceneWorker;
  const id = ++sceneIds;
  const t0 = performance.now();
  const res = await new Promise<SceneResponse>((resolve) => {
    const on = (e: MessageEvent<SceneResponse>): void => {
      if (e.data.id !== id) return;
      w.removeEventListener('message', on);
      resolve(e.data);
    };
    w.addEventListener('message', on);
    w.postMessage({ id, seed, assetsUrl } satisfies SceneRequest);
  });
  if ('error' in res) throw new Error(`scene ${seed}: ${res.error}`);
  const { scene } = res;
  const img = await imageFromRgba(`emoji-voc-scene-${seed}.png`, scene.width, scene.height, scene.data, {
    source: `scene:${seed}`,
    groundTruth: scene.objects.map((o) => ({ box: [o.bbox[0], o.bbox[1], o.bbox[0] + o.bbox[2], o.bbox[1] + o.bbox[3]] as [number, number, number, number], classId: o.categoryId })),
  });
  img.decodeMs = performance.now() - t0;
  img.notes.push(`Emoji-VOC scene, seed ${seed}: generated in the page (${img.decodeMs.toFixed(0)} ms), ${scene.objects.length} labelled object${scene.objects.length === 1 ? '' : 's'}.`);
  return img;
}

/** The seed of a generated-scene source ('scene:<seed>'); null for any other source. */
export function sceneSeedOf(src: string): number | null {
  const m = /^scene:(-?\d+)$/.exec(src);
  return m ? Number(m[1]) : null;
}

/** Loads a sample named as in the URL ('scene:<seed>' or 'photo:<name>'). */
export async function loadSample(src: string, assetsUrl: string): Promise<DecodedImage> {
  const seed = sceneSeedOf(src);
  if (seed !== null) return makeScene(seed, assetsUrl);
  const photo = /^photo:([a-z_]+)$/.exec(src);
  if (photo && SAMPLE_PHOTOS.some((p) => p.id === photo[1])) {
    const res = await fetch(new URL(`samples/${photo[1]}.jpg`, assetsUrl));
    if (!res.ok) throw new Error(`sample ${photo[1]}: HTTP ${res.status}`);
    const img = await decodeImageBlob(await res.blob(), `${photo[1]}.jpg`);
    img.source = src;
    return img;
  }
  throw new Error(`unknown sample '${src}'`);
}
