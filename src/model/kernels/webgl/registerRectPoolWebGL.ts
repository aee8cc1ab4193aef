import { getKernel, registerKernel, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import type { MathBackendWebGL } from '@tensorflow/tfjs-backend-webgl';
import { RECT_POOL, type RectPoolAttrs } from '../rectPoolKernel';
import { RectPoolProgram } from './RectPoolProgram';

const rectPoolWebGL: KernelFunc = ({ inputs, backend, attrs }) => {
  const { x, rects } = inputs as { x: TensorInfo; rects: TensorInfo };
  const { mode } = attrs as unknown as RectPoolAttrs;
  const program = new RectPoolProgram(rects.shape[0], x.shape[2], mode);
  return (backend as MathBackendWebGL).compileAndRun(program, [x, rects], mode === 'argmax' ? 'int32' : 'float32', [[x.shape[1]], [x.shape[2]]]);
};

/** Registers the GLSL kernel for the webgl backend (idempotent). */
export function registerRectPoolWebGL(): void {
  if (!getKernel(RECT_POOL, 'webgl')) registerKernel({ kernelName: RECT_POOL, backendName: 'webgl', kernelFunc: rectPoolWebGL });
}
