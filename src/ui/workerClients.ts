import type { BackendChoice, BackendName, ModelManifest, RgbaImage } from '../model';
import type { DetectorRequest, DetectorResponse, DetectResult, DetectSettings } from '../pipeline/detectorProtocol';
import type { RcnnWayResult } from '../pipeline/rcnnWay';
import type { SelfTestResult } from '../pipeline/sppSelfTest';
import type { FeatureMaps } from '../pipeline/featureMaps';
import type { ProposalsResultMessage, ProposalsWorkerOptions, ProposalsWorkerRequest, ProposalsWorkerResponse } from '../proposals/workerProtocol';

/** A run that ended because it was cancelled (not a failure to show). */
export class CancelledError extends Error {
  override readonly name = 'CancelledError';
}

let nextId = 1;
/** Ids unique across both workers, so one id names one run of the page. */
export const newRunId = (): number => nextId++;

/** A copy of the pixels that can be transferred to a worker (the page keeps its own). */
export function transferableCopy(image: { width: number; height: number; data: Uint8ClampedArray }): RgbaImage & { data: Uint8ClampedArray } {
  return { width: image.width, height: image.height, data: new Uint8ClampedArray(image.data) };
}

type Pending<T> = { resolve: (v: T) => void; reject: (e: Error) => void; onProgress?: (p: { stage: string; fraction?: number; scale?: number; done?: number; total?: number }) => void };

/** The selective search worker (src/workers/proposals.worker.ts) behind promises. */
export class ProposalsClient {
  private readonly worker = new Worker(new URL('../workers/proposals.worker.ts', import.meta.url), { type: 'module' });
  private readonly pending = new Map<number, Pending<ProposalsResultMessage>>();

  constructor() {
    this.worker.onmessage = (e: MessageEvent<ProposalsWorkerResponse>) => {
      const m = e.data;
      const p = this.pending.get(m.id);
      if (!p) return;
      if (m.type === 'progress') { p.onProgress?.({ stage: m.stage, fraction: m.fraction }); return; }
      this.pending.delete(m.id);
      if (m.type === 'result') p.resolve(m);
      else p.reject(m.cancelled ? new CancelledError(m.message) : new Error(m.message));
    };
    this.worker.onerror = (e) => this.failAll(new Error(`proposals worker: ${e.message || 'failed to start'}`));
  }

  private failAll(err: Error): void {
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }

  /** Selective search on a copy of `image` (transferred). */
  run(id: number, image: RgbaImage & { data: Uint8ClampedArray }, options: ProposalsWorkerOptions, onProgress?: Pending<unknown>['onProgress']): Promise<ProposalsResultMessage> {
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress });
      const req: ProposalsWorkerRequest = { type: 'run', id, image, options };
      this.worker.postMessage(req, [image.data.buffer]);
    });
  }

  cancel(id: number): void {
    if (this.pending.has(id)) this.worker.postMessage({ type: 'cancel', id } satisfies ProposalsWorkerRequest);
  }
}

/** What `init` resolves to. */
export interface DetectorReady { backend: BackendChoice; manifest: ModelManifest; modelBytes: number; numTensors: number }

/** The detector worker (src/workers/detector.worker.ts) behind promises. */
export class DetectorClient {
  private worker: Worker;
  private readonly pending = new Map<number, Pending<unknown>>();
  private initWaiter: Pending<DetectorReady> | null = null;
  /** Called when the worker moved to another backend after a failure. */
  onBackendChange: ((backend: BackendChoice, reason: string) => void) | null = null;

  constructor() {
    this.worker = this.spawn();
  }

  private spawn(): Worker {
    const w = new Worker(new URL('../workers/detector.worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (e: MessageEvent<DetectorResponse>) => this.receive(e.data);
    w.onerror = (e) => {
      const err = new Error(`detector worker: ${e.message || 'failed to start'}`);
      this.initWaiter?.reject(err);
      this.initWaiter = null;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    return w;
  }

  private receive(m: DetectorResponse): void {
    if (m.type === 'ready') { this.initWaiter?.resolve({ backend: m.backend, manifest: m.manifest, modelBytes: m.modelBytes, numTensors: m.numTensors }); this.initWaiter = null; return; }
    if (m.type === 'initError') { this.initWaiter?.reject(new Error(m.message)); this.initWaiter = null; return; }
    if (m.type === 'backend') { this.onBackendChange?.(m.backend, m.reason); return; }
    const p = this.pending.get(m.id);
    if (!p) return;
    if (m.type === 'progress') { p.onProgress?.(m); return; }
    this.pending.delete(m.id);
    if (m.type === 'error') p.reject(m.cancelled ? new CancelledError(m.message) : new Error(m.message));
    else if (m.type === 'detectResult') p.resolve(m.result);
    else if (m.type === 'rcnnResult') p.resolve(m.result);
    else if (m.type === 'selfTestResult') p.resolve(m.result);
    else if (m.type === 'featuresResult') p.resolve(m.result);
    else if (m.type === 'memoryResult') p.resolve({ numTensors: m.numTensors, numBytes: m.numBytes });
  }

  private request<T>(req: DetectorRequest & { id: number }, transfer: Transferable[] = [], onProgress?: Pending<unknown>['onProgress']): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.set(req.id, { resolve: resolve as (v: unknown) => void, reject, onProgress });
      this.worker.postMessage(req, transfer);
    });
  }

  /** Picks a backend (preferred first) and loads the model; runs queued after it wait for it. */
  init(modelUrl: string, preferred?: BackendName): Promise<DetectorReady> {
    this.initWaiter?.reject(new CancelledError('superseded by a new init'));
    return new Promise((resolve, reject) => {
      this.initWaiter = { resolve, reject };
      this.worker.postMessage({ type: 'init', modelUrl, preferred } satisfies DetectorRequest);
    });
  }

  detect(id: number, image: RgbaImage & { data: Uint8ClampedArray }, proposals: Float32Array, settings: DetectSettings, classify: boolean, onProgress?: Pending<unknown>['onProgress']): Promise<DetectResult> {
    const props = proposals.slice();
    return this.request({ type: 'detect', id, image, proposals: props, settings, classify }, [image.data.buffer, props.buffer], onProgress);
  }

  rcnn(id: number, image: RgbaImage & { data: Uint8ClampedArray }, proposals: Float32Array, count: number, onProgress?: Pending<unknown>['onProgress']): Promise<RcnnWayResult & { backend: BackendName }> {
    const props = proposals.slice();
    return this.request({ type: 'rcnn', id, image, proposals: props, count }, [image.data.buffer, props.buffer], onProgress);
  }

  /** Every conv layer's output at scale s; `image.data` is transferred (pass a copy). */
  features(id: number, image: RgbaImage & { data: Uint8ClampedArray }, s: number): Promise<FeatureMaps> {
    return this.request({ type: 'features', id, image, s }, [image.data.buffer]);
  }

  selfTest(): Promise<SelfTestResult> { return this.request({ type: 'selfTest', id: newRunId() }); }
  memory(): Promise<{ numTensors: number; numBytes: number }> { return this.request({ type: 'memory', id: newRunId() }); }
  cancel(id: number): void { if (this.pending.has(id)) this.worker.postMessage({ type: 'cancel', id } satisfies DetectorRequest); }
  /** Test fault injection: destroys the worker's real WebGPU device. */
  loseDevice(): void { this.worker.postMessage({ type: 'loseDevice' } satisfies DetectorRequest); }
}
