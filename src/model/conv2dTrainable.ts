import * as tf from '@tensorflow/tfjs-core';

/**
 * A 'valid' conv2d (NHWC, square stride) whose gradients are themselves forward convolutions, so
 * that it trains on the wasm backend, which has no Conv2DBackpropFilter and a slow
 * Conv2DBackpropInput (PLATFORM.md "Training on wasm"):
 * - dW = conv2d(transpose(x, [3,1,2,0]), transpose(dy, [1,2,0,3]), stride 1, 'valid', dilation = stride),
 *   sliced to [kh, kw] and transposed to [kh, kw, ci, co];
 * - dx = conv2d of the zero-inserted, fully padded dy with the spatially flipped, transposed filter.
 * Padding is done by the caller with `tf.pad` (whose gradient is a slice), so the paper's
 * floor(p/2) padding (PAPER §3.4) stays explicit.
 * @param x [b, h, w, ci] float32.
 * @param filter [kh, kw, ci, co] float32.
 * @param options.inputGrad compute dL/dx (false for the first layer: zeros instead). @default true
 * @returns [b, floor((h-kh)/s)+1, floor((w-kw)/s)+1, co].
 */
export function conv2dTrainable(x: tf.Tensor4D, filter: tf.Tensor4D, stride: number, options: { inputGrad?: boolean } = {}): tf.Tensor4D {
  // The first layer's input is the image: its gradient is never used, and for a 7x7/2 conv1 it costs
  // more than the rest of the backward pass, so it can be skipped (zeros are returned).
  const inputGrad = options.inputGrad ?? true;
  const f = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const xi = args[0] as tf.Tensor4D;
    const wi = args[1] as tf.Tensor4D;
    const save = args[2] as tf.GradSaveFunc;
    save([xi, wi]);
    const value = tf.conv2d(xi, wi, stride, 'valid');
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]): tf.Tensor[] => {
      const [xs, ws] = saved as tf.Tensor4D[];
      const dx = inputGrad ? convInputGrad(dy as tf.Tensor4D, ws, xs.shape, stride) : tf.zerosLike(xs);
      return [dx, convFilterGrad(xs, dy as tf.Tensor4D, ws.shape, stride)];
    };
    return { value, gradFunc };
  });
  return f(x, filter) as tf.Tensor4D;
}

/** dL/dW of a valid, strided conv as a dilated forward conv (batch and channel axes swapped). */
export function convFilterGrad(
  x: tf.Tensor4D,
  dy: tf.Tensor4D,
  filterShape: readonly number[],
  stride: number,
): tf.Tensor4D {
  const [kh, kw] = filterShape;
  return tf.tidy(() => {
    const xt = tf.transpose(x, [3, 1, 2, 0]) as tf.Tensor4D; // [ci, h, w, b]
    const dyt = tf.transpose(dy, [1, 2, 0, 3]) as tf.Tensor4D; // [oh, ow, b, co]
    const g = tf.conv2d(xt, dyt, 1, 'valid', 'NHWC', stride); // [ci, kh', kw', co], kh' >= kh
    const gs = tf.slice(g, [0, 0, 0, 0], [-1, kh, kw, -1]);
    return tf.transpose(gs, [1, 2, 0, 3]) as tf.Tensor4D;
  });
}

/** dL/dx of a valid, strided conv as a forward conv of the zero-inserted dy with the flipped filter. */
export function convInputGrad(
  dy: tf.Tensor4D,
  filter: tf.Tensor4D,
  xShape: readonly number[],
  stride: number,
): tf.Tensor4D {
  const [b, oh, ow, co] = dy.shape;
  const [kh, kw] = filter.shape;
  const [, h, w] = xShape;
  return tf.tidy(() => {
    let up: tf.Tensor4D = dy;
    if (stride > 1) {
      // Zero insertion: [b, oh, 1, ow, 1, co] padded to [b, oh, s, ow, s, co], then cut the tail.
      const e = tf.reshape(dy, [b, oh, 1, ow, 1, co]);
      const p = tf.pad(e, [[0, 0], [0, 0], [0, stride - 1], [0, 0], [0, stride - 1], [0, 0]]);
      up = tf.slice(tf.reshape(p, [b, oh * stride, ow * stride, co]), [0, 0, 0, 0], [b, (oh - 1) * stride + 1, (ow - 1) * stride + 1, co]) as tf.Tensor4D;
    }
    // Full padding, plus the rows/cols of x that no output used (when (h - kh) % stride != 0).
    const extraH = h - ((oh - 1) * stride + kh);
    const extraW = w - ((ow - 1) * stride + kw);
    const padded = tf.pad(up, [[0, 0], [kh - 1, kh - 1 + extraH], [kw - 1, kw - 1 + extraW], [0, 0]]) as tf.Tensor4D;
    const flipped = tf.transpose(tf.reverse(filter, [0, 1]), [0, 1, 3, 2]) as tf.Tensor4D; // [kh, kw, co, ci]
    return tf.conv2d(padded, flipped, 1, 'valid');
  });
}
