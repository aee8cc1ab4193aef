import * as tf from '@tensorflow/tfjs-core';

/** An RGBA image in memory (ImageData-like). */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array | Uint8ClampedArray;
}

/** Input normalisation of the model: x = (rgb / 255 - mean) / std. */
export interface Normalization {
  mean: readonly [number, number, number];
  std: readonly [number, number, number];
}

/** The default normalisation of models trained here. */
export const DEFAULT_NORMALIZATION: Normalization = { mean: [0.5, 0.5, 0.5], std: [0.25, 0.25, 0.25] };

/** Drops alpha and normalises: RGBA bytes → Float32Array of h*w*3 (HWC). */
export function rgbaToFloatHwc(image: RgbaImage, norm: Normalization = DEFAULT_NORMALIZATION, out?: Float32Array, offset = 0): Float32Array {
  const n = image.width * image.height;
  if (image.data.length !== 4 * n) throw new Error(`rgbaToFloatHwc: expected ${4 * n} RGBA bytes for ${image.width}x${image.height}, got ${image.data.length}`);
  const o = out ?? new Float32Array(3 * n);
  const a = [1 / (255 * norm.std[0]), 1 / (255 * norm.std[1]), 1 / (255 * norm.std[2])];
  const b = [-norm.mean[0] / norm.std[0], -norm.mean[1] / norm.std[1], -norm.mean[2] / norm.std[2]];
  const d = image.data;
  for (let i = 0, j = offset; i < n; i++, j += 3) {
    o[j] = d[4 * i] * a[0] + b[0];
    o[j + 1] = d[4 * i + 1] * a[1] + b[1];
    o[j + 2] = d[4 * i + 2] * a[2] + b[2];
  }
  return o;
}

/**
 * The image as a normalised [1, H, W, 3] tensor, resized (bilinear, aligned corners off) to
 * `size` = [height, width] when given.
 */
export function imageToInput(image: RgbaImage, norm: Normalization = DEFAULT_NORMALIZATION, size?: readonly [number, number]): tf.Tensor4D {
  return tf.tidy(() => {
    const x = tf.tensor4d(rgbaToFloatHwc(image, norm), [1, image.height, image.width, 3]);
    if (!size || (size[0] === image.height && size[1] === image.width)) return x;
    return tf.image.resizeBilinear(x, [size[0], size[1]], false, true);
  });
}
