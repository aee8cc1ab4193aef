/**
 * Messages between the app and the proposals Web Worker (src/workers/proposals.worker.ts).
 *
 * - The app posts `{type: 'run', id, image, options}` (transfer `image.data.buffer` to avoid a copy).
 * - The worker answers with any number of `progress` messages, then exactly one `result` or `error`
 *   for that id. Requests run one at a time, in arrival order.
 * - Cancellation, two ways: post `{type: 'cancel', id}` — a queued request is dropped at once, a running
 *   one stops at its next step boundary (the worker yields to its event loop at least every
 *   {@link YIELD_EVERY_MS} ms, so the cancel is seen within about that long plus one step) and
 *   answers `error` with `cancelled: true`; or terminate the worker (`worker.terminate()`) for an
 *   immediate stop, then create a new one.
 */
import type { RgbaImage } from './rgbaImage';
import type { SelectiveSearchOptions, SelectiveSearchProgress, SelectiveSearchTimings } from './selectiveSearchSteps';
import type { SimilaritySet } from './similarity';
import type { ColourSpace } from './colourSpaces';

/** Options that can cross a postMessage (no callbacks). */
export type ProposalsWorkerOptions = Omit<SelectiveSearchOptions, 'onProgress' | 'signal'>;

/** Longest stretch (ms) the worker computes before yielding to its event loop to read messages. */
export const YIELD_EVERY_MS = 30;

/** Starts a selective search run. */
export interface ProposalsRunRequest {
  type: 'run';
  /** Caller-chosen id, echoed in every response. */
  id: number;
  image: RgbaImage;
  options?: ProposalsWorkerOptions;
}

/** Cancels the run (or queued request) with this id. Unknown ids are ignored. */
export interface ProposalsCancelRequest {
  type: 'cancel';
  id: number;
}

/** Anything the app posts to the worker. */
export type ProposalsWorkerRequest = ProposalsRunRequest | ProposalsCancelRequest;

/** Progress of a run: the step just finished and the fraction done (0..1). */
export interface ProposalsProgressMessage {
  type: 'progress';
  id: number;
  stage: SelectiveSearchProgress['stage'];
  fraction: number;
}

/** Label maps and merge trees, when the request asked for `options.detail`. */
export interface ProposalsDetail {
  segmentations: Array<{ colourSpace: ColourSpace; k: number; labels: Int32Array; count: number }>;
  hierarchies: Array<{
    segmentation: number; similarity: SimilaritySet; initialCount: number;
    children: Int32Array; similarities: Float32Array; boxes: Int32Array;
  }>;
}

/** The finished run. */
export interface ProposalsResultMessage {
  type: 'result';
  id: number;
  /** Float32Array [4N] ranked `[x1, y1, x2, y2]` in image pixels. */
  boxes: Float32Array;
  timings: SelectiveSearchTimings;
  imageSize: [number, number];
  workingSize: [number, number];
  detail?: ProposalsDetail;
}

/** A failed or cancelled run. */
export interface ProposalsErrorMessage {
  type: 'error';
  id: number;
  message: string;
  /** True when the run stopped because of a cancel request. */
  cancelled: boolean;
}

/** Anything the worker posts back. */
export type ProposalsWorkerResponse = ProposalsProgressMessage | ProposalsResultMessage | ProposalsErrorMessage;
