import type { BackendChoice, BackendName, ModelManifest } from '../model';
import { oneScaleOf } from '../model/net/oneScale';
import type { DetectResult, DetectSettings } from '../pipeline/detectorProtocol';
import type { DetectionTrace } from '../pipeline/detectionTrace';
import { iou } from '../geometry/iou';
import { imageAp } from '../pipeline/imageAp';
import type { RcnnWayResult } from '../pipeline/rcnnWay';
import { selectDetections } from '../pipeline/selectDetections';
import type { SelectiveSearchTimings } from '../proposals/selectiveSearchSteps';
import { detectionWindowOptions } from '../pipeline/detectionWindowOptions';
import { appHooks } from './appHooks';
import type { DecodedImage } from './decodeImage';
import type { AppSettings } from './urlState';
import type { FeatureMaps } from '../pipeline/featureMaps';
import { CancelledError, DetectorClient, ProposalsClient, newRunId, transferableCopy } from './workerClients';

/** The detector worker's state. */
export interface EngineState {
  status: 'starting' | 'ready' | 'error';
  backend?: BackendChoice;
  /** The backend the person asked for (undefined: automatic). */
  requested?: BackendName;
  manifest?: ModelManifest;
  modelBytes?: number;
  /** Fallbacks after failures, newest last. */
  fallbacks: string[];
  error?: string;
}

/** A finished detection run. */
export interface RunResult extends DetectResult {
  trace: DetectionTrace;
  decodeMs: number;
  proposalsMs: number;
  proposalTimings: SelectiveSearchTimings;
  totalMs: number;
  mode: AppSettings['mode'];
}

/** The R-CNN-way comparison on the current image. */
export interface RcnnState {
  status: 'idle' | 'running' | 'done' | 'cancelled' | 'error';
  done: number;
  total: number;
  result?: RcnnWayResult & { backend: BackendName; allWindows: number; sppMs: number; estimatedMs: number; speedup: number };
  error?: string;
}

/** Everything the page shows, as one immutable snapshot. */
export interface DemoState {
  engine: EngineState;
  image: DecodedImage | null;
  inputError: string | null;
  phase: 'idle' | 'decoding' | 'proposals' | 'detecting' | 'done' | 'error';
  progress: { label: string; fraction?: number };
  proposals: { boxes: Float32Array; ms: number; mode: AppSettings['mode']; minBoxSide: number; timings: SelectiveSearchTimings } | null;
  result: RunResult | null;
  runError: string | null;
  rcnn: RcnnState;
  /** Conv feature maps of the current image for the visualiser, by scale s (fetched on demand, kept across re-runs). */
  features: Record<number, { status: 'loading' | 'ready' | 'error'; maps?: FeatureMaps; error?: string }>;
}

const STAGE_LABEL: Record<string, string> = {
  resize: 'resizing to scale s', conv: 'conv trunk, once on the whole image', spp: 'spatial pyramid pooling of every window',
  fc: 'fc6, fc7, softmax and box regression', nms: 'per-class NMS', classify: 'top-5 classification of the full image (8 views)',
  prepare: 'colour spaces', segment: 'Felzenszwalb segmentation', group: 'hierarchical grouping', rank: 'ranking',
};

/** Scales a run asks for: the manifest's 1-scale s, or all its scales (PAPER §3.3). */
export function requestedScales(manifest: ModelManifest, which: AppSettings['scales']): number[] {
  return which === 'multi' ? [...manifest.scales] : [oneScaleOf(manifest)];
}

/**
 * Orchestrates the demo outside React: images in, the proposals worker, the detector worker, the
 * R-CNN-way comparison; only the newest run may publish (an image arriving mid-run cancels the old one).
 * Components read `state` through `subscribe` (useSyncExternalStore).
 */
export class DemoController {
  state: DemoState = {
    engine: { status: 'starting', fallbacks: [] }, image: null, inputError: null, phase: 'idle', progress: { label: '' },
    proposals: null, result: null, runError: null, rcnn: { status: 'idle', done: 0, total: 0 }, features: {},
  };
  private readonly listeners = new Set<() => void>();
  // Workers start on first use (React's StrictMode builds a second, unused controller in development).
  private proposalsClient: ProposalsClient | null = null;
  private detectorClient: DetectorClient | null = null;
  private readonly modelUrl: string;
  /** Ids of the current run's worker requests (to cancel). */
  private current = { token: 0, proposalsId: 0, detectId: 0 };
  private rcnnId = 0;
  private readonly hooks = appHooks();

  private get proposalsWorker(): ProposalsClient {
    this.proposalsClient ??= new ProposalsClient();
    return this.proposalsClient;
  }

  private get detector(): DetectorClient {
    if (!this.detectorClient) {
      this.detectorClient = new DetectorClient();
      this.detectorClient.onBackendChange = (backend, reason) => {
        const line = `${reason} → now on ${backend.name}`;
        this.update({ engine: { ...this.state.engine, backend, fallbacks: [...this.state.engine.fallbacks, line] } });
        this.hooks.backend = backend;
        this.hooks.fallbacks = this.state.engine.fallbacks;
      };
    }
    return this.detectorClient;
  }

  constructor(modelUrl: string) {
    this.modelUrl = modelUrl;
    this.hooks.memory = () => this.detector.memory();
    this.hooks.workerSelfTest = () => this.detector.selfTest();
    this.hooks.loseDevice = () => this.detector.loseDevice();
    this.hooks.runs = 0;
    this.hooks.imagePixel = (x, y) => {
      const img = this.state.image;
      if (!img || x < 0 || y < 0 || x >= img.width || y >= img.height) return null;
      const o = 4 * (Math.floor(y) * img.width + Math.floor(x));
      const d = img.rgba.data;
      return [d[o], d[o + 1], d[o + 2], d[o + 3]];
    };
  }

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  getState = (): DemoState => this.state;

  private update(patch: Partial<DemoState>): void {
    this.state = { ...this.state, ...patch };
    this.hooks.phase = this.state.phase;
    this.hooks.engine = this.state.engine.status;
    this.hooks.inputError = this.state.inputError;
    for (const fn of this.listeners) fn();
  }

  /** (Re)starts the detector worker's backend and model; `preferred` is tried first. */
  async startEngine(preferred?: BackendName): Promise<void> {
    this.update({ engine: { status: 'starting', requested: preferred, fallbacks: this.state.engine.fallbacks } });
    try {
      const r = await this.detector.init(this.modelUrl, preferred);
      this.hooks.backend = r.backend;
      this.update({ engine: { status: 'ready', requested: preferred, backend: r.backend, manifest: r.manifest, modelBytes: r.modelBytes, fallbacks: this.state.engine.fallbacks } });
    } catch (e) {
      if (e instanceof CancelledError) return;
      this.update({ engine: { status: 'error', requested: preferred, fallbacks: this.state.engine.fallbacks, error: e instanceof Error ? e.message : String(e) } });
    }
  }

  /** Stops whatever runs for the current image (its results will not appear). */
  cancelRun(): void {
    this.current.token = newRunId();
    this.proposalsClient?.cancel(this.current.proposalsId);
    this.detectorClient?.cancel(this.current.detectId);
    this.cancelRcnn();
  }

  /** Shows a message for a bad input and keeps the current image and results. */
  rejectInput(message: string): void {
    this.update({ inputError: message, phase: this.state.result ? 'done' : 'idle', progress: { label: '' } });
  }

  /** A new image: cancels any run, then proposals → detection with `settings`. */
  async setImage(image: DecodedImage, settings: AppSettings): Promise<void> {
    this.cancelRun();
    // The old bitmap is left to the garbage collector: a render still in flight may draw it once more.
    this.update({ image, inputError: null, proposals: null, result: null, runError: null, rcnn: { status: 'idle', done: 0, total: 0 }, features: {} });
    await this.run(settings, true);
  }

  /** Marks the start of decoding a new input (the old run stops now). */
  decoding(): void {
    this.cancelRun();
    this.update({ phase: 'decoding', progress: { label: 'decoding the image' }, inputError: null });
  }

  /** Runs the pipeline on the current image; proposals are reused unless `newProposals` or the mode changed. */
  async run(settings: AppSettings, newProposals = false): Promise<void> {
    const image = this.state.image;
    if (!image) return;
    this.cancelRun();
    const token = this.current.token;
    const stale = (): boolean => token !== this.current.token;
    const t0 = performance.now();
    try {
      let props = this.state.proposals;
      const windows = detectionWindowOptions(this.state.engine.manifest);
      if (newProposals || !props || props.mode !== settings.mode || props.minBoxSide !== windows.minBoxSide) {
        const id = newRunId();
        this.current.proposalsId = id;
        this.update({ phase: 'proposals', progress: { label: `selective search (${settings.mode}) in a worker`, fraction: 0 }, runError: null });
        const r = await this.proposalsWorker.run(id, transferableCopy(image.rgba), { mode: settings.mode, ...windows }, (p) => {
          if (!stale()) this.update({ progress: { label: `selective search (${settings.mode}): ${STAGE_LABEL[p.stage] ?? p.stage}`, fraction: p.fraction } });
        });
        if (stale()) return;
        props = { boxes: r.boxes, ms: r.timings.total, mode: settings.mode, minBoxSide: windows.minBoxSide, timings: r.timings };
        this.update({ proposals: props });
      }
      await this.waitForEngine();
      if (stale()) return;
      const manifest = this.state.engine.manifest;
      if (!manifest) throw new Error(this.state.engine.error ?? 'the model is not loaded');
      const id = newRunId();
      this.current.detectId = id;
      const ds: DetectSettings = { scales: requestedScales(manifest, settings.scales), scoreThreshold: 0.05, nmsIou: settings.nmsIou, bboxRegression: settings.bboxRegression, maxDetections: 100 };
      this.update({ phase: 'detecting', progress: { label: `detector on ${this.state.engine.backend?.name ?? '…'}` } });
      const res = await this.detector.detect(id, transferableCopy(image.rgba), props.boxes, ds, true, (p) => {
        if (!stale()) this.update({ progress: { label: `${STAGE_LABEL[p.stage] ?? p.stage}${p.scale ? ` (s = ${p.scale})` : ''}` } });
      });
      if (stale()) return;
      res.trace.timings.decode = image.decodeMs;
      res.trace.timings.proposals = props.ms;
      const result: RunResult = { ...res, decodeMs: image.decodeMs, proposalsMs: props.ms, proposalTimings: props.timings, totalMs: performance.now() - t0 + image.decodeMs, mode: settings.mode };
      this.update({ phase: 'done', result, progress: { label: '' } });
      this.publish(result, image, settings);
    } catch (e) {
      if (e instanceof CancelledError || stale()) return;
      this.update({ phase: 'error', runError: e instanceof Error ? e.message : String(e), progress: { label: '' } });
    }
  }

  private async waitForEngine(): Promise<void> {
    while (this.state.engine.status === 'starting') {
      await new Promise<void>((resolve) => {
        const off = this.subscribe(() => { if (this.state.engine.status !== 'starting') { off(); resolve(); } });
      });
    }
  }

  /** Fills window.__SPPNET__ for tests and the benchmark. */
  private publish(r: RunResult, image: DecodedImage, settings: AppSettings): void {
    const { trace, ...rest } = r;
    this.hooks.lastTrace = trace;
    this.hooks.lastResult = { ...rest, imageName: image.name } as Window['__SPPNET__']['lastResult'];
    this.hooks.runs = (this.hooks.runs ?? 0) + 1;
    this.hooks.lastEval = image.groundTruth ? this.evaluate(trace, image, settings) : undefined;
  }

  /** Per-image evaluation against a generated scene's ground truth, with the page's current thresholds. */
  evaluate(trace: DetectionTrace, image: DecodedImage, settings: Pick<AppSettings, 'scoreThreshold' | 'nmsIou'>): NonNullable<Window['__SPPNET__']['lastEval']> {
    const gt = image.groundTruth ?? [];
    const sel = selectDetections(trace, { scoreThreshold: settings.scoreThreshold, nmsIou: settings.nmsIou });
    const dets = sel.kept.map((k, j) => ({ ...trace.candidates[k], box: sel.boxes[j] }));
    const ap = imageAp(gt, dets, 0.5);
    // Per object: found if some kept detection of its class overlaps it at IoU >= 0.5 (greedy matching as in AP).
    const perObject = gt.map((g) => ({ classId: g.classId, found: false }));
    const used = new Set<number>();
    for (const d of [...dets].sort((a, b) => b.score - a.score)) {
      let best = -1, bestIou = 0.5 - 1e-12;
      gt.forEach((g, j) => {
        if (used.has(j) || g.classId !== d.classId) return;
        const o = iou(d.box, g.box);
        if (o > bestIou) { bestIou = o; best = j; }
      });
      if (best >= 0) { used.add(best); perObject[best].found = true; }
    }
    return { found: perObject.filter((p) => p.found).length, total: gt.length, mAP: ap.mAP, perObject };
  }

  /** The R-CNN way on the current image and proposals: the first `count` windows (0 = all). */
  async runRcnn(count: number): Promise<void> {
    const { image, result, proposals } = this.state;
    if (!image || !result || !proposals) return;
    this.cancelRcnn();
    const id = newRunId();
    this.rcnnId = id;
    const all = proposals.boxes.length / 4;
    const n = count > 0 ? Math.min(count, all) : all;
    this.update({ rcnn: { status: 'running', done: 0, total: n } });
    try {
      const r = await this.detector.rcnn(id, transferableCopy(image.rgba), proposals.boxes, n, (p) => {
        if (this.rcnnId === id) this.update({ rcnn: { status: 'running', done: p.done ?? 0, total: p.total ?? n } });
      });
      if (this.rcnnId !== id) return;
      const t = result.trace.timings;
      const sppMs = t.resize + t.conv + t.spp + t.fc;
      const estimatedMs = r.msPerWindow * all;
      const full = { ...r, allWindows: all, sppMs, estimatedMs, speedup: estimatedMs / sppMs };
      this.hooks.lastRcnn = { windows: r.windows, msPerWindow: r.msPerWindow, sppMs, estimatedRcnnMs: estimatedMs, speedup: full.speedup, backend: r.backend };
      this.update({ rcnn: { status: 'done', done: n, total: n, result: full } });
    } catch (e) {
      if (this.rcnnId !== id) return;
      if (e instanceof CancelledError) this.update({ rcnn: { ...this.state.rcnn, status: 'cancelled' } });
      else this.update({ rcnn: { ...this.state.rcnn, status: 'error', error: e instanceof Error ? e.message : String(e) } });
    }
  }

  cancelRcnn(): void {
    if (this.rcnnId) this.detectorClient?.cancel(this.rcnnId);
    if (this.state.rcnn.status === 'running') this.update({ rcnn: { ...this.state.rcnn, status: 'cancelled' } });
    this.rcnnId = 0;
  }

  /**
   * Fetches every conv layer's output at scale s for the current image (once per image and scale:
   * the maps do not depend on a run's thresholds); the visualiser pools windows from conv5 itself and
   * paints channels from it.
   */
  async loadFeatures(s: number): Promise<void> {
    const { image } = this.state;
    if (!image || this.state.features[s]) return;
    this.update({ features: { ...this.state.features, [s]: { status: 'loading' } } });
    try {
      const maps = await this.detector.features(newRunId(), transferableCopy(image.rgba), s);
      if (this.state.image !== image) return;
      this.update({ features: { ...this.state.features, [s]: { status: 'ready', maps } } });
    } catch (e) {
      if (this.state.image !== image) return;
      this.update({ features: { ...this.state.features, [s]: { status: 'error', error: e instanceof Error ? e.message : String(e) } } });
    }
  }
}
