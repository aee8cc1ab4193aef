/**
 * Messages between the app and the detector Web Worker (src/workers/detector.worker.ts), which owns
 * tfjs, the backend and the model so the page never blocks on a conv.
 *
 * - `init` (re)starts: picks a backend (the `preferred` one first, then webgpu → webgl → wasm → cpu)
 *   and loads the model; answers `ready` or `initError`.
 * - `detect` / `rcnn` / `features` / `selfTest` / `memory` carry a caller-chosen `id`, are run one at a time in
 *   arrival order and answer exactly one result or `error` with that id (`progress` messages before).
 * - `cancel` drops a queued request at once, or stops a running one at its next stage or batch
 *   boundary; it then answers `error` with `cancelled: true`.
 * - When a backend fails during a run (a lost WebGPU device, an error from a kernel), the worker moves
 *   to the next working backend, reloads the model, says so with a `backend` message, and runs the
 *   request once more there.
 */
import type { BackendChoice, BackendName, ModelManifest, RgbaImage } from '../model';
import type { SelfTestResult } from './sppSelfTest';
import type { DetectionTrace } from './detectionTrace';
import type { ClassScore } from './load';
import type { RcnnWayResult } from './rcnnWay';
import type { FittedScale } from './fitScales';
import type { FeatureMaps } from './featureMaps';

/** Settings of one detection run. */
export interface DetectSettings {
  /** Requested scales s (min side); capped by fitScales. */
  scales: number[];
  scoreThreshold: number;
  nmsIou: number;
  bboxRegression: boolean;
  maxDetections: number;
}

export type DetectorRequest =
  | { type: 'init'; preferred?: BackendName; modelUrl: string }
  | { type: 'detect'; id: number; image: RgbaImage; proposals: Float32Array; settings: DetectSettings; classify: boolean }
  | { type: 'rcnn'; id: number; image: RgbaImage; proposals: Float32Array; count: number }
  /** Every conv layer's output over the whole image at scale s (for the feature-map and bin views). */
  | { type: 'features'; id: number; image: RgbaImage; s: number }
  | { type: 'selfTest'; id: number }
  | { type: 'memory'; id: number }
  | { type: 'cancel'; id: number }
  /** Test fault injection: destroys the real WebGPU device, as a driver reset would. */
  | { type: 'loseDevice' };

/** The detection result of one image. */
export interface DetectResult {
  trace: DetectionTrace;
  detections: Array<{ box: [number, number, number, number]; classId: number; score: number; name: string; emoji: string }>;
  /** Top-5 full-image classification (null when not asked for). */
  top5: ClassScore[] | null;
  classifyMs: number;
  /** Scales as requested and as run (lowered when the resized image would exceed the caps). */
  scales: FittedScale[];
  backend: BackendName;
  /** tf.memory().numTensors in the worker after the run (model weights included). */
  numTensors: number;
}

export type DetectorResponse =
  | { type: 'ready'; backend: BackendChoice; manifest: ModelManifest; modelBytes: number; numTensors: number }
  | { type: 'initError'; message: string }
  /** The worker moved to another backend after `reason`. */
  | { type: 'backend'; backend: BackendChoice; reason: string }
  | { type: 'progress'; id: number; stage: string; scale?: number; done?: number; total?: number }
  | { type: 'detectResult'; id: number; result: DetectResult }
  | { type: 'rcnnResult'; id: number; result: RcnnWayResult & { backend: BackendName } }
  | { type: 'featuresResult'; id: number; result: FeatureMaps }
  | { type: 'selfTestResult'; id: number; result: SelfTestResult }
  | { type: 'memoryResult'; id: number; numTensors: number; numBytes: number }
  | { type: 'error'; id: number; message: string; cancelled: boolean };
