import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, parseSettings, settingsToHash } from './urlState';

describe('URL state', () => {
  it('round-trips every setting through the hash', () => {
    const s = { ...DEFAULT_SETTINGS, src: 'photo:chelsea', mode: 'quality' as const, scales: 'multi' as const, scoreThreshold: 0.7, nmsIou: 0.45, bboxRegression: false, topN: 300, nmsView: 'before' as const, showGroundTruth: false, backend: 'wasm' as const };
    expect(parseSettings(settingsToHash(s))).toEqual(s);
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
