import { describe, expect, it } from 'vitest';
import { toCoco } from './coco';

describe('toCoco', () => {
  it('numbers images and annotations from 1, keeps [x, y, w, h] boxes and lists the 20 categories', () => {
    const scene = (objects: Array<{ bbox: [number, number, number, number]; categoryId: number }>) => ({
      width: 300, height: 200, objects: objects.map((o) => ({ ...o, emoji: 'x', truncated: false, occluded: 0.12345 })),
    });
    const coco = toCoco([
      { file_name: 'a.png', scene: scene([{ bbox: [1, 2, 30, 40], categoryId: 8 }, { bbox: [5, 5, 10, 10], categoryId: 15 }]) },
      { file_name: 'b.png', scene: scene([]) },
      { file_name: 'c.png', scene: scene([{ bbox: [0, 0, 300, 200], categoryId: 1 }]) },
    ]);
    expect(coco.images).toEqual([
      { id: 1, file_name: 'a.png', width: 300, height: 200 },
      { id: 2, file_name: 'b.png', width: 300, height: 200 },
      { id: 3, file_name: 'c.png', width: 300, height: 200 },
    ]);
    expect(coco.annotations.map((a) => [a.id, a.image_id, a.category_id])).toEqual([[1, 1, 8], [2, 1, 15], [3, 3, 1]]);
    expect(coco.annotations[0]).toMatchObject({ bbox: [1, 2, 30, 40], area: 1200, iscrowd: 0, occluded: 0.123 });
    expect(coco.categories).toHaveLength(20);
    expect(coco.categories[7]).toEqual({ id: 8, name: 'cat', emoji: '\u{1F408}' });
    expect(JSON.parse(JSON.stringify(coco))).toEqual(coco);
  });
});
