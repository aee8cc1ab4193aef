import * as tf from '@tensorflow/tfjs-core';
import fs from 'node:fs';
import path from 'node:path';

/** What a checkpoint holds: named tensors (parameters, optimiser slots) and a JSON state. */
export interface Checkpoint<S> {
  tensors: Record<string, tf.Tensor>;
  state: S;
}

/**
 * Writes a checkpoint atomically (temp files, then rename), so a run killed mid-write keeps its
 * previous checkpoint intact.
 */
export async function saveCheckpoint<S>(file: string, tensors: Record<string, tf.Tensor>, state: S): Promise<void> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const names = Object.keys(tensors);
  const arrays = await Promise.all(names.map((n) => tensors[n].data() as Promise<Float32Array>));
  const index = names.map((n, i) => ({ name: n, shape: tensors[n].shape, length: arrays[i].length }));
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

/** Reads a checkpoint written by {@link saveCheckpoint}; null when the file does not exist. */
export function loadCheckpoint<S>(file: string): Checkpoint<S> | null {
  if (!fs.existsSync(file)) return null;
  const buf = fs.readFileSync(file);
  try {
    const hl = buf.readUInt32LE(0);
    const { state, index } = JSON.parse(buf.subarray(4, 4 + hl).toString()) as { state: S; index: Array<{ name: string; shape: number[]; length: number }> };
    let off = 4 + hl;
    const tensors: Record<string, tf.Tensor> = {};
    for (const e of index) {
      const bytes = buf.subarray(off, off + 4 * e.length);
      if (bytes.length !== 4 * e.length) throw new Error(`tensor '${e.name}' is truncated`);
      const f = new Float32Array(e.length);
      new Uint8Array(f.buffer).set(bytes);
      tensors[e.name] = tf.tensor(f, e.shape, 'float32');
      off += 4 * e.length;
    }
    return { tensors, state };
  } catch (e) {
    throw new Error(`checkpoint ${file} is unreadable: ${(e as Error).message}`, { cause: e });
  }
}
