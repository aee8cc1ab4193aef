// Test helpers shared by the training tests: a tiny spec, a temp folder, a flat-colour image.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type SppNetSpec, ZF5_SMALL } from '../src/model';

/** ZF-5's layout with 4 filters per conv layer and fc 8/8: fast enough for unit tests. */
export const TINY: SppNetSpec = { ...ZF5_SMALL, conv: ZF5_SMALL.conv.map((l) => ({ ...l, filters: 4 })), fc: [8, 8] };

/** A new empty folder under the OS temp folder. */
export const tmp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'sppnet-train-'));

/** An opaque RGBA image of one colour. */
export function solidImage(w: number, h: number, rgb: [number, number, number]): { width: number; height: number; data: Uint8ClampedArray } {
  const data = new Uint8ClampedArray(w * h * 4);
  for (let i = 0; i < w * h; i++) data.set([...rgb, 255], 4 * i);
  return { width: w, height: h, data };
}
