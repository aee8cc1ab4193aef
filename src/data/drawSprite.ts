import { boxBlur } from './boxBlur';
import type { ColourMatrix } from './colourJitter';
import { MASK_ALPHA, type GlyphMipmap } from './glyphMipmap';
import type { SceneCanvas } from './sceneCanvas';

/**
 * Where and how to draw a glyph. The glyph's centre goes to (cx, cy); the forward map from glyph
 * pixels q to image pixels p is p = C + R(angle) * diag(sx, sy) * F * (q - Q) with F a horizontal
 * mirror when `flip` and Q the glyph centre.
 */
export interface SpriteDraw {
  readonly mip: GlyphMipmap;
  /** Centre in image pixels (continuous). */
  readonly cx: number;
  readonly cy: number;
  /** Scale of glyph x / y (before rotation): image px per atlas px. */
  readonly sx: number;
  readonly sy: number;
  /** Rotation in radians (positive = clockwise on screen, y down). */
  readonly angle: number;
  readonly flip: boolean;
  /** Colour transform applied to the glyph's straight colour; identity when unset. */
  readonly colour?: ColourMatrix;
  /** Box-blur radius in pixels applied to the drawn glyph (0 = sharp). */
  readonly blur?: number;
}

/** What drawing one sprite covered. Boxes are [x1, y1, x2, y2] image pixels, x2/y2 exclusive. */
export interface SpriteCoverage {
  /** In-image pixels where the drawn alpha exceeds MASK_ALPHA. */
  readonly maskPixels: number;
  /** Tight box of those pixels, or null when none is inside the image. */
  readonly box: [number, number, number, number] | null;
  /** Expected mask area of the whole glyph, in or out of the image (maskArea * sx * sy). */
  readonly fullMaskArea: number;
  /** Bounds of the transformed glyph rectangle, not clipped to the image. */
  readonly extent: [number, number, number, number];
}

/** Half width and half height (image px) of the axis-aligned bounds of the transformed glyph rectangle. */
export function spriteHalfExtent(w: number, h: number, sx: number, sy: number, angle: number): [number, number] {
  const c = Math.abs(Math.cos(angle)), s = Math.abs(Math.sin(angle));
  return [(c * sx * w + s * sy * h) / 2, (s * sx * w + c * sy * h) / 2];
}

/**
 * Draws a glyph onto the canvas: inverse-maps every covered pixel centre into the mip level that best
 * matches the scale, samples it bilinearly (premultiplied, so edges do not darken), applies the colour
 * transform, optionally blurs the glyph layer, then composites it over the canvas ("over" operator).
 * @param owner optional per-pixel topmost-object map (width * height): pixels the glyph covers with
 *   alpha > MASK_ALPHA are set to `ownerId` (0 for distractors, which hide what is below).
 */
export function drawSprite(canvas: SceneCanvas, sprite: SpriteDraw, owner: Uint8Array | null = null, ownerId = 0): SpriteCoverage {
  const { width: W, height: H, rgb } = canvas;
  const { mip, cx, cy, sx, sy, angle, flip, colour, blur = 0 } = sprite;
  if (!(sx > 0 && sy > 0) || !Number.isFinite(cx + cy + angle)) throw new Error(`drawSprite: bad transform sx=${sx} sy=${sy} cx=${cx} cy=${cy} angle=${angle}`);
  const [hw, hh] = spriteHalfExtent(mip.w, mip.h, sx, sy, angle);
  const extent: [number, number, number, number] = [cx - hw, cy - hh, cx + hw, cy + hh];
  const fullMaskArea = mip.maskArea * sx * sy;
  const pad = Math.ceil(blur) * 2;
  const x0 = Math.max(0, Math.floor(extent[0]) - pad), x1 = Math.min(W, Math.ceil(extent[2]) + pad);
  const y0 = Math.max(0, Math.floor(extent[1]) - pad), y1 = Math.min(H, Math.ceil(extent[3]) + pad);
  const lw = x1 - x0, lh = y1 - y0;
  if (lw <= 0 || lh <= 0) return { maskPixels: 0, box: null, fullMaskArea, extent };

  // Mip level: each level halves resolution; pick the one whose texel is about one image pixel.
  const level = Math.max(0, Math.min(mip.levels.length - 1, Math.floor(Math.log2(1 / Math.sqrt(sx * sy)))));
  const { w: tw, h: th, data: tex } = mip.levels[level];
  const stride = tw + 2;
  const k = 1 / 2 ** level;
  const c = Math.cos(angle), s = Math.sin(angle), f = flip ? -1 : 1;
  // Texel coordinates (border-offset, pixel-centre convention) as affine functions of (x, y).
  const dudx = (f * c * k) / sx, dudy = (f * s * k) / sx;
  const dvdx = (-s * k) / sy, dvdy = (c * k) / sy;
  const u00 = (mip.w / 2) * k + 0.5, v00 = (mip.h / 2) * k + 0.5; // + 1 border - 0.5 centre

  const layer = new Float32Array(lw * lh * 4);
  const m = colour;
  for (let y = 0; y < lh; y++) {
    const dy = y0 + y + 0.5 - cy;
    let dx = x0 + 0.5 - cx;
    let u = u00 + dudx * dx + dudy * dy, v = v00 + dvdx * dx + dvdy * dy;
    for (let x = 0; x < lw; x++, dx++, u += dudx, v += dvdx) {
      if (!(u >= 0 && v >= 0 && u < tw + 1 && v < th + 1)) continue;
      const iu = Math.floor(u), iv = Math.floor(v);
      const fu = u - iu, fv = v - iv;
      const a = (iv * stride + iu) * 4, b = a + stride * 4;
      const w00 = (1 - fu) * (1 - fv), w01 = fu * (1 - fv), w10 = (1 - fu) * fv, w11 = fu * fv;
      const al = tex[a + 3] * w00 + tex[a + 7] * w01 + tex[b + 3] * w10 + tex[b + 7] * w11;
      if (al <= 1e-4) continue;
      let r = tex[a] * w00 + tex[a + 4] * w01 + tex[b] * w10 + tex[b + 4] * w11;
      let g = tex[a + 1] * w00 + tex[a + 5] * w01 + tex[b + 1] * w10 + tex[b + 5] * w11;
      let bl = tex[a + 2] * w00 + tex[a + 6] * w01 + tex[b + 2] * w10 + tex[b + 6] * w11;
      if (m) {
        // Premultiplied: the affine offset scales with alpha; clamp to the valid range [0, 255 * alpha].
        const nr = m[0] * r + m[1] * g + m[2] * bl + m[3] * al;
        const ng = m[4] * r + m[5] * g + m[6] * bl + m[7] * al;
        const nb = m[8] * r + m[9] * g + m[10] * bl + m[11] * al;
        const top = 255 * al;
        r = nr < 0 ? 0 : nr > top ? top : nr;
        g = ng < 0 ? 0 : ng > top ? top : ng;
        bl = nb < 0 ? 0 : nb > top ? top : nb;
      }
      const o = (y * lw + x) * 4;
      layer[o] = r; layer[o + 1] = g; layer[o + 2] = bl; layer[o + 3] = al;
    }
  }
  if (blur > 0) boxBlur(layer, lw, lh, 4, blur, 2, 'zero');

  let maskPixels = 0, bx0 = W, by0 = H, bx1 = -1, by1 = -1;
  for (let y = 0; y < lh; y++) {
    for (let x = 0; x < lw; x++) {
      const o = (y * lw + x) * 4;
      const a = layer[o + 3];
      if (a <= 0) continue;
      const p = (y0 + y) * W + x0 + x;
      const q = 3 * p, keep = 1 - a;
      rgb[q] = layer[o] + keep * rgb[q];
      rgb[q + 1] = layer[o + 1] + keep * rgb[q + 1];
      rgb[q + 2] = layer[o + 2] + keep * rgb[q + 2];
      if (a > MASK_ALPHA) {
        maskPixels++;
        if (owner) owner[p] = ownerId;
        const px = x0 + x, py = y0 + y;
        if (px < bx0) bx0 = px;
        if (px > bx1) bx1 = px;
        if (py < by0) by0 = py;
        if (py > by1) by1 = py;
      }
    }
  }
  const box: [number, number, number, number] | null = maskPixels > 0 ? [bx0, by0, bx1 + 1, by1 + 1] : null;
  return { maskPixels, box, fullMaskArea, extent };
}
