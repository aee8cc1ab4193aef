/**
 * The image type selective search accepts: ImageData-like RGBA bytes, row-major, 4 bytes a pixel
 * (alpha is ignored). `ImageData`, `{width, height, data}` from a canvas, or a Node decoder all fit.
 */
export interface RgbaImage {
  /** Width in pixels (integer >= 0). */
  readonly width: number;
  /** Height in pixels (integer >= 0). */
  readonly height: number;
  /** width * height * 4 bytes, RGBA, row-major. */
  readonly data: Uint8ClampedArray | Uint8Array;
}

/**
 * Throws a clear message unless `image` is a well-formed {@link RgbaImage}: non-negative integer size
 * and a byte buffer of exactly width * height * 4 (the message names the bad length).
 * @param what prefix of the message (the calling function's name).
 */
export function assertRgbaImage(image: RgbaImage, what = 'selectiveSearch'): void {
  if (image === null || typeof image !== 'object') {
    throw new Error(`${what}: image must be an object {width, height, data}, got ${String(image)}`);
  }
  const { width, height, data } = image;
  if (!Number.isInteger(width) || width < 0 || !Number.isInteger(height) || height < 0) {
    throw new Error(`${what}: image width and height must be non-negative integers, got ${width}x${height}`);
  }
  if (!(data instanceof Uint8ClampedArray || data instanceof Uint8Array)) {
    const kind = data === null || data === undefined ? String(data) : (data as object).constructor?.name ?? typeof data;
    throw new Error(`${what}: image.data must be a Uint8ClampedArray (RGBA bytes), got ${kind}`);
  }
  const expected = width * height * 4;
  if (data.length !== expected) {
    const per = width * height > 0 ? ` (${(data.length / (width * height)).toFixed(2)} bytes per pixel)` : '';
    throw new Error(
      `${what}: image.data has length ${data.length}${per}, expected width * height * 4 = ${expected} ` +
        `for a ${width}x${height} RGBA image`,
    );
  }
}
