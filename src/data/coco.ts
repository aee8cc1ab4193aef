import { EMOJI_VOC_CLASSES } from './classes';
import type { EmojiScene } from './generateScene';

/** COCO image record. */
export interface CocoImage {
  id: number;
  file_name: string;
  width: number;
  height: number;
}

/** COCO annotation record (bbox [x, y, w, h] in image pixels); `truncated` and `occluded` are VOC-style extras. */
export interface CocoAnnotation {
  id: number;
  image_id: number;
  category_id: number;
  bbox: [number, number, number, number];
  /** Box area w * h in square pixels. */
  area: number;
  iscrowd: 0;
  truncated: boolean;
  occluded: number;
}

/** COCO category record, with the emoji drawn for it. */
export interface CocoCategory {
  id: number;
  name: string;
  emoji: string;
}

/** A COCO-style detection dataset. */
export interface CocoDataset {
  images: CocoImage[];
  annotations: CocoAnnotation[];
  categories: CocoCategory[];
}

/**
 * COCO-style ground truth for generated scenes: image ids 1..N in the given order, annotation ids
 * 1..M in scene then object order, and the 20 Emoji-VOC categories.
 */
export function toCoco(scenes: ReadonlyArray<{ file_name: string; scene: Pick<EmojiScene, 'width' | 'height' | 'objects'> }>): CocoDataset {
  const images: CocoImage[] = [];
  const annotations: CocoAnnotation[] = [];
  scenes.forEach(({ file_name, scene }, i) => {
    const id = i + 1;
    images.push({ id, file_name, width: scene.width, height: scene.height });
    for (const o of scene.objects) {
      const [x, y, w, h] = o.bbox;
      annotations.push({
        id: annotations.length + 1, image_id: id, category_id: o.categoryId, bbox: [x, y, w, h], area: w * h, iscrowd: 0,
        truncated: o.truncated, occluded: Math.round(o.occluded * 1000) / 1000,
      });
    }
  });
  const categories = EMOJI_VOC_CLASSES.map((c) => ({ id: c.id, name: c.name, emoji: c.emoji }));
  return { images, annotations, categories };
}
