import * as tf from '@tensorflow/tfjs-core';
import { scaledImageSize } from '../geometry/scaleBox';
import { type RgbaImage, imageToInput, trunkLayers } from '../model';
import type { SppNetCore } from './runDetector';

/** One conv layer's output over the whole image at one scale, for the feature-map views. */
export interface FeatureMapLayer {
  /** conv1 … conv5. */
  name: string;
  /** [h, w, k] of `data`. */
  shape: [number, number, number];
  /** Pixels (at scale s) per cell: 4 after conv1+pool1, 16 from conv2 on (ZF-5). */
  stride: number;
  /** [h, w, k] float32, row-major (HWC), after ReLU (and pooling where the layer has it). */
  data: Float32Array;
}

/** What {@link featureMaps} returns: plain arrays, no tensors. */
export interface FeatureMaps {
  /** The scale s (min side) the image was resized to. */
  s: number;
  /** [w, h] of the resized image. */
  scaledSize: [number, number];
  /** One entry per conv layer, conv5 last (the map the pyramid pools). */
  layers: FeatureMapLayer[];
}

/**
 * Runs the trunk once on the whole image at scale s and reads back every layer's output, so the
 * views can show conv1…conv5 channel by channel and pool any window of conv5 themselves. Disposes
 * every tensor it creates.
 */
export async function featureMaps(core: SppNetCore, image: RgbaImage, s: number): Promise<FeatureMaps> {
  const { manifest, params } = core;
  const [w, h] = scaledImageSize([image.width, image.height], s);
  const input = imageToInput(image, manifest.normalization, [h, w]);
  const outs = trunkLayers(manifest.spec, params, input);
  input.dispose();
  try {
    const layers: FeatureMapLayer[] = [];
    let stride = 1;
    for (let i = 0; i < outs.length; i++) {
      const l = manifest.spec.conv[i];
      stride *= l.stride * (l.pool ? 2 : 1);
      const [, lh, lw, k] = outs[i].shape;
      layers.push({ name: l.name, shape: [lh, lw, k], stride, data: (await outs[i].data()) as Float32Array });
    }
    return { s, scaledSize: [w, h], layers };
  } finally {
    tf.dispose(outs);
  }
}
