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

  it('refuses a source whose branch reads a layer the run fine-tunes, or that has none', () => {
    const params = variables(NARROW, 1);
    for (const [source, from] of [[sourceModel(BRANCHED, 2), 2], [sourceModel(NARROW, 2), 4]] as const) {
      expect(() => copyClassificationPath(params, source, NARROW, from)).toThrow(new RegExp(`starts at conv layer (3|none), this run fine-tunes from conv layer ${from}`));
      tf.dispose(Object.values(source.params));
    }
    tf.dispose(Object.values(params));
  });

  it('accepts a branch that starts before the first fine-tuned layer (an fc-only run: --det-tune-conv 0)', () => {
    const params = variables(NARROW, 1);
    const source = sourceModel(BRANCHED, 2);
    for (const k of ['conv1', 'conv2', 'conv3'].flatMap((l) => [`${l}/kernel`, `${l}/bias`])) params[k].assign(source.params[k]);
    const conv4 = params['conv4/kernel'].dataSync().slice();
    const { spec } = copyClassificationPath(params, source, NARROW, NARROW.conv.length);
    expect(spec.clsBranch).toBe(3);
    expect(Array.from(params['cls_conv4/kernel'].dataSync())).toEqual(Array.from(source.params['cls_conv4/kernel'].dataSync()));
    // The run's own conv4 (the detector's) is not the branch's and stays.
    expect(Array.from(params['conv4/kernel'].dataSync())).toEqual(Array.from(conv4));
    // Shared layers are still checked: conv3 differing is refused.
    const shifted = tf.add(params['conv3/bias'], 1);
    params['conv3/bias'].assign(shifted);
    shifted.dispose();
    expect(() => copyClassificationPath(params, source, NARROW, NARROW.conv.length)).toThrow(/conv3\/bias differs from this run's/);
    tf.dispose([...Object.values(source.params), ...Object.values(params)]);
  });
});
