import * as tf from '@tensorflow/tfjs-core';
import fs from 'node:fs';
import path from 'node:path';

/** What a checkpoint holds: named tensors (parameters, optimiser slots) and a JSON state. */
export interface Checkpoint<S> {
  tensors: Record<string, tf.Tensor>;
  state: S;
}

/** A checkpoint read as plain arrays (no tensors made: for large caches kept outside the backend). */
export interface ArrayCheckpoint<S> {
  arrays: Record<string, { shape: number[]; data: Float32Array }>;
  state: S;
}

/**
 * Writes a checkpoint atomically (temp files, then rename), so a run killed mid-write keeps its
 * previous checkpoint intact.
 */
export async function saveCheckpoint<S>(file: string, tensors: Record<string, tf.Tensor | Float32Array>, state: S): Promise<void> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const names = Object.keys(tensors);
  const arrays = await Promise.all(names.map((n) => {
    const t = tensors[n];
    return t instanceof Float32Array ? t : (t.data() as Promise<Float32Array>);
  }));
  const index = names.map((n, i) => {
    const t = tensors[n];
    return { name: n, shape: t instanceof Float32Array ? [t.length] : t.shape, length: arrays[i].length };
  });
  const header = Buffer.from(JSON.stringify({ state, index }));
  const len = Buffer.alloc(4);
  len.writeUInt32LE(header.length);
  const tmp = `${file}.tmp-${process.pid}`;
  const fd = fs.openSync(tmp, 'w');
  fs.writeSync(fd, len);
  fs.writeSync(fd, header);
  for (const a of arrays) fs.writeSync(fd, new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  fs.renameSync(tmp, file);
}

/** Reads a checkpoint written by {@link saveCheckpoint} as arrays; null when the file does not exist. */
export function loadCheckpointArrays<S>(file: string): ArrayCheckpoint<S> | null {
  if (!fs.existsSync(file)) return null;
  const buf = fs.readFileSync(file);
  try {
    const hl = buf.readUInt32LE(0);
    const { state, index } = JSON.parse(buf.subarray(4, 4 + hl).toString()) as { state: S; index: Array<{ name: string; shape: number[]; length: number }> };
    let off = 4 + hl;
    const arrays: ArrayCheckpoint<S>['arrays'] = {};
    for (const e of index) {
      const bytes = buf.subarray(off, off + 4 * e.length);
      if (bytes.length !== 4 * e.length) throw new Error(`tensor '${e.name}' is truncated`);
      const data = new Float32Array(e.length);
      new Uint8Array(data.buffer).set(bytes);
      arrays[e.name] = { shape: e.shape, data };
      off += 4 * e.length;
    }
    return { arrays, state };
  } catch (e) {
    throw new Error(`checkpoint ${file} is unreadable: ${(e as Error).message}`, { cause: e });
  }
}

/** Reads a checkpoint written by {@link saveCheckpoint}; null when the file does not exist. */
export function loadCheckpoint<S>(file: string): Checkpoint<S> | null {
  const ck = loadCheckpointArrays<S>(file);
  if (!ck) return null;
  const tensors: Record<string, tf.Tensor> = {};
  for (const [name, a] of Object.entries(ck.arrays)) tensors[name] = tf.tensor(a.data, a.shape, 'float32');
  return { tensors, state: ck.state };
}

/**
 * Saves the named parameters (`param/<name>`) and the optimiser's slots (`adam/<name>`: moments and
 * step count) with a JSON state. The step-count tensor `getWeights` makes on each call is disposed.
 */
export async function saveTrainingCheckpoint<S>(file: string, params: Record<string, tf.Variable>, names: readonly string[], optimizer: tf.Optimizer, state: S): Promise<void> {
  const tensors: Record<string, tf.Tensor> = {};
  for (const n of names) tensors[`param/${n}`] = params[n];
  const slots = await optimizer.getWeights();
  for (const w of slots) tensors[`adam/${w.name}`] = w.tensor;
  try {
    await saveCheckpoint(file, tensors, state);
  } finally {
    // The moments are the optimiser's own variables; only the step count is a fresh tensor.
    tf.dispose(slots.map((w) => w.tensor).filter((t) => !(t instanceof tf.Variable)));
  }
}

/**
 * Restores what {@link saveTrainingCheckpoint} wrote into `params` and the optimiser when `accept`
 * takes its state; every tensor read is disposed. @returns the state, or null (no file, or not accepted).
 */
export async function loadTrainingCheckpoint<S>(file: string, params: Record<string, tf.Variable>, names: readonly string[], optimizer: tf.Optimizer, accept: (state: S) => boolean): Promise<S | null> {
  const ck = loadCheckpoint<S>(file);
  if (!ck) return null;
  try {
    if (!accept(ck.state)) return null;
    for (const n of names) {
      const t = ck.tensors[`param/${n}`];
      if (!t) throw new Error(`checkpoint ${file} lacks parameter '${n}'`);
      params[n].assign(t);
    }
    const slots = Object.entries(ck.tensors).filter(([k]) => k.startsWith('adam/')).map(([k, t]) => ({ name: k.slice(5), tensor: t }));
    if (slots.length) await optimizer.setWeights(slots);
    return ck.state;
  } finally {
    tf.dispose(Object.values(ck.tensors));
  }
}
