import { describe, expect, it } from 'vitest';
import { canvasToRgba, createSceneCanvas } from './sceneCanvas';

describe('canvasToRgba', () => {
  it('rounds to nearest, clamps to 0..255 and writes alpha 255', () => {
    const c = createSceneCanvas(2, 1);
    c.rgb.set([10.3, 10.6, -5, 300, 254.4, 0.49]);
    expect(Array.from(canvasToRgba(c))).toEqual([10, 11, 0, 255, 255, 254, 0, 255]);
  });

  it('createSceneCanvas rejects a non-integer or empty size, quoting it', () => {
    expect(() => createSceneCanvas(0, 5)).toThrow(/0x5/);
    expect(() => createSceneCanvas(2.5, 5)).toThrow(/2\.5x5/);
  });
});
