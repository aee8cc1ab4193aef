import * as tf from '@tensorflow/tfjs-core';
import { type SppNetParams, assertParams, headShapes } from './sppNetParams';
import { type SppNetSpec, assertSpec, trunkStride } from './sppNetSpec';

/** A class of the model: id (1..C; 0 is background in the detection head), VOC name, emoji. */
export interface ModelClass {
  id: number;
  name: string;
  emoji: string;
}

/** manifest.json beside model.json (ARCHITECTURE.md "Model files"). */
export interface ModelManifest {
  format: 'sppnet-web/1';
  name: string;
  spec: SppNetSpec;
  classes: ModelClass[];
  /** Total stride S and padding offsets used to project windows (PAPER §3.4). */
  stride: number;
  padding: number[];
  /** Input normalisation: x = (rgb / 255 - mean) / std, per channel. */
  normalization: { mean: [number, number, number]; std: [number, number, number] };
  /**
   * Detection scales s (min side) of the multi-scale setting; `scales[defaultScaleIndex]` is the 1-scale
   * setting unless `oneScale` names another s (see {@link oneScaleOf}).
   */
  scales: number[];
  defaultScaleIndex: number;
  /** The 1-scale setting's s when it is not one of `scales` (chosen on a val split; session 18: 896, session 19: 960). */
  oneScale?: number;
  /** Area of the classification training input, for multi-scale scale choice (PAPER §3.3). */
  trainArea: number;
  /** Box-regression target normalisation (dx, dy, dw, dh are divided by these when training). */
  bboxStd: [number, number, number, number];
  /**
   * The detector's windows, as it was trained on them: selective search's minimum box side (working-image
   * px). Absent = selective search's default (20, the paper's rule). Detection everywhere (app, `detect()`,
   * the eval CLI) asks selective search for the same.
   */
  proposals?: { minBoxSide: number };
  recipe: Record<string, unknown>;
  metrics: Record<string, unknown>;
  /** sha256 (hex) of every other file, checked at load. */
  sha256: Record<string, string>;
}

/** tfjs weights manifest entry (model.json `weightsManifest`). */
interface WeightsManifestGroup {
  paths: string[];
  weights: Array<{ name: string; shape: number[]; dtype: 'float32' }>;
}

/** The files of a saved model: model.json (tfjs weights format), weights.bin, manifest.json. */
export interface ModelFiles {
  'model.json': string;
  'weights.bin': Uint8Array;
  'manifest.json': string;
}

/** Hex sha256 via WebCrypto (browsers and Node 20 both have `crypto.subtle`). */
export async function sha256Hex(bytes: Uint8Array | string): Promise<string> {
  const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  const digest = await globalThis.crypto.subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

function assertProposals(p: ModelManifest['proposals'], where: string): void {
  if (p !== undefined && !(typeof p?.minBoxSide === 'number' && p.minBoxSide >= 0)) throw new Error(`${where}: proposals.minBoxSide must be a number >= 0, got ${JSON.stringify(p)}`);
}

function assertOneScale(s: unknown, where: string): void {
  if (s !== undefined && !(typeof s === 'number' && Number.isInteger(s) && s >= 32 && s <= 4096)) throw new Error(`${where}: oneScale must be a whole number of pixels in [32, 4096], got ${JSON.stringify(s)}`);
}

/** Serialises parameters + manifest (without sha256, which is filled in here). */
export async function encodeModelFiles(
  params: SppNetParams,
  manifest: Omit<ModelManifest, 'sha256' | 'format' | 'stride'>,
): Promise<ModelFiles> {
  assertSpec(manifest.spec);
  assertProposals(manifest.proposals, 'encodeModelFiles: manifest');
  assertOneScale(manifest.oneScale, 'encodeModelFiles: manifest');
  assertParams(manifest.spec, params);
  const names = Object.keys(headShapes(manifest.spec));
  const arrays = await Promise.all(names.map((n) => params[n].data() as Promise<Float32Array>));
  const total = arrays.reduce((a, b) => a + b.length, 0);
  const all = new Float32Array(total);
  let off = 0;
  for (const a of arrays) {
    all.set(a, off);
    off += a.length;
  }
  const weightsBin = new Uint8Array(all.buffer);
  const group: WeightsManifestGroup = {
    paths: ['weights.bin'],
    weights: names.map((name) => ({ name, shape: params[name].shape, dtype: 'float32' })),
  };
  const modelJson = JSON.stringify({ format: 'sppnet-web-weights', generatedBy: 'sppnet-web', weightsManifest: [group] }, null, 1);
  const full: ModelManifest = {
    ...manifest,
    format: 'sppnet-web/1',
    stride: trunkStride(manifest.spec),
    sha256: { 'model.json': await sha256Hex(modelJson), 'weights.bin': await sha256Hex(weightsBin) },
  };
  return { 'model.json': modelJson, 'weights.bin': weightsBin, 'manifest.json': JSON.stringify(full, null, 1) };
}

/** Reads one file of a model by name (fetch in the browser, fs in Node). */
export type ModelFileReader = (name: string) => Promise<Uint8Array>;

/**
 * Loads and checks a saved model: manifest fields, sha256 of model.json and every weight shard
 * (a mismatch is a clear error naming the file), tensor names and shapes.
 * @returns the manifest and the parameters as tensors (the caller disposes them).
 */
export async function decodeModelFiles(read: ModelFileReader, where = 'model'): Promise<{ manifest: ModelManifest; params: SppNetParams }> {
  const text = (name: string, bytes: Uint8Array): unknown => {
    try {
      return JSON.parse(new TextDecoder().decode(bytes));
    } catch (e) {
      throw new Error(`${where}/${name}: not valid JSON (${(e as Error).message})`, { cause: e });
    }
  };
  const manifest = text('manifest.json', await read('manifest.json')) as ModelManifest;
  if (manifest.format !== 'sppnet-web/1') throw new Error(`${where}/manifest.json: unknown format '${String(manifest.format)}'`);
  assertSpec(manifest.spec);
  assertProposals(manifest.proposals, `${where}/manifest.json`);
  assertOneScale(manifest.oneScale, `${where}/manifest.json`);
  const checkSha = async (name: string, bytes: Uint8Array): Promise<void> => {
    const want = manifest.sha256?.[name];
    if (!want) throw new Error(`${where}/manifest.json: no sha256 for ${name}`);
    const got = await sha256Hex(bytes);
    if (got !== want) throw new Error(`${where}/${name}: sha256 mismatch (manifest ${want.slice(0, 12)}…, file ${got.slice(0, 12)}…): the file is corrupt or from another model`);
  };
  const modelBytes = await read('model.json');
  await checkSha('model.json', modelBytes);
  const model = text('model.json', modelBytes) as { weightsManifest: WeightsManifestGroup[] };
  const params: SppNetParams = {};
  try {
    for (const group of model.weightsManifest) {
      const shards = await Promise.all(group.paths.map(async (p) => {
        const b = await read(p);
        await checkSha(p, b);
        return b;
      }));
      const len = shards.reduce((a, b) => a + b.length, 0);
      const buf = new Uint8Array(len);
      let o = 0;
      for (const s of shards) {
        buf.set(s, o);
        o += s.length;
      }
      const floats = new Float32Array(buf.buffer, 0, len / 4);
      let off = 0;
      for (const w of group.weights) {
        const n = w.shape.reduce((a, b) => a * b, 1);
        if (off + n > floats.length) throw new Error(`${where}/model.json: weight '${w.name}' runs past the end of its shards`);
        params[w.name] = tf.tensor(floats.slice(off, off + n), w.shape, 'float32');
        off += n;
      }
    }
    assertParams(manifest.spec, params);
  } catch (e) {
    tf.dispose(Object.values(params));
    throw e;
  }
  return { manifest, params };
}
