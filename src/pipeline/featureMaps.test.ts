import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '../../test/tfBackends';
import { noisyImage } from '../../test/noisyImage';
import { DEFAULT_NORMALIZATION, type SppNetSpec, ZF5_SMALL, imageToInput, initParams, poolWindows, trunkForward } from '../model';
import type { ModelManifest } from '../model';
import { cellBox } from '../geometry/boxes';
import { rectPoolReference, windowPyramid } from '../spp';
import { featureMaps } from './featureMaps';
import { runDetector, type SppNetCore } from './runDetector';

const SPEC: SppNetSpec = { ...ZF5_SMALL, conv: ZF5_SMALL.conv.map((l) => ({ ...l, filters: 6 })), fc: [8, 8] };


describe('featureMaps (cpu, random model)', () => {
  let core: SppNetCore;
  beforeAll(async () => {
    await useBackend('cpu');
    const manifest = {
      name: 'm', spec: SPEC, classes: [], stride: 16, padding: [3, 2, 1, 1, 1], normalization: DEFAULT_NORMALIZATION,
      scales: [96], defaultScaleIndex: 0, trainArea: 48 * 48, bboxStd: [0.1, 0.1, 0.2, 0.2],
    } as unknown as ModelManifest;
    core = { manifest, params: initParams(SPEC, 3) };
  });

  it('returns every layer at its stride, conv5 equal to the trunk the detector runs, and leaks no tensor', async () => {
    const img = noisyImage(150, 100);
    const before = tf.memory().numTensors;
    const fm = await featureMaps(core, img, 96);
    expect(tf.memory().numTensors).toBe(before);
    expect(fm.scaledSize).toEqual([144, 96]);
    expect(fm.layers.map((l) => [l.name, l.stride, l.shape])).toEqual([
      ['conv1', 4, [24, 36, 6]], ['conv2', 16, [6, 9, 6]], ['conv3', 16, [6, 9, 6]], ['conv4', 16, [6, 9, 6]], ['conv5', 16, [6, 9, 6]],
    ]);
    const ref = tf.tidy(() => trunkForward(SPEC, core.params, imageToInput(img, DEFAULT_NORMALIZATION, [96, 144])));
    const want = await ref.data();
    ref.dispose();
    const got = fm.layers[4].data;
    expect(got.length).toBe(want.length);
    let maxDiff = 0;
    for (let i = 0; i < got.length; i++) maxDiff = Math.max(maxDiff, Math.abs(got[i] - want[i]));
    expect(maxDiff).toBeLessThan(1e-5);
  });

  it('pooling a trace window from these conv5 values with the reference gives the model\u2019s own pooled vector', async () => {
    const img = noisyImage(150, 100);
    const props = new Float32Array([5, 5, 140, 95, 20, 10, 90, 70, 100, 0, 150, 40]);
    const { trace } = await runDetector(core, img, props, { scoreThreshold: 0 });
    const fm = await featureMaps(core, img, trace.scales[0].s);
    const conv5 = fm.layers[4];
    expect([conv5.shape[0], conv5.shape[1]]).toEqual(trace.scales[0].conv5Size);
    const mapT = tf.tensor3d(conv5.data, conv5.shape);
    for (const w of trace.windows) {
      const pyr = windowPyramid(w.cells, trace.levels);
      const ours = rectPoolReference(conv5.data, conv5.shape, pyr.rects).values;
      const model = poolWindows(SPEC, mapT, [cellBox(...w.cells)]);
      const mv = await model.data();
      model.dispose();
      expect(ours.length).toBe(mv.length);
      for (let i = 0; i < ours.length; i++) expect(ours[i]).toBeCloseTo(mv[i], 5);
    }
    mapT.dispose();
  });
});
