import { describe, expect, it, beforeAll } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import path from 'node:path';
import { useBackend } from '../../test/tfBackends';
import { noisyImage } from '../../test/noisyImage';
import { TINY, solidImage, tmp } from '../../test/trainKit';
import { DEFAULT_NORMALIZATION, initParams, poolWindows, fcForward, headForward } from '../model';
import { decodeBoxDeltas, encodeBoxDeltas } from '../geometry/bboxDeltas';
import { type CachedScene, type DetectionScene, advanceTail, cacheScene, loadSceneCache, saveSceneCache, sceneConv5, windowCells, withDefaultScale } from './detectionSet';
import { mineHardNegatives, pickMap, sampleWindows, trainDetector } from './trainDetector';
import { makeRng } from './rng';
import { chooseScale } from '../geometry/chooseScale';
import { imageBox } from '../geometry/boxes';

beforeAll(async () => {
  await useBackend('wasm');
});

describe('detection windows', () => {
  const gtBoxes = new Float32Array([10, 10, 70, 60, 100, 20, 150, 90]);
  const proposals = new Float32Array([12, 10, 70, 62, 0, 0, 40, 40, 100, 100, 160, 120, 95, 15, 150, 95, 2, 2, 158, 118]);
  const scene = (): CachedScene => {
    const params = initParams(TINY, 2);
    const c = cacheScene(TINY, params, DEFAULT_NORMALIZATION, { image: solidImage(160, 120, [90, 120, 150]), gtBoxes, gtClasses: Int32Array.from([3, 7]), proposals },
      { scales: [60, 120, 240], defaultScale: 120, trainArea: 48 * 48, bboxStd: [0.1, 0.1, 0.2, 0.2] });
    tf.dispose(Object.values(params));
    return c;
  };

  it('labels every window by IoU: ground truth first with zero targets, each window on the map of its chosen scale', () => {
    const c = scene();
    expect(c.labels.length).toBe(2 + proposals.length / 4);
    expect(Array.from(c.labels)).toEqual([3, 7, 3, 0, 0, 7, 0]);
    expect(Array.from(c.targets.slice(0, 8))).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    for (let i = 0; i < c.labels.length; i++) expect(c.labels[i] > 0).toBe(c.maxIou[i] >= 0.5);
    // Each window's map is the scale chooseScale picks, as runDetector does at 5 scales.
    for (let i = 0; i < c.labels.length; i++) {
      const b = Array.from(c.boxes.slice(4 * i, 4 * i + 4)) as [number, number, number, number];
      expect(c.maps[c.chosenMap[i]].s).toBe(chooseScale(imageBox(...b), [160, 120], [60, 120, 240], 48 * 48));
    }
    expect(c.maps[c.defaultMap].s).toBe(120);
    for (const m of c.maps) {
      const f = m.s / 120;
      expect(m.mapSize).toEqual([Math.ceil(Math.round(120 * f) / 16), Math.ceil(Math.round(160 * f) / 16)]);
      expect(m.features.length).toBe(m.mapSize[0] * m.mapSize[1] * 4);
    }
    // The whole-image window (area 156x116) picks s = 60 at a 48x48 training area; the ground truth picks 120 or 240.
    expect(c.maps[c.chosenMap[6]].s).toBe(60);
  });

  it('the scene cache round-trips through a checkpoint file', async () => {
    const c = scene();
    const file = path.join(tmp(), 'scenes-0.ckpt');
    await saveSceneCache(file, [c, c]);
    const back = loadSceneCache(file, TINY.conv.length);
    expect(back).toHaveLength(2);
    expect(back?.[1]).toEqual(c);
    expect(loadSceneCache(path.join(tmp(), 'none.ckpt'), TINY.conv.length)).toBeNull();
  });

  it('new windows for a cached scene keep its maps, compute only the scales they add, and record the minimum box side', async () => {
    const params = initParams(TINY, 2);
    const image = solidImage(160, 120, [90, 120, 150]);
    const base = { scales: [60, 120, 240], defaultScale: 120, trainArea: 48 * 48, bboxStd: [0.1, 0.1, 0.2, 0.2] as [number, number, number, number] };
    const input = (p: Float32Array): DetectionScene => ({ image, gtBoxes, gtClasses: Int32Array.from([3, 7]), proposals: p });
    // Cached with the first two proposals only; the new windows add the whole-image one, which picks s = 60 (see above).
    const old = cacheScene(TINY, params, DEFAULT_NORMALIZATION, input(proposals.slice(0, 8)), base);
    const fresh = cacheScene(TINY, params, DEFAULT_NORMALIZATION, input(proposals), { ...base, minBoxSide: 10 });
    const again = cacheScene(TINY, params, DEFAULT_NORMALIZATION, input(proposals), { ...base, minBoxSide: 10, reuseMaps: old.maps });
    tf.dispose(Object.values(params));
    expect(old.minBoxSide).toBeUndefined();
    expect(old.maps.map((m) => m.s)).not.toContain(60);
    expect(again.maps.map((m) => m.s)).toContain(60);
    for (const m of again.maps) {
      const before = old.maps.find((o) => o.s === m.s);
      if (before) expect(m.features).toBe(before.features);
      else expect(m.features).not.toBe(fresh.maps.find((o) => o.s === m.s)?.features);
    }
    expect(again).toEqual(fresh);
    expect(Array.from(again.labels)).toEqual([3, 7, 3, 0, 0, 7, 0]);
    expect(again.minBoxSide).toBe(10);
    const file = path.join(tmp(), 'scenes-min10.ckpt');
    await saveSceneCache(file, [again, old]);
    const back = loadSceneCache(file, TINY.conv.length);
    expect(back?.[0]).toEqual(again);
    expect(back?.[1].minBoxSide).toBeUndefined();
  });

  it('a 1-scale setting outside the multi-scale scales is cached as an extra last map; withDefaultScale adds or picks it in place', async () => {
    const params = initParams(TINY, 2);
    const image = solidImage(160, 120, [90, 120, 150]);
    const base = { scales: [60, 120, 240], defaultScale: 120, trainArea: 48 * 48, bboxStd: [0.1, 0.1, 0.2, 0.2] as [number, number, number, number] };
    const input: DetectionScene = { image, gtBoxes, gtClasses: Int32Array.from([3, 7]), proposals };
    const at120 = cacheScene(TINY, params, DEFAULT_NORMALIZATION, input, base);
    const at180 = cacheScene(TINY, params, DEFAULT_NORMALIZATION, input, { ...base, defaultScale: 180 });
    // The multi-scale maps and choices are the same; the 180 map comes last and no window chose it.
    expect(at180.maps.map((m) => m.s)).toEqual([...at120.maps.map((m) => m.s), 180]);
    expect(at180.defaultMap).toBe(at180.maps.length - 1);
    expect(at180.extraDefault).toBe(true);
    expect(at120.extraDefault).toBeUndefined();
    expect(Array.from(at180.chosenMap)).toEqual(Array.from(at120.chosenMap));
    expect(at180.maps[at180.defaultMap].mapSize).toEqual([Math.ceil(180 / 16), Math.ceil(240 / 16)]);
    // Moving a cached scene's 1-scale setting: computes only the new map, keeps the others (same arrays) and the windows.
    const moved = withDefaultScale(TINY, params, DEFAULT_NORMALIZATION, at120, image, 180);
    expect(moved).toEqual(at180);
    at120.maps.forEach((m, j) => expect(moved.maps[j].features).toBe(m.features));
    expect(moved.labels).toBe(at120.labels);
    // Back to a multi-scale scale: the extra map is dropped and the existing one picked.
    const back = withDefaultScale(TINY, params, DEFAULT_NORMALIZATION, moved, image, 120);
    expect(back.maps).toEqual(at120.maps);
    expect(back.defaultMap).toBe(at120.defaultMap);
    expect(back.extraDefault).toBeFalsy();
    expect(() => withDefaultScale(TINY, params, DEFAULT_NORMALIZATION, at120, solidImage(100, 120, [0, 0, 0]), 180)).toThrow(/100x120/);
    tf.dispose(Object.values(params));
    // The flag survives the cache file; scale jitter never moves a window onto the extra map.
    const file = path.join(tmp(), 'scenes-extra.ckpt');
    await saveSceneCache(file, [at180, at120]);
    const read = loadSceneCache(file, TINY.conv.length);
    expect(read?.[0]).toEqual(at180);
    expect(read?.[1].extraDefault).toBeUndefined();
    const rng = makeRng(3);
    const top = at180.maps.length - 2;
    const onTop = Array.from(at180.chosenMap).indexOf(top);
    expect(onTop).toBeGreaterThanOrEqual(0);
    const seen = new Set<number>();
    for (let k = 0; k < 400; k++) seen.add(pickMap(at180, onTop, 1, rng, 1));
    expect([...seen]).toEqual([top - 1]);
    expect(pickMap(at180, onTop, 0, rng, 1)).toBe(at180.defaultMap);
  });

  it('advanceTail carries cached conv3 maps up to conv5, as caching conv5 directly would (fc-only runs on a conv3 cache)', () => {
    const params = initParams(TINY, 4);
    // Texture, so the maps vary across cells.
    const image = noisyImage(160, 120);
    const o = { scales: [60, 120, 240], defaultScale: 180, trainArea: 48 * 48, bboxStd: [0.1, 0.1, 0.2, 0.2] as [number, number, number, number] };
    const input: DetectionScene = { image, gtBoxes, gtClasses: Int32Array.from([3, 7]), proposals };
    const conv3 = cacheScene(TINY, params, DEFAULT_NORMALIZATION, input, { ...o, tailFrom: 3 });
    const conv5 = cacheScene(TINY, params, DEFAULT_NORMALIZATION, input, o);
    const carried = advanceTail(TINY, params, conv3, TINY.conv.length);
    expect(carried.tailFrom).toBe(TINY.conv.length);
    expect(carried.maps.map((m) => [m.s, m.mapSize])).toEqual(conv5.maps.map((m) => [m.s, m.mapSize]));
    carried.maps.forEach((m, j) => {
      expect(m.features.length).toBe(conv5.maps[j].features.length);
      const worst = m.features.reduce((a, v, i) => Math.max(a, Math.abs(v - conv5.maps[j].features[i])), 0);
      expect(worst).toBeLessThan(1e-4);
      expect(m.features.some((v) => v !== m.features[0])).toBe(true);
    });
    expect(carried.labels).toBe(conv3.labels);
    expect(carried.extraDefault).toBe(true);
    expect(advanceTail(TINY, params, carried, TINY.conv.length)).toBe(carried);
    expect(() => advanceTail(TINY, params, carried, 3)).toThrow(/holds maps for conv layer 5/);
    tf.dispose(Object.values(params));
  });

  it('mini-batches hold the asked share of positives, [0.1, 0.5) negatives, clean background and mined windows', () => {
    const c = scene();
    const strata = { pos: [0, 1, 2], hard: [3, 5], easy: [4, 6] };
    const rng = makeRng(5);
    const count = (o: Parameters<typeof sampleWindows>[3]): Record<string, number> => {
      const n = { pos: 0, hard: 0, easy: 0, mined: 0, chosen: 0 };
      for (let k = 0; k < 200; k++) {
        for (const s of sampleWindows(c, strata, 40, o, rng)) {
          if (o.mined?.some(([w, m]) => w === s.w && m === s.m) && s.w === 6) n.mined++;
          else if (strata.pos.includes(s.w)) n.pos++;
          else if (strata.hard.includes(s.w)) n.hard++;
          else n.easy++;
          if (s.m === c.chosenMap[s.w] && s.m !== c.defaultMap) n.chosen++;
        }
      }
      return n;
    };
    const a = count({ fg: 0.25, hardFraction: 0.75, minedFraction: 0.5, multiScaleFraction: 0 });
    expect(a.pos).toBe(200 * 10);
    expect(a.hard / (a.hard + a.easy)).toBeCloseTo(0.75, 1);
    expect(a.chosen).toBe(0);
    // Mining: half of the negatives come from the mined pool ([window 6, map 0] here).
    const b = count({ fg: 0.25, hardFraction: 0.75, minedFraction: 0.5, multiScaleFraction: 1, mined: [[6, 0]] });
    expect(b.mined).toBeGreaterThanOrEqual(200 * 15);
    expect(b.chosen).toBeGreaterThan(0);
  });

  it('scale jitter moves multi-scale windows to a neighbouring map only, and never the 1-scale ones', () => {
    const base = scene();
    const three = { ...base, maps: [base.maps[0], base.maps[0], base.maps[0]], chosenMap: Uint8Array.from([0, 1, 2]), defaultMap: 2 };
    const rng = makeRng(9);
    const seen = [new Map<number, number>(), new Map<number, number>(), new Map<number, number>()];
    for (let k = 0; k < 3000; k++) {
      for (let w = 0; w < 3; w++) {
        const m = pickMap(three, w, 1, rng, 0.5);
        seen[w].set(m, (seen[w].get(m) ?? 0) + 1);
      }
    }
    // Window 0 (smallest scale) can only move up, window 2 only down, window 1 either way, each half the time.
    expect([...seen[0].keys()].sort()).toEqual([0, 1]);
    expect([...seen[2].keys()].sort()).toEqual([1, 2]);
    expect([...seen[1].keys()].sort()).toEqual([0, 1, 2]);
    expect((seen[0].get(1) ?? 0) / 3000).toBeCloseTo(0.5, 1);
    expect(((seen[1].get(0) ?? 0) + (seen[1].get(2) ?? 0)) / 3000).toBeCloseTo(0.5, 1);
    expect((seen[1].get(0) ?? 0) / ((seen[1].get(2) ?? 1))).toBeGreaterThan(0.8);
    expect((seen[1].get(0) ?? 0) / ((seen[1].get(2) ?? 1))).toBeLessThan(1.25);
    // No jitter: always the chosen map; multi-scale share 0: always the 1-scale map.
    for (let w = 0; w < 3; w++) {
      expect(pickMap(three, w, 1, rng, 0)).toBe(w);
      expect(pickMap(three, w, 0, rng, 1)).toBe(2);
    }
    // A scene with one map has nowhere to move.
    const one = { ...base, maps: [base.maps[0]], chosenMap: Uint8Array.from([0, 0, 0]), defaultMap: 0 };
    for (let k = 0; k < 50; k++) expect(pickMap(one, k % 3, 1, rng, 1)).toBe(0);
  });

  it('hard-negative mining keeps the background windows the detector scores highest', () => {
    const c = scene();
    const params = initParams(TINY, 3);
    const mined = mineHardNegatives(params, TINY, [c], 2, true, true);
    // Score every background window on both its maps by hand and compare with the two kept.
    const bg = Array.from(c.labels.keys()).filter((w) => c.labels[w] === 0);
    const scored = bg.flatMap((w) => [...new Set([c.defaultMap, c.chosenMap[w]])].map((m) => {
      const map = c.maps[m];
      const p = tf.tidy(() => {
        const pooled = poolWindows(TINY, tf.tensor3d(map.features, [map.mapSize[0], map.mapSize[1], 4]), [windowCells(TINY, c, w, m)]);
        return tf.softmax(headForward(params, 'det', fcForward(params, pooled)));
      });
      const v = Math.max(...Array.from(p.dataSync()).slice(1));
      p.dispose();
      return { w, m, v };
    })).sort((x, y) => y.v - x.v);
    tf.dispose(Object.values(params));
    expect(mined[0]).toEqual(scored.slice(0, 2).map((s) => [s.w, s.m]));
  });

  it('a cache of conv4 maps gives conv5 through the tail, and the detection stage then fine-tunes conv5 (only)', async () => {
    const params: Record<string, tf.Variable> = {};
    for (const [k, t] of Object.entries(initParams(TINY, 4))) params[k] = tf.variable(t);
    const image = solidImage(160, 120, [90, 120, 150]);
    for (let i = 0; i < 40; i++) image.data.set([250, 30 + i, 20, 255], 4 * (30 * 160 + 20 + i)); // some structure
    const base = { scales: [60, 120, 240], defaultScale: 120, trainArea: 48 * 48, bboxStd: [0.1, 0.1, 0.2, 0.2] as [number, number, number, number] };
    const input = { image, gtBoxes, gtClasses: Int32Array.from([3, 7]), proposals };
    const full = cacheScene(TINY, params, DEFAULT_NORMALIZATION, input, base);
    const tail = cacheScene(TINY, params, DEFAULT_NORMALIZATION, input, { ...base, tailFrom: 4 });
    expect(full.tailFrom).toBe(5);
    expect(tail.tailFrom).toBe(4);
    tail.maps.forEach((m, j) => {
      const c5 = sceneConv5(TINY, params, tail, j);
      expect(c5.shape).toEqual([...m.mapSize, 4]);
      const got = c5.dataSync();
      full.maps[j].features.forEach((v, i) => expect(got[i]).toBeCloseTo(v, 4));
      c5.dispose();
    });
    expect(() => cacheScene(TINY, params, DEFAULT_NORMALIZATION, input, { ...base, tailFrom: 1 })).toThrow(/conv2 changes the map size \(stride 2, pooled\)/);
    const snapshot = (n: string): Float32Array => params[n].dataSync().slice() as Float32Array;
    const before = { conv4: snapshot('conv4/kernel'), conv5: snapshot('conv5/kernel'), fc6: snapshot('fc6/kernel') };
    const run = (scenes: CachedScene[]): Promise<number[]> => trainDetector(params, { spec: TINY, scenes, iterations: 3, windowsPerScene: 8, scenesPerBatch: 1, learningRate: 1e-2, seed: 1, checkpointFile: path.join(tmp(), 'det.ckpt'), log: () => {} });
    const n0 = tf.memory().numTensors;
    await run([full]);
    expect(tf.memory().numTensors).toBe(n0);
    expect(snapshot('conv5/kernel')).toEqual(before.conv5);
    expect(snapshot('fc6/kernel')).not.toEqual(before.fc6);
    await run([tail]);
    expect(tf.memory().numTensors).toBe(n0);
    expect(snapshot('conv5/kernel')).not.toEqual(before.conv5);
    expect(snapshot('conv4/kernel')).toEqual(before.conv4);
    await expect(run([full, tail])).rejects.toThrow(/stop the trunk at different layers/);
    tf.dispose(Object.values(params));
  });

  it('box deltas decode back to the ground truth', () => {
    const p = [10, 20, 60, 100];
    const g = [14, 18, 70, 90];
    const d = encodeBoxDeltas(p, g);
    const back = decodeBoxDeltas(p, d, [200, 200]);
    for (let k = 0; k < 4; k++) expect(back[k]).toBeCloseTo(g[k], 4);
  });
});
