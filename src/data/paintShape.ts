import type { SceneCanvas } from './sceneCanvas';

/** A filled shape in image pixels (continuous coordinates; angles in radians). */
export type Shape =
  | { readonly kind: 'ellipse'; readonly cx: number; readonly cy: number; readonly rx: number; readonly ry: number; readonly angle: number }
  | { readonly kind: 'rect'; readonly cx: number; readonly cy: number; readonly hw: number; readonly hh: number; readonly angle: number }
  | { readonly kind: 'triangle'; readonly points: readonly [number, number, number, number, number, number] };

/**
 * Paints an anti-aliased shape onto the canvas: coverage = clamp(0.5 - signed distance, 0, 1) at each
 * pixel centre (distance in pixels; approximate for ellipses), blended with the given opacity.
 * @param colour RGB, 0..255.
 * @param opacity 0..1.
 */
export function paintShape(canvas: SceneCanvas, shape: Shape, colour: readonly [number, number, number], opacity = 1): void {
  const { width, height } = canvas;
  const [x0, y0, x1, y1] = shapeBounds(shape);
  const xa = Math.max(0, Math.floor(x0) - 1), xb = Math.min(width, Math.ceil(x1) + 1);
  const ya = Math.max(0, Math.floor(y0) - 1), yb = Math.min(height, Math.ceil(y1) + 1);
  if (xa >= xb || ya >= yb) return;
  const row = new Float32Array(xb - xa);
  for (let y = ya; y < yb; y++) {
    distanceRow(shape, xa, y + 0.5, row);
    blendRow(canvas, y, xa, row, colour, opacity);
  }
}

/** Signed distances (negative inside) of pixel centres (xa + i + 0.5, py) into `out`. */
function distanceRow(shape: Shape, xa: number, py: number, out: Float32Array): void {
  const n = out.length;
  if (shape.kind === 'triangle') {
    const p = shape.points;
    const sign = (p[2] - p[0]) * (p[5] - p[1]) - (p[4] - p[0]) * (p[3] - p[1]) >= 0 ? 1 : -1;
    out.fill(-Infinity);
    for (let k = 0; k < 3; k++) {
      const ax = p[2 * k], ay = p[2 * k + 1], bx = p[(2 * k + 2) % 6], by = p[(2 * k + 3) % 6];
      const len = Math.sqrt((bx - ax) * (bx - ax) + (by - ay) * (by - ay)) || 1;
      const nx = (sign * (by - ay)) / len, ny = (-sign * (bx - ax)) / len; // outward normal
      let d = (xa + 0.5 - ax) * nx + (py - ay) * ny;
      for (let i = 0; i < n; i++, d += nx) if (d > out[i]) out[i] = d;
    }
    return;
  }
  const c = Math.cos(shape.angle), s = Math.sin(shape.angle);
  const dx0 = xa + 0.5 - shape.cx, dy = py - shape.cy;
  let u = dx0 * c + dy * s, v = -dx0 * s + dy * c;
  if (shape.kind === 'rect') {
    const { hw, hh } = shape;
    for (let i = 0; i < n; i++, u += c, v -= s) out[i] = Math.max(Math.abs(u) - hw, Math.abs(v) - hh);
    return;
  }
  const irx = 1 / shape.rx, iry = 1 / shape.ry, m = Math.min(shape.rx, shape.ry);
  for (let i = 0; i < n; i++, u += c, v -= s) {
    const a = u * irx, b = v * iry;
    out[i] = (Math.sqrt(a * a + b * b) - 1) * m;
  }
}

/** Blends `colour` over row y from column xa with coverage from the distances in `dist`. */
function blendRow(canvas: SceneCanvas, y: number, xa: number, dist: Float32Array, colour: readonly [number, number, number], opacity: number): void {
  const { rgb, width } = canvas;
  const [r, g, b] = colour;
  for (let i = 0, o = 3 * (y * width + xa); i < dist.length; i++, o += 3) {
    const cover = 0.5 - dist[i];
    if (cover <= 0) continue;
    const a = (cover >= 1 ? 1 : cover) * opacity;
    rgb[o] += (r - rgb[o]) * a;
    rgb[o + 1] += (g - rgb[o + 1]) * a;
    rgb[o + 2] += (b - rgb[o + 2]) * a;
  }
}

/** Axis-aligned bounds [x0, y0, x1, y1] of a shape. */
function shapeBounds(shape: Shape): [number, number, number, number] {
  if (shape.kind === 'triangle') {
    const p = shape.points;
    return [Math.min(p[0], p[2], p[4]), Math.min(p[1], p[3], p[5]), Math.max(p[0], p[2], p[4]), Math.max(p[1], p[3], p[5])];
  }
  const c = Math.abs(Math.cos(shape.angle)), s = Math.abs(Math.sin(shape.angle));
  const [a, b] = shape.kind === 'ellipse' ? [shape.rx, shape.ry] : [shape.hw, shape.hh];
  const ex = a * c + b * s, ey = a * s + b * c;
  return [shape.cx - ex, shape.cy - ey, shape.cx + ex, shape.cy + ey];
}
