// Test helper: read ../shared/golden files (CI has ../shared beside the checkout).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of the project root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Absolute path of ../shared. */
export const SHARED = path.resolve(ROOT, '../shared');

/** Parses ../shared/golden/<name>. */
export function readGolden<T>(name: string): T {
  return JSON.parse(fs.readFileSync(path.join(SHARED, 'golden', name), 'utf8')) as T;
}

/** Decodes base64 little-endian float32. */
export function decodeF32(b64: string): Float32Array {
  const buf = Buffer.from(b64, 'base64');
  return new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
}

export interface SppGoldenWindow { cells: [number, number, number, number]; levels: string[] }
export interface SppGoldenCase {
  height: number; width: number; channels: number; levels: number[];
  featureMap: string; full: string[]; windows: SppGoldenWindow[];
}
export interface SppGolden { cases: SppGoldenCase[] }

/** Concatenates a golden case's per-level outputs ([n, n, C] each) into our bin-major vector. */
export function goldenVector(levels: string[]): Float32Array {
  const parts = levels.map(decodeF32);
  const out = new Float32Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}
