import { describe, expect, it } from 'vitest';
import { derivativeKernel, gaussianGradient, gaussianKernel, smoothPlanes } from './gaussianFilter';

describe('Gaussian kernels and filters', () => {
  it('sigma 0.8 has radius 4 and the full kernel sums to 1', () => {
    const k = gaussianKernel(0.8);
    expect(k.length).toBe(5);
    expect(k[0] + 2 * (k[1] + k[2] + k[3] + k[4])).toBeCloseTo(1, 6);
    expect(k[1] / k[0]).toBeCloseTo(Math.exp(-0.5 / 0.64), 5);
  });

  it('smoothing keeps a flat image flat and spreads an impulse symmetrically, clamped at borders', () => {
    const w = 9, h = 9;
    const flat = new Uint8Array(3 * w * h).fill(77);
    for (const v of smoothPlanes(flat, w, h, 3, 0.8)) expect(v).toBeCloseTo(77, 4);
    const imp = new Float32Array(w * h);
    imp[4 * w + 4] = 100;
    const s = smoothPlanes(imp, w, h, 1, 0.8);
    const k = gaussianKernel(0.8);
    expect(s[4 * w + 4]).toBeCloseTo(100 * k[0] * k[0], 4);
    expect(s[4 * w + 5]).toBeCloseTo(s[4 * w + 3], 6);
    expect(s[3 * w + 4]).toBeCloseTo(s[4 * w + 5], 6);
    expect(s.reduce((a, v) => a + v, 0)).toBeCloseTo(100, 3);
  });

  it('derivative of a ramp is its slope (unit ramp gain), 0 across it', () => {
    expect(derivativeKernel(1)[0]).toBe(0);
    const w = 20, h = 12, img = new Float32Array(w * h);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) img[y * w + x] = 3 * x;
    const { gx, gy } = gaussianGradient(img, w, h, 1);
    expect(gx[6 * w + 10]).toBeCloseTo(3, 4);
    expect(gy[6 * w + 10]).toBeCloseTo(0, 5);
    expect(gx[6 * w + 0]).toBeLessThan(3); // clamped border sees a flatter ramp
  });
});
