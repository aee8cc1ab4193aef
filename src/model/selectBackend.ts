import * as tf from '@tensorflow/tfjs-core';

import { BACKEND_ORDER, type BackendName } from './backendOrder';

export { BACKEND_ORDER, type BackendName };

/** Loads a backend's module (registering it with tfjs) and prepares it; false if it cannot run here. */
export type BackendLoader = (name: BackendName) => Promise<boolean>;

/** Options of {@link selectBackend}. */
export interface SelectBackendOptions {
  /** Try this backend first (a user's pick); the others follow in BACKEND_ORDER. @default none */
  preferred?: BackendName;
  /**
   * Pass over a software WebGPU adapter (SwiftShader, or `isFallbackAdapter`) in the automatic order:
   * it is 10-40x slower than wasm (PLATFORM.md). Ignored when webgpu is `preferred`. @default true
   */
  skipSoftwareWebGPU?: boolean;
  /**
   * Pass over a software WebGL renderer (SwiftShader, llvmpipe) in the automatic order: 5-10x slower
   * than wasm here (PLATFORM.md). Ignored when webgl is `preferred`. @default true
   */
  skipSoftwareWebGL?: boolean;
}

/** Outcome of {@link selectBackend}: what was chosen and why the ones before it were not. */
export interface BackendChoice {
  name: BackendName;
  /** One line per backend tried and passed over, e.g. 'webgpu: software adapter (swiftshader), slower than wasm'. */
  skipped: string[];
}

/**
 * Picks and activates the first backend that works, in BACKEND_ORDER (or `preferred` first), and
 * says why earlier ones were passed over, so the UI can show it. Throws only if none works.
 */
export async function selectBackend(load: BackendLoader, options: SelectBackendOptions = {}): Promise<BackendChoice> {
  const { preferred, skipSoftwareWebGPU = true, skipSoftwareWebGL = true } = options;
  if (preferred !== undefined && !BACKEND_ORDER.includes(preferred)) {
    throw new Error(`selectBackend: unknown backend '${String(preferred)}' (expected one of ${BACKEND_ORDER.join(', ')})`);
  }
  const order = preferred ? [preferred, ...BACKEND_ORDER.filter((b) => b !== preferred)] : [...BACKEND_ORDER];
  const skipped: string[] = [];
  for (const name of order) {
    try {
      if (name === 'webgpu') {
        const adapter = await webgpuAdapterInfo();
        if (!adapter) { skipped.push('webgpu: not available in this browser'); continue; }
        if (adapter.software && skipSoftwareWebGPU && preferred !== 'webgpu') {
          skipped.push(`webgpu: software adapter (${adapter.architecture || 'fallback'}), slower than wasm here`);
          continue;
        }
      }
      if (name === 'webgl' && skipSoftwareWebGL && preferred !== 'webgl') {
        const gl = webglRendererInfo();
        if (gl?.software) {
          skipped.push(`webgl: software renderer (${gl.kind}), slower than wasm here`);
          continue;
        }
      }
      if (!(await load(name))) { skipped.push(`${name}: failed to load`); continue; }
      if (!(await tf.setBackend(name))) { skipped.push(`${name}: failed to initialise`); continue; }
      await tf.ready();
      return { name, skipped };
    } catch (e) {
      skipped.push(`${name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  throw new Error(`no tfjs backend could start: ${skipped.join('; ')}`);
}

/** The WebGPU adapter's description, or null when WebGPU is unavailable. */
export async function webgpuAdapterInfo(): Promise<{ architecture: string; vendor: string; software: boolean } | null> {
  const gpu = (globalThis.navigator as Navigator | undefined)?.gpu;
  if (!gpu) return null;
  const adapter = await gpu.requestAdapter();
  if (!adapter) return null;
  const info = adapter.info as GPUAdapterInfo & { isFallbackAdapter?: boolean };
  const architecture = info?.architecture ?? '';
  return { architecture, vendor: info?.vendor ?? '', software: Boolean(info?.isFallbackAdapter) || /swiftshader/i.test(architecture) };
}

/**
 * The WebGL2 renderer string (unmasked where the browser allows) and whether it is a software
 * rasteriser; null when no WebGL2 context can be made here (Node, or no OffscreenCanvas).
 */
export function webglRendererInfo(): { renderer: string; software: boolean; kind: string } | null {
  if (typeof OffscreenCanvas === 'undefined') return null;
  try {
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
    if (!gl) return null;
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    const m = /swiftshader|llvmpipe|softpipe|software/i.exec(renderer);
    return { renderer, software: m !== null, kind: m ? m[0] : renderer };
  } catch {
    return null;
  }
}
