import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PHOTOS_DIR, SHARED_DIR, loadImage } from '../../scripts/lib/loadImage';
import { felzenszwalb } from './felzenszwalb';
import { resizeRgb } from './resizeRgb';
import { segmentationCovering } from './segmentationCovering';

interface GoldenCase {
  image: string; width: number; height: number; colourSpace: string;
  k: number; sigma: number; minSize: number; numRegions: number; labels: string;
}

const golden = JSON.parse(
  fs.readFileSync(path.join(SHARED_DIR, 'golden', 'felzenszwalb.json'), 'utf8'),
) as { cases: GoldenCase[] };

function decodeU16(b64: string): Uint16Array {
  const buf = Buffer.from(b64, 'base64');
  const out = new Uint16Array(buf.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = buf.readUInt16LE(2 * i);
  return out;
}

describe('felzenszwalb vs scikit-image (shared/golden/felzenszwalb.json)', () => {
  for (const c of golden.cases) {
    it(`${c.image} k=${c.k}: covering >= 0.97 both ways`, async () => {
      const img = await loadImage(path.join(PHOTOS_DIR, c.image));
      expect([img.width, img.height]).toEqual([c.width, c.height]);
      const rgb = resizeRgb(img, img.width, img.height);
      const seg = felzenszwalb(rgb.data, img.width, img.height, 3, { k: c.k, sigma: c.sigma, minSize: c.minSize });
      const ref = decodeU16(c.labels);
      const covered = segmentationCovering(ref, seg.labels);
      const reverse = segmentationCovering(seg.labels, ref);
      console.log(`${c.image} k=${c.k}: covering ${covered.toFixed(4)} / ${reverse.toFixed(4)}, regions ${seg.count} vs ${c.numRegions}`);
      expect(covered).toBeGreaterThanOrEqual(0.97);
      expect(reverse).toBeGreaterThanOrEqual(0.97);
      // Region counts within 5% of the reference (float smoothing; rounding would inflate them).
      expect(Math.abs(seg.count - c.numRegions) / c.numRegions).toBeLessThan(0.05);
    });
  }
});

describe('felzenszwalb on tiny inline images', () => {
  it('two flat halves give two regions labelled in raster order', () => {
    const w = 8, h = 4, planes = new Uint8Array(3 * w * h);
    for (let c = 0; c < 3; c++) for (let y = 0; y < h; y++) for (let x = 4; x < w; x++) planes[c * w * h + y * w + x] = 200;
    const seg = felzenszwalb(planes, w, h, 3, { k: 10, sigma: 0.1, minSize: 1 });
    expect(seg.count).toBe(2);
    expect(Array.from(seg.labels.subarray(0, 8))).toEqual([0, 0, 0, 0, 1, 1, 1, 1]);
  });

  it('min_size merges a small speck into its surroundings', () => {
    const w = 10, h = 10, planes = new Uint8Array(3 * w * h);
    for (let c = 0; c < 3; c++) planes[c * w * h + 5 * w + 5] = 255;
    expect(felzenszwalb(planes, w, h, 3, { k: 1, sigma: 0.1, minSize: 1 }).count).toBeGreaterThan(1);
    expect(felzenszwalb(planes, w, h, 3, { k: 1, sigma: 0.1, minSize: 5 }).count).toBe(1);
  });

  it('a 1x1 image is one region and a 0x0 image none', () => {
    expect(felzenszwalb(new Uint8Array(3), 1, 1, 3).count).toBe(1);
    expect(felzenszwalb(new Uint8Array(0), 0, 0, 3).count).toBe(0);
  });
});
