import * as tf from '@tensorflow/tfjs-core';
import { scaledImageSize } from '../../geometry/scaleBox';
import { type Normalization, type RgbaImage, imageToInput } from './inputTensor';
import type { SppNetParams } from './sppNetParams';
import type { SppNetSpec } from './sppNetSpec';
import { headForward, imageClsFeatures } from './sppNetForward';

/**
 * A full-image view for classification (PAPER §2.3 test time: no crop, no warp): the whole image with
 * its min side resized to round(trainSide * scale), aspect kept, mirrored left-right when `flip`.
 */
export interface FullImageView {
  scale: number;
  flip: boolean;
}

/**
 * The paper's full-image view (PAPER §2 test time; SPP-net §3.1.3): the whole image with min side 256 for a
 * network trained on 224 crops, i.e. min side = 256/224 of the training side (165 at our 144). Until
 * session 13 this was min side = the training side (144); on 1,000 held-out images that scored 91.3% against
 * 92.3% at 165 (`npm run eval:cls -- --split heldout --extra-sides 165`).
 */
export const SINGLE_VIEW: readonly FullImageView[] = [{ scale: 256 / 224, flip: false }];

/**
 * Multi-view testing on full images (PAPER §3.1 averages views at several scales, with and without
 * flipping; ours keep the whole image in every view, no crop): min side 116, 144, 176 and 208 at a
 * training side of 144, each also mirrored: 8 views. Picked with `npm run eval:cls -- --split heldout`
 * (training-split images never trained on), not on the test split.
 */
export const MULTI_VIEWS: readonly FullImageView[] = viewsAtSides([116, 144, 176, 208], 144);

/** Full-image views at these min sides (px) for a network trained at `trainSide`, each plain and mirrored. */
export function viewsAtSides(sides: readonly number[], trainSide: number): FullImageView[] {
  return sides.flatMap((side) => [false, true].map((flip) => ({ scale: side / trainSide, flip })));
}

/**
 * Class probabilities of a whole image: the softmax of the classification head, averaged over `views`.
 * @param trainSide side of the square training input (sqrt of the manifest's trainArea).
 * @returns [numClasses] probabilities (class id i + 1 at index i).
 */
export function classifyFullImage(spec: SppNetSpec, params: SppNetParams, norm: Normalization, image: RgbaImage, trainSide: number, views: readonly FullImageView[] = SINGLE_VIEW): tf.Tensor1D {
  if (!views.length) throw new Error('classifyFullImage: no views');
  return tf.tidy(() => {
    const probs = views.map((v) => tf.softmax(headForward(params, 'cls', fullImageClsFeatures(spec, params, norm, image, trainSide, v))));
    return tf.reshape(probs.length === 1 ? probs[0] : tf.div(tf.addN(probs), probs.length), [-1]) as tf.Tensor1D;
  });
}

/**
 * The classification head's input for one full-image view (trunk and/or classification branch, SPP of the
 * whole conv5 map, fc6, fc7; no dropout; the features of SppNetSpec.clsInput). @returns [1, clsInputSize(spec)].
 */
export function fullImageClsFeatures(spec: SppNetSpec, params: SppNetParams, norm: Normalization, image: RgbaImage, trainSide: number, view: FullImageView): tf.Tensor2D {
  return tf.tidy(() => imageClsFeatures(spec, params, viewInput(image, norm, trainSide, view)));
}

/** The network input of one full-image view: min side round(trainSide * view.scale), aspect kept, mirrored if `flip`. @returns [1, h, w, 3] normalised. */
export function viewInput(image: RgbaImage, norm: Normalization, trainSide: number, view: FullImageView): tf.Tensor4D {
  return tf.tidy(() => {
    const [w, h] = scaledImageSize([image.width, image.height], Math.max(1, Math.round(trainSide * view.scale)));
    const x = imageToInput(image, norm, [h, w]);
    return view.flip ? tf.reverse(x, 2) : x;
  });
}
