import { type ImageBox, imageBox } from './boxes';

/**
 * R-CNN box-regression targets (PAPER §3 step 6): for a proposal P and its ground truth G (both
 * [x1, y1, x2, y2]), dx = (Gx - Px) / Pw, dy = (Gy - Py) / Ph, dw = log(Gw / Pw), dh = log(Gh / Ph),
 * with centres x = (x1 + x2) / 2 and sizes w = x2 - x1.
 */
export function encodeBoxDeltas(p: ArrayLike<number>, g: ArrayLike<number>, po = 0, go = 0): [number, number, number, number] {
  const pw = Math.max(p[po + 2] - p[po], 1e-3);
  const ph = Math.max(p[po + 3] - p[po + 1], 1e-3);
  const gw = Math.max(g[go + 2] - g[go], 1e-3);
  const gh = Math.max(g[go + 3] - g[go + 1], 1e-3);
  return [
    ((g[go] + g[go + 2]) / 2 - (p[po] + p[po + 2]) / 2) / pw,
    ((g[go + 1] + g[go + 3]) / 2 - (p[po + 1] + p[po + 3]) / 2) / ph,
    Math.log(gw / pw),
    Math.log(gh / ph),
  ];
}

/** Log-scale deltas above this are clamped (a box at most ~e^4 = 55x its proposal). */
const MAX_LOG = 4;

/** Inverse of {@link encodeBoxDeltas}: applies deltas to proposal P, clipped to the image. */
export function decodeBoxDeltas(p: ArrayLike<number>, d: ArrayLike<number>, imageSize: readonly [number, number], po = 0, dOff = 0): ImageBox {
  const pw = p[po + 2] - p[po];
  const ph = p[po + 3] - p[po + 1];
  const cx = (p[po] + p[po + 2]) / 2 + d[dOff] * pw;
  const cy = (p[po + 1] + p[po + 3]) / 2 + d[dOff + 1] * ph;
  const w = pw * Math.exp(Math.min(d[dOff + 2], MAX_LOG));
  const h = ph * Math.exp(Math.min(d[dOff + 3], MAX_LOG));
  const clip = (v: number, hi: number): number => Math.min(Math.max(v, 0), hi);
  const x1 = clip(cx - w / 2, imageSize[0]);
  const y1 = clip(cy - h / 2, imageSize[1]);
  const x2 = Math.max(clip(cx + w / 2, imageSize[0]), x1);
  const y2 = Math.max(clip(cy + h / 2, imageSize[1]), y1);
  return imageBox(x1, y1, x2, y2);
}
