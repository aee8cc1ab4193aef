/**
 * Web Worker entry for selective search, so the page never blocks. Protocol and cancellation:
 * src/proposals/workerProtocol.ts. Create it with
 * `new Worker(new URL('./workers/proposals.worker.ts', import.meta.url), { type: 'module' })`.
 * The logic lives in proposalsWorkerHandler (tested in Node); this file only binds it to the worker
 * scope.
 */
import { proposalsWorkerHandler } from '../proposals/proposalsWorkerHandler';
import type { ProposalsWorkerRequest, ProposalsWorkerResponse } from '../proposals/workerProtocol';

/** The parts of DedicatedWorkerGlobalScope used here (tsconfig has the DOM lib, not WebWorker). */
interface WorkerScope {
  postMessage(message: ProposalsWorkerResponse, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<ProposalsWorkerRequest>) => void) | null;
}

const scope = self as unknown as WorkerScope;
const handler = proposalsWorkerHandler((message, transfer) => scope.postMessage(message, transfer));
scope.onmessage = (event) => handler.onMessage(event.data);
