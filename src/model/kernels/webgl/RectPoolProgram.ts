import type { GPGPUProgram } from '@tensorflow/tfjs-backend-webgl';
import { MAX_MAP_SIDE, type RectPoolKernelMode } from '../rectPoolKernel';

/**
 * GLSL program: one fragment per output value (rect r, channel c), looping over the rect's cells.
 * Loops have a constant bound with `break` so the shader also compiles on WebGL1; shapes are
 * uniforms (enableShapeUniforms) so one shader serves every map size.
 */
export class RectPoolProgram implements GPGPUProgram {
  variableNames = ['x', 'rects'];
  outputShape: number[];
  userCode: string;
  enableShapeUniforms = true;
  // Map width and channels as our own uniforms: tfjs squeezes unit dimensions out of xShape.
  customUniforms = [
    { name: 'mapW', type: 'int' as const },
    { name: 'mapK', type: 'int' as const },
  ];

  constructor(numRects: number, channels: number, mode: RectPoolKernelMode) {
    this.outputShape = [numRects, channels];
    const finish =
      mode === 'avg' ? 'setOutput(total / float((y1 - y0) * (x1 - x0)));'
      : mode === 'argmax' ? 'setOutput(float(bestAt));'
      : 'setOutput(best);';
    this.userCode = `
      void main() {
        ivec2 coords = getOutputCoords();
        int r = coords.x;
        int c = coords.y;
        int w = mapW;
        int k = mapK;
        int y0 = int(getRects(r, 0) + 0.5);
        int y1 = int(getRects(r, 1) + 0.5);
        int x0 = int(getRects(r, 2) + 0.5);
        int x1 = int(getRects(r, 3) + 0.5);
        float best = 0.0;
        int bestAt = -1;
        float total = 0.0;
        for (int dy = 0; dy < ${MAX_MAP_SIDE}; dy++) {
          int y = y0 + dy;
          if (y >= y1) break;
          for (int dx = 0; dx < ${MAX_MAP_SIDE}; dx++) {
            int x = x0 + dx;
            if (x >= x1) break;
            float v = getX(y, x, c);
            total += v;
            if (bestAt < 0 || v > best) {
              best = v;
              bestAt = (y * w + x) * k + c;
            }
          }
        }
        ${finish}
      }
    `;
  }
}
