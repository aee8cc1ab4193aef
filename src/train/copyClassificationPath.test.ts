import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '../../test/tfBackends';
import { type ModelManifest, type SppNetSpec, ZF5_SMALL, assertSpec, initParams } from '../model';
import { copyClassificationPath } from './copyClassificationPath';

const NARROW: SppNetSpec = { ...ZF5_SMALL, conv: ZF5_SMALL.conv.map((l) => ({ ...l, filters: 8 })), fc: [16, 16], clsInput: ['pooled', 'fc6', 'fc7'] };
const BRANCHED: SppNetSpec = { ...NARROW, clsBranch: 3, clsInput: ['branch'] };

/** Variables of a fresh model, as the train CLI makes them (the initial tensors disposed). */
function variables(spec: SppNetSpec, seed: number): Record<string, tf.Variable> {
  return Object.fromEntries(Object.entries(initParams(spec, seed)).map(([k, t]) => {
    const v = tf.variable(t, true, k);
    t.dispose();
    return [k, v];
  }));
}

function sourceModel(spec: SppNetSpec, seed: number): { manifest: ModelManifest; params: Record<string, tf.Tensor> } {
  return { manifest: { name: 'source', spec } as ModelManifest, params: initParams(spec, seed) };
}

describe('copyClassificationPath (train --cls-from)', () => {
  beforeAll(() => useBackend('wasm'));

  it('copies the branch and head, keeps every detector tensor, and leaks nothing', () => {
    assertSpec(BRANCHED);
    const before = tf.memory().numTensors;
    const params = variables(NARROW, 1);
    const source = sourceModel(BRANCHED, 2);
    // The run started from the source's weights (--init), so the shared conv1-conv3 are the source's.
    for (const k of ['conv1', 'conv2', 'conv3'].flatMap((l) => [`${l}/kernel`, `${l}/bias`])) params[k].assign(source.params[k]);
    const detector = Object.fromEntries(Object.entries(params).filter(([k]) => !k.startsWith('cls/')).map(([k, v]) => [k, v.dataSync().slice()]));
    const { spec, copied } = copyClassificationPath(params, source, NARROW, 3);
    expect(spec.clsBranch).toBe(3);
    expect(spec.clsInput).toEqual(['branch']);
    const clsNames = Object.keys(source.params).filter((k) => k.startsWith('cls'));
    expect(copied).toBe(clsNames.length);
    expect(clsNames).toEqual(expect.arrayContaining(['cls_conv4/kernel', 'cls_conv5/bias', 'cls/kernel', 'cls/bias']));
    const want = Object.fromEntries(clsNames.map((k) => [k, source.params[k].dataSync().slice()]));
    tf.dispose(Object.values(source.params));
    for (const k of clsNames) {
      expect(params[k].shape).toEqual(source.params[k].shape);
      expect(Array.from(params[k].dataSync())).toEqual(Array.from(want[k]));
    }
    for (const [k, v] of Object.entries(detector)) expect(Array.from(params[k].dataSync())).toEqual(Array.from(v));
    tf.dispose(Object.values(params));
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses a source whose shared conv layers differ from the run\'s', () => {
    const params = variables(NARROW, 1);
    const source = sourceModel(BRANCHED, 2);
    expect(() => copyClassificationPath(params, source, NARROW, 3)).toThrow(/conv1\/kernel differs from this run's/);
    tf.dispose([...Object.values(source.params), ...Object.values(params)]);
  });

  it('refuses a source whose branch starts at another layer, or that has none', () => {
    const params = variables(NARROW, 1);
    for (const source of [sourceModel(BRANCHED, 2), sourceModel(NARROW, 2)]) {
      expect(() => copyClassificationPath(params, source, NARROW, 4)).toThrow(/starts at conv layer (3|none), this run fine-tunes from conv layer 4/);
      tf.dispose(Object.values(source.params));
    }
    tf.dispose(Object.values(params));
  });
});
