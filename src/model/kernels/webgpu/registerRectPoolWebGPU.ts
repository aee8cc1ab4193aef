import { getKernel, registerKernel, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { RECT_POOL, type RectPoolAttrs } from '../rectPoolKernel';
import { RectPoolProgram } from './RectPoolProgram';

const rectPoolWebGPU: KernelFunc = ({ inputs, backend, attrs }) => {
  const { x, rects } = inputs as { x: TensorInfo; rects: TensorInfo };
  const { mode } = attrs as unknown as RectPoolAttrs;
  const program = new RectPoolProgram(rects.shape[0], x.shape[2], mode);
  return (backend as WebGPUBackend).runWebGPUProgram(program, [x, rects], mode === 'argmax' ? 'int32' : 'float32');
};

/** Registers the WGSL kernel for the webgpu backend (idempotent). */
export function registerRectPoolWebGPU(): void {
  if (!getKernel(RECT_POOL, 'webgpu')) registerKernel({ kernelName: RECT_POOL, backendName: 'webgpu', kernelFunc: rectPoolWebGPU });
}
