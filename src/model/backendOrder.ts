/** Backends in the order the app tries them (ARCHITECTURE.md): WebGPU first, then WebGL, WASM, CPU. No tfjs import, so the page can name backends without loading tfjs. */
export const BACKEND_ORDER = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_ORDER)[number];
