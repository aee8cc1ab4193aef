import { selectiveSearchSteps } from './selectiveSearchSteps';
import {
  YIELD_EVERY_MS, type ProposalsDetail, type ProposalsResultMessage, type ProposalsRunRequest,
  type ProposalsWorkerRequest, type ProposalsWorkerResponse,
} from './workerProtocol';

/** Sends a response; `transfer` lists buffers that may be moved rather than copied. */
export type PostResponse = (message: ProposalsWorkerResponse, transfer: ArrayBuffer[]) => void;

/** What {@link proposalsWorkerHandler} returns. */
export interface ProposalsWorkerHandler {
  /** Feed every incoming message here. */
  onMessage(message: ProposalsWorkerRequest): void;
  /** Resolves when the queue is empty (for tests and orderly shutdown). */
  idle(): Promise<void>;
}

/** Lets the event loop run (and deliver cancel messages): a macrotask, so pending messages go first. */
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * The proposals worker's logic, free of worker globals so it runs in Node tests: a serial queue of
 * runs, each driven step by step with yields to the event loop (see workerProtocol.ts for the
 * protocol and cancellation).
 */
export function proposalsWorkerHandler(post: PostResponse): ProposalsWorkerHandler {
  const queue: ProposalsRunRequest[] = [];
  const cancelled = new Set<number>();
  let running: Promise<void> | null = null;
  let current: number | null = null;

  const run = async (req: ProposalsRunRequest): Promise<void> => {
    current = req.id;
    const cancelError = (): void => post({ type: 'error', id: req.id, message: 'selectiveSearch: cancelled', cancelled: true }, []);
    try {
      const steps = selectiveSearchSteps(req.image, { ...req.options });
      let last = performance.now();
      for (;;) {
        if (cancelled.has(req.id)) { cancelError(); return; }
        const r = steps.next();
        if (r.done) {
          const res = r.value;
          const msg: ProposalsResultMessage = {
            type: 'result', id: req.id, boxes: res.boxes, timings: res.timings,
            imageSize: res.imageSize, workingSize: res.workingSize,
          };
          const transfer: ArrayBuffer[] = [res.boxes.buffer as ArrayBuffer];
          if (req.options?.detail) {
            const detail: ProposalsDetail = {
              segmentations: res.segmentations.map((s) => ({ colourSpace: s.colourSpace, k: s.k, labels: s.labels, count: s.count })),
              hierarchies: res.hierarchies.map((h) => ({
                segmentation: h.segmentation, similarity: h.similarity, initialCount: h.tree.initialCount,
                children: h.tree.children, similarities: h.tree.similarity, boxes: h.tree.boxes,
              })),
            };
            for (const s of detail.segmentations) transfer.push(s.labels.buffer as ArrayBuffer);
            for (const h of detail.hierarchies) transfer.push(h.children.buffer as ArrayBuffer, h.similarities.buffer as ArrayBuffer, h.boxes.buffer as ArrayBuffer);
            msg.detail = detail;
          }
          post(msg, transfer);
          return;
        }
        post({ type: 'progress', id: req.id, stage: r.value.stage, fraction: r.value.fraction }, []);
        if (performance.now() - last >= YIELD_EVERY_MS) {
          await yieldToEventLoop();
          last = performance.now();
        }
      }
    } catch (err) {
      post({ type: 'error', id: req.id, message: err instanceof Error ? err.message : String(err), cancelled: false }, []);
    } finally {
      cancelled.delete(req.id);
      current = null;
    }
  };

  const pump = async (): Promise<void> => {
    await yieldToEventLoop(); // a cancel posted right after the run may still drop it from the queue
    for (let req = queue.shift(); req; req = queue.shift()) await run(req);
    running = null;
  };

  return {
    onMessage(message) {
      if (message?.type === 'cancel') {
        const i = queue.findIndex((q) => q.id === message.id);
        if (i >= 0) {
          queue.splice(i, 1);
          post({ type: 'error', id: message.id, message: 'selectiveSearch: cancelled', cancelled: true }, []);
        } else if (message.id === current) {
          cancelled.add(message.id);
        }
        return;
      }
      if (message?.type !== 'run') {
        const id = (message as { id?: unknown } | null)?.id;
        post({ type: 'error', id: typeof id === 'number' ? id : -1, message: `proposals worker: unknown message type '${String((message as { type?: unknown } | null)?.type)}'`, cancelled: false }, []);
        return;
      }
      queue.push(message);
      running ??= pump();
    },
    idle: () => running ?? Promise.resolve(),
  };
}
