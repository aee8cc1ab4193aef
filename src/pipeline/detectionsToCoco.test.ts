import { describe, expect, it } from 'vitest';
import { detectionsToCoco } from './detectionsToCoco';

describe('detectionsToCoco', () => {
  it('writes [x, y, w, h] with w = x2 - x1 (no +1), the image and the categories', () => {
    const f = detectionsToCoco({ fileName: 'a.png', width: 500, height: 375 }, [{ box: [10.123, 20, 110.5, 70], classId: 8, score: 0.912345 }], [{ id: 8, name: 'cat' }], { model: 'm', settings: { s: 448 } });
    expect(f.annotations).toEqual([{ id: 1, image_id: 1, category_id: 8, bbox: [10.12, 20, 100.38, 50], score: 0.9123, area: 5019, iscrowd: 0 }]);
    expect(f.images[0]).toEqual({ id: 1, file_name: 'a.png', width: 500, height: 375 });
    expect(f.categories).toEqual([{ id: 8, name: 'cat' }]);
  });
});
