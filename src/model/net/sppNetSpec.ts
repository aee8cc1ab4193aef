import { DEFAULT_LEVELS } from '../../spp/pyramidBins';
import { assertLevels, binCount } from '../../spp/layout';

/** One conv layer of the trunk; padding is floor(kernel/2) (PAPER §3.4), ReLU after it. */
export interface ConvLayerSpec {
  name: string;
  kernel: number;
  stride: number;
  filters: number;
  /** 3x3, stride-2 max pooling with padding 1 after the layer (ZF-5 pool1/pool2). */
  pool: boolean;
}

/** Architecture of an SPP-net: conv trunk, pyramid, fc layers and heads. */
export interface SppNetSpec {
  conv: ConvLayerSpec[];
  /** SPP levels (bins per side), in output order. */
  levels: number[];
  /** Widths of fc6 and fc7. */
  fc: [number, number];
  /** Object classes (the detection head has one more: background = 0). */
  numClasses: number;
  /**
   * What the 20-way classification head reads, concatenated in this order: the pooled conv5 vector,
   * fc6 and/or fc7 of the same window. Detection fine-tuning moves fc6/fc7 (and the last conv layers)
   * towards windows; the head is refitted on the final features, and reading the pooled vector and
   * fc6 as well keeps what fc7 lost for whole images. @default ['fc7'] (the paper's fc8 on fc7)
   */
  clsInput?: ClsFeature[];
  /**
   * Index of the first conv layer the classification path has its own copy of (tensors
   * `cls_<layer>/kernel`, `cls_<layer>/bias`, same shapes as the trunk's): the image runs through the
   * shared layers before it once, then through both the trunk's last layers (the detector's, fine-tuned
   * for windows) and the branch's (kept for whole-image classification), each map pooled by the same
   * pyramid. The head reads the branch's pooled vector as the 'branch' feature. @default none (no branch)
   */
  clsBranch?: number;
}

/** A layer output the classification head can read (see SppNetSpec.clsInput). */
export type ClsFeature = 'pooled' | 'fc6' | 'fc7' | 'branch';

/** The classification branch's layers (from SppNetSpec.clsBranch on), under their tensor names `cls_<layer>`; [] without a branch. */
export function clsBranchLayers(spec: SppNetSpec): ConvLayerSpec[] {
  return spec.clsBranch === undefined ? [] : spec.conv.slice(spec.clsBranch).map((l) => ({ ...l, name: `cls_${l.name}` }));
}

/** The features the classification head reads, in order. */
export function clsInputOf(spec: SppNetSpec): readonly ClsFeature[] {
  return spec.clsInput ?? ['fc7'];
}

/** Width of the classification head's input: the sum of its features' widths. */
export function clsInputSize(spec: SppNetSpec): number {
  const width: Record<ClsFeature, number> = { pooled: pooledSize(spec), fc6: spec.fc[0], fc7: spec.fc[1], branch: pooledSize(spec) };
  return clsInputOf(spec).reduce((a, f) => a + width[f], 0);
}

/**
 * ZF-5-shaped trunk (Zeiler–Fergus "fast" model as used by SPP-net: 7x7/2 conv + pool, 5x5/2 conv +
 * pool, three 3x3 convs; total stride 16) with widths scaled for a browser and a 2-core trainer:
 * 32-64-96-96-64 instead of 96-256-384-384-256. k = 64 conv5 channels, so {6,3,2,1} gives 3,200-d.
 */
export const ZF5_SMALL: SppNetSpec = {
  conv: [
    { name: 'conv1', kernel: 7, stride: 2, filters: 32, pool: true },
    { name: 'conv2', kernel: 5, stride: 2, filters: 64, pool: true },
    { name: 'conv3', kernel: 3, stride: 1, filters: 96, pool: false },
    { name: 'conv4', kernel: 3, stride: 1, filters: 96, pool: false },
    { name: 'conv5', kernel: 3, stride: 1, filters: 64, pool: false },
  ],
  levels: [...DEFAULT_LEVELS],
  fc: [384, 384],
  numClasses: 20,
};

/** Product of all strides (conv and pooling): 16 for ZF-5. */
export function trunkStride(spec: SppNetSpec): number {
  return spec.conv.reduce((s, l) => s * l.stride * (l.pool ? 2 : 1), 1);
}

/** conv5 channels k. */
export function conv5Channels(spec: SppNetSpec): number {
  return spec.conv[spec.conv.length - 1].filters;
}

/** Length k*M of the pooled vector. */
export function pooledSize(spec: SppNetSpec): number {
  return conv5Channels(spec) * binCount(spec.levels);
}

/** conv5 map size [h, w] for an input of [height, width] pixels: ceil through every stride-2 step. */
export function conv5Size(spec: SppNetSpec, height: number, width: number): [number, number] {
  let h = height;
  let w = width;
  for (const l of spec.conv) {
    h = Math.ceil(h / l.stride);
    w = Math.ceil(w / l.stride);
    if (l.pool) {
      h = Math.ceil(h / 2);
      w = Math.ceil(w / 2);
    }
  }
  return [h, w];
}

/** Checks a spec read from a manifest; errors name the bad field. */
export function assertSpec(spec: SppNetSpec): void {
  if (!Array.isArray(spec.conv) || spec.conv.length === 0) throw new Error('SppNetSpec: conv must be a non-empty array');
  for (const l of spec.conv) {
    for (const f of ['kernel', 'stride', 'filters'] as const) {
      if (!Number.isInteger(l[f]) || l[f] < 1) throw new Error(`SppNetSpec: ${l.name}.${f} must be a positive integer, got ${String(l[f])}`);
    }
  }
  assertLevels(spec.levels);
  if (spec.fc.length !== 2 || !spec.fc.every((n) => Number.isInteger(n) && n > 0)) throw new Error(`SppNetSpec: fc must be two positive integers, got ${JSON.stringify(spec.fc)}`);
  if (!Number.isInteger(spec.numClasses) || spec.numClasses < 1) throw new Error(`SppNetSpec: numClasses must be a positive integer, got ${spec.numClasses}`);
  if (spec.clsInput !== undefined) {
    const known: readonly string[] = ['pooled', 'fc6', 'fc7', 'branch'];
    const ok = Array.isArray(spec.clsInput) && spec.clsInput.length > 0 && spec.clsInput.every((f) => known.includes(f)) && new Set(spec.clsInput).size === spec.clsInput.length;
    if (!ok) throw new Error(`SppNetSpec: clsInput must list distinct features of ${known.join(', ')}, got ${JSON.stringify(spec.clsInput)}`);
  }
  const b = spec.clsBranch;
  if (b !== undefined && !(Number.isInteger(b) && b >= 0 && b < spec.conv.length)) throw new Error(`SppNetSpec: clsBranch must be the index of a conv layer (0..${spec.conv.length - 1}), got ${JSON.stringify(b)}`);
  const readsBranch = clsInputOf(spec).includes('branch');
  if (readsBranch !== (b !== undefined)) throw new Error(readsBranch ? "SppNetSpec: clsInput reads 'branch' but clsBranch is not set" : "SppNetSpec: clsBranch is set but clsInput does not read 'branch'");
}
