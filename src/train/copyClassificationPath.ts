import * as tf from '@tensorflow/tfjs-core';
import { type ModelManifest, type SppNetParams, type SppNetSpec, assertSpec } from '../model';

/**
 * The recipe's stage 4 with `--cls-from`: puts another model's classification path (its branch `cls_*` and
 * its 20-way head `cls/*`) into `params` in place of the head being trained, so a detection-only run keeps a
 * classifier trained elsewhere. The source must branch off at or before `branchFrom`, the first conv layer this run
 * fine-tunes for detection (the number of conv layers when it fine-tunes none): the layers before the source's
 * branch are shared, and the run leaves them as the source had them.
 * Each variable holds its own reference to the source tensor's data, so the caller still disposes `source.params`.
 * @returns the spec the written model gets (`spec` with the source's branch and head input) and how many tensors were copied.
 */
export function copyClassificationPath(
  params: Record<string, tf.Variable>,
  source: { manifest: ModelManifest; params: SppNetParams },
  spec: SppNetSpec,
  branchFrom: number,
): { spec: SppNetSpec; copied: number } {
  const { clsBranch, clsInput } = source.manifest.spec;
  if (clsBranch === undefined || clsBranch > branchFrom) {
    throw new Error(`--cls-from ${source.manifest.name}: its classification branch starts at conv layer ${clsBranch ?? 'none'}, this run fine-tunes from conv layer ${branchFrom} (--det-tune-conv), which the branch would read`);
  }
  const clsSpec: SppNetSpec = { ...spec, clsBranch, clsInput };
  assertSpec(clsSpec);
  // The branch reads the shared layers' output: they must be the source's, to the bit (a run that trained
  // classification first, or started from other weights, would feed the copied branch features it never saw).
  for (const l of spec.conv.slice(0, clsBranch)) {
    for (const k of [`${l.name}/kernel`, `${l.name}/bias`]) {
      const a = params[k].dataSync(), b = source.params[k]?.dataSync();
      if (!b || a.length !== b.length || a.some((v, i) => v !== b[i])) {
        throw new Error(`--cls-from ${source.manifest.name}: ${k} differs from this run's, and its classification branch reads that layer (start the run from the same model with --cls-epochs 0)`);
      }
    }
  }
  const names = Object.keys(source.params).filter((k) => k.startsWith('cls_') || k.startsWith('cls/'));
  for (const k of names) {
    params[k]?.dispose();
    params[k] = tf.variable(source.params[k], true, k);
  }
  return { spec: clsSpec, copied: names.length };
}
