/** One detection in COCO results format: bbox [x, y, w, h] in image pixels. */
export interface CocoResult { image_id: number; category_id: number; bbox: [number, number, number, number]; score: number }

/** A COCO file of one image's detections: the results plus the image and categories they refer to. */
export interface CocoDetectionsFile {
  info: { description: string; model: string; settings: Record<string, unknown> };
  images: Array<{ id: number; file_name: string; width: number; height: number }>;
  categories: Array<{ id: number; name: string }>;
  /** Standard COCO results (what pycocotools' loadRes reads). */
  annotations: Array<CocoResult & { id: number; area: number; iscrowd: 0 }>;
}

/**
 * Detections (`[x1, y1, x2, y2]` image pixels, x2 exclusive) as COCO: boxes become [x, y, w, h] with
 * w = x2 - x1 (no +1, ARCHITECTURE.md), rounded to 0.01 px.
 */
export function detectionsToCoco(
  image: { fileName: string; width: number; height: number },
  detections: ReadonlyArray<{ box: readonly [number, number, number, number]; classId: number; score: number }>,
  classes: ReadonlyArray<{ id: number; name: string }>,
  info: { model: string; settings: Record<string, unknown> },
): CocoDetectionsFile {
  const r2 = (v: number): number => Math.round(v * 100) / 100;
  return {
    info: { description: 'SPP-net detections (sppnet-web)', ...info },
    images: [{ id: 1, file_name: image.fileName, width: image.width, height: image.height }],
    categories: classes.map((c) => ({ id: c.id, name: c.name })),
    annotations: detections.map((d, i) => {
      const bbox: [number, number, number, number] = [r2(d.box[0]), r2(d.box[1]), r2(d.box[2] - d.box[0]), r2(d.box[3] - d.box[1])];
      return { id: i + 1, image_id: 1, category_id: d.classId, bbox, score: Math.round(d.score * 1e4) / 1e4, area: r2(bbox[2] * bbox[3]), iscrowd: 0 as const };
    }),
  };
}
