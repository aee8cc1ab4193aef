import type { WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import type { RectPoolKernelMode } from '../rectPoolKernel';

const WORKGROUP = 64;

/**
 * WGSL program: one invocation per output value (rect r, channel c), looping over the rect's cells.
 * All rects of all windows and levels go in one dispatch. Shapes arrive as uniforms (xShape,
 * rectsShape), so one pipeline serves every map size and window count.
 */
export class RectPoolProgram implements WebGPUProgram {
  variableNames = ['x', 'rects'];
  outputShape: number[];
  shaderKey: string;
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number] = [WORKGROUP, 1, 1];
  size = true;
  private readonly mode: RectPoolKernelMode;

  constructor(numRects: number, channels: number, mode: RectPoolKernelMode) {
    this.outputShape = [numRects, channels];
    this.dispatchLayout = { x: [0, 1] };
    this.dispatch = [Math.ceil((numRects * channels) / WORKGROUP), 1, 1];
    this.mode = mode;
    this.shaderKey = `sppRectPool_${mode}`;
  }

  getUserCode(): string {
    const finish =
      this.mode === 'avg' ? 'setOutputAtIndex(index, total / f32((y1 - y0) * (x1 - x0)));'
      : this.mode === 'argmax' ? 'setOutputAtIndexI32(index, bestAt);'
      : 'setOutputAtIndex(index, best);';
    return `
      fn main(index : i32) {
        if (index < uniforms.size) {
          let k = uniforms.xShape[2];
          let w = uniforms.xShape[1];
          let r = index / k;
          let c = index - r * k;
          let y0 = i32(getRects(r, 0));
          let y1 = i32(getRects(r, 1));
          let x0 = i32(getRects(r, 2));
          let x1 = i32(getRects(r, 3));
          var best = 0.0;
          var bestAt = -1;
          var total = 0.0;
          for (var y = y0; y < y1; y = y + 1) {
            for (var x = x0; x < x1; x = x + 1) {
              let v = getX(y, x, c);
              total = total + v;
              if (bestAt < 0 || v > best) {
                best = v;
                bestAt = (y * w + x) * k + c;
              }
            }
          }
          ${finish}
        }
      }
    `;
  }
}
