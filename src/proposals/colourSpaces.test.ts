import { describe, expect, it } from 'vitest';
import { rgbToGrey, rgbToHsv, rgbToLab, rgbToRgi, toColourSpace } from './colourSpaces';

// Expected values from OpenCV 4.6 (cv2.cvtColor on uint8 RGB; hue from the float conversion * 255/360).
const CASES: Array<{ rgb: [number, number, number]; hsv: [number, number, number]; lab: [number, number, number]; grey: number }> = [
  { rgb: [255, 0, 0], hsv: [0, 255, 255], lab: [136, 208, 195], grey: 76 },
  { rgb: [0, 255, 0], hsv: [85, 255, 255], lab: [224, 42, 211], grey: 150 },
  { rgb: [0, 0, 255], hsv: [170, 255, 255], lab: [82, 207, 20], grey: 29 },
  { rgb: [255, 255, 255], hsv: [0, 0, 255], lab: [255, 128, 128], grey: 255 },
  { rgb: [0, 0, 0], hsv: [0, 0, 0], lab: [0, 128, 128], grey: 0 },
  { rgb: [128, 64, 32], hsv: [14, 191, 128], lab: [89, 153, 159], grey: 79 },
  { rgb: [10, 200, 150], hsv: [116, 242, 200], lab: [184, 75, 142], grey: 137 },
  // Hue exactly 60°: 42.5 rounds to 43 (MATLAB im2uint8); OpenCV's float path gives 59.99° → 42.
  { rgb: [250, 250, 10], hsv: [43, 245, 250], lab: [244, 107, 220], grey: 223 },
  { rgb: [90, 90, 90], hsv: [0, 0, 90], lab: [98, 128, 128], grey: 90 },
  { rgb: [200, 30, 220], hsv: [208, 220, 220], lab: [128, 209, 70], grey: 102 },
];

describe('colour conversions vs OpenCV values', () => {
  for (const c of CASES) {
    it(`rgb(${c.rgb.join(', ')})`, () => {
      expect(rgbToHsv(...c.rgb)).toEqual(c.hsv);
      const lab = rgbToLab(...c.rgb);
      for (let i = 0; i < 3; i++) expect(Math.abs(lab[i] - c.lab[i])).toBeLessThanOrEqual(1);
      expect(rgbToGrey(...c.rgb)).toBe(c.grey);
    });
  }

  it('rgI: chromaticity scaled to 0..255 plus grey; black gives zeros', () => {
    expect(rgbToRgi(100, 50, 50)).toEqual([128, 64, rgbToGrey(100, 50, 50)]);
    expect(rgbToRgi(0, 0, 0)).toEqual([0, 0, 0]);
  });

  it('toColourSpace writes planar channels; h and i replicate one channel', () => {
    const n = CASES.length;
    const data = new Uint8Array(3 * n);
    CASES.forEach((c, p) => { data[p] = c.rgb[0]; data[n + p] = c.rgb[1]; data[2 * n + p] = c.rgb[2]; });
    const rgb = { width: n, height: 1, data };
    const hsv = toColourSpace(rgb, 'hsv');
    const lab = toColourSpace(rgb, 'lab');
    const h = toColourSpace(rgb, 'h');
    const i = toColourSpace(rgb, 'i');
    const rgi = toColourSpace(rgb, 'rgi');
    CASES.forEach((c, p) => {
      expect([hsv[p], hsv[n + p], hsv[2 * n + p]]).toEqual(c.hsv);
      expect([lab[p], lab[n + p], lab[2 * n + p]]).toEqual(rgbToLab(...c.rgb));
      expect([h[p], h[n + p], h[2 * n + p]]).toEqual([c.hsv[0], c.hsv[0], c.hsv[0]]);
      expect([i[p], i[n + p], i[2 * n + p]]).toEqual([c.grey, c.grey, c.grey]);
      expect([rgi[p], rgi[n + p], rgi[2 * n + p]]).toEqual(rgbToRgi(...c.rgb));
    });
    expect(toColourSpace(rgb, 'rgb')).toEqual(data);
  });
});

describe('Lab cube-root table', () => {
  it('matches the exact formula within 1 level on a 16^3 RGB grid, almost always exactly', () => {
    const exact = (r: number, g: number, b: number): number[] => {
      const lin = (v: number) => { const c = v / 255; return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4); };
      const R = lin(r), G = lin(g), B = lin(b);
      const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
      const x = (0.412453 * R + 0.35758 * G + 0.180423 * B) / 0.950456;
      const y = 0.212671 * R + 0.71516 * G + 0.072169 * B;
      const z = (0.019334 * R + 0.119193 * G + 0.950227 * B) / 1.088754;
      const L = y > 0.008856 ? 116 * f(y) - 16 : 903.3 * y;
      const cl = (v: number) => Math.min(255, Math.max(0, Math.round(v)));
      return [cl((L * 255) / 100), cl(500 * (f(x) - f(y)) + 128), cl(200 * (f(y) - f(z)) + 128)];
    };
    let differ = 0;
    for (let r = 0; r < 256; r += 17) for (let g = 0; g < 256; g += 17) for (let b = 0; b < 256; b += 17) {
      const a = rgbToLab(r, g, b), e = exact(r, g, b);
      for (let i = 0; i < 3; i++) {
        expect(Math.abs(a[i] - e[i])).toBeLessThanOrEqual(1);
        if (a[i] !== e[i]) differ++;
      }
    }
    expect(differ).toBeLessThanOrEqual(3);
  });
});
