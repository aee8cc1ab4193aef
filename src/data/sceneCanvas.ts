/**
 * The generator's working raster: opaque RGB as floats in 0..255 (so compositing, jitter and blur do
 * not round at every step), quantised once to RGBA bytes at the end.
 */
export interface SceneCanvas {
  /** Width in pixels. */
  readonly width: number;
  /** Height in pixels. */
  readonly height: number;
  /** width * height * 3 floats, RGB, row-major, nominally 0..255 (clamped only by {@link canvasToRgba}). */
  readonly rgb: Float32Array;
}

/** An RGBA image (ImageData-like): straight alpha, row-major, 4 bytes a pixel. */
export interface RgbaBytes {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8ClampedArray | Uint8Array;
}

/** A black width x height canvas; throws on a size that is not a positive integer. */
export function createSceneCanvas(width: number, height: number): SceneCanvas {
  if (!Number.isInteger(width) || width <= 0 || !Number.isInteger(height) || height <= 0) {
    throw new Error(`createSceneCanvas: width and height must be positive integers, got ${width}x${height}`);
  }
  return { width, height, rgb: new Float32Array(width * height * 3) };
}

/** Rounds and clamps the canvas to opaque RGBA bytes (alpha 255). */
export function canvasToRgba(canvas: SceneCanvas): Uint8ClampedArray {
  const { rgb } = canvas;
  const n = canvas.width * canvas.height;
  const out = new Uint8ClampedArray(n * 4);
  // Uint8ClampedArray stores round-to-nearest and clamps to 0..255 by itself.
  for (let i = 0, j = 0, k = 0; i < n; i++, j += 4, k += 3) {
    out[j] = rgb[k];
    out[j + 1] = rgb[k + 1];
    out[j + 2] = rgb[k + 2];
    out[j + 3] = 255;
  }
  return out;
}
