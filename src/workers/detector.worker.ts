/**
 * Web Worker entry for the detector: tfjs, its backend and the model live here, so a conv never
 * blocks the page. Protocol: src/pipeline/detectorProtocol.ts; logic: detectorWorkerHandler (this file
 * only binds it to the worker scope and the browser's backend loader and fetch).
 */
import { detectorWorkerHandler } from '../pipeline/detectorWorkerHandler';
import type { DetectorRequest, DetectorResponse } from '../pipeline/detectorProtocol';
import { loadBackend } from '../model/browser/loadBackend';

/** The parts of DedicatedWorkerGlobalScope used here (tsconfig has the DOM lib, not WebWorker). */
interface WorkerScope {
  postMessage(message: DetectorResponse, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<DetectorRequest>) => void) | null;
}

const scope = self as unknown as WorkerScope;
const handler = detectorWorkerHandler((message, transfer) => scope.postMessage(message, transfer), {
  loadBackend,
  readFile: async (url) => {
    const res = await fetch(url);
    if (!res.ok) throw new Error(`model file ${url}: HTTP ${res.status}${res.status === 404 ? ' (no model was built into the app: see README, "The model")' : ''}`);
    return new Uint8Array(await res.arrayBuffer());
  },
});
scope.onmessage = (event) => handler.onMessage(event.data);
