import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, parseSettings, settingsToHash } from './urlState';

describe('URL state', () => {
  it('round-trips every setting through the hash', () => {
    const s = { ...DEFAULT_SETTINGS, src: 'photo:chelsea', mode: 'quality' as const, scales: 'multi' as const, scoreThreshold: 0.7, nmsIou: 0.45, bboxRegression: false, topN: 300, nmsView: 'before' as const, showGroundTruth: false, backend: 'wasm' as const };
    expect(parseSettings(settingsToHash(s))).toEqual(s);
  });

  it('round-trips the visualiser state (a lesson is a link)', () => {
    const s = { ...DEFAULT_SETTINGS, win: 17, cells: [10, 8] as [number, number], tab: 'maps' as const, levels: [4, 3, 2, 1], rule: 'sliding' as const, bin: 12, layer: 'conv3', channel: 40, nmsClass: 7, nmsStep: 3, lesson: 'defect' };
    expect(parseSettings(settingsToHash(s))).toEqual(s);
    expect(parseSettings(settingsToHash({ ...DEFAULT_SETTINGS, win: -1 })).win).toBe(-1);
    expect(settingsToHash({ ...DEFAULT_SETTINGS, win: -1 })).toBe('#w=img');
  });

  it('bad visualiser values fall back: levels out of range, unknown tab, negative window', () => {
    const s = parseSettings('#lv=6-0-2&tab=zoo&w=-4&layer=fc6&ch=x&bin=1.5&lesson=<script>&cells=0x5');
    expect(s).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings('#lv=20-1').levels).toBeNull();
    expect(parseSettings('#lv=3').levels).toEqual([3]);
  });

  it('defaults give an empty hash, and bad values fall back to defaults', () => {
    expect(settingsToHash(DEFAULT_SETTINGS)).toBe('');
    const s = parseSettings('#mode=turbo&thr=abc&nms=7&top=-3&src=http://evil&backend=tpu');
    expect(s).toEqual({ ...DEFAULT_SETTINGS, nmsIou: 1, topN: 0 });
  });

  it('an old ?backend= link still picks the backend; an empty src means no sample', () => {
    expect(parseSettings('', '?backend=webgl').backend).toBe('webgl');
    expect(parseSettings('#src=').src).toBe('');
  });
});
