import * as tf from '@tensorflow/tfjs-core';
import { type BackendChoice, type BackendLoader, type BackendName, decodeModelFiles, selectBackend } from '../model';
import type { DetectorRequest, DetectorResponse } from './detectorProtocol';
import { type SppNetCore, runDetector } from './runDetector';
import { classifyImage } from './load';
import { fitScales } from './fitScales';
import { rcnnWay } from './rcnnWay';
import { sppSelfTest } from './sppSelfTest';
import { featureMaps } from './featureMaps';

/** Sends a response; `transfer` lists buffers that may be moved rather than copied. */
export type PostDetectorResponse = (message: DetectorResponse, transfer: ArrayBuffer[]) => void;

/** What the handler needs from its host (the worker binds browser versions; tests may bind Node ones). */
export interface DetectorWorkerDeps {
  /** Loads a tfjs backend module (model/browser/loadBackend in the app). */
  loadBackend: BackendLoader;
  /** Reads a file of the model folder by absolute URL. */
  readFile: (url: string) => Promise<Uint8Array>;
}

/** What {@link detectorWorkerHandler} returns. */
export interface DetectorWorkerHandler {
  onMessage(message: DetectorRequest): void;
  /** Resolves when the queue is empty. */
  idle(): Promise<void>;
}

type Queued = Exclude<DetectorRequest, { type: 'cancel' } | { type: 'loseDevice' }>;

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
const isAbort = (e: unknown): boolean => e instanceof Error && e.name === 'AbortError';
const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * The detector worker's logic (protocol: detectorProtocol.ts), free of worker globals: a serial queue
 * over one tfjs backend and one loaded model, with cancellation and fallback to the next backend when
 * the current one fails during a run.
 */
export function detectorWorkerHandler(post: PostDetectorResponse, deps: DetectorWorkerDeps): DetectorWorkerHandler {
  const queue: Queued[] = [];
  const aborts = new Map<number, { aborted: boolean }>();
  const files = new Map<string, Uint8Array>();
  let running: Promise<void> | null = null;
  let modelUrl = '';
  let core: SppNetCore | null = null;
  let backend: BackendChoice | null = null;
  /** Backends that failed during a run, with why (not tried again until the next init). */
  const failed = new Map<BackendName, string>();
  let lost: string | null = null;

  const read = async (name: string): Promise<Uint8Array> => {
    const url = new URL(name, modelUrl).href;
    let bytes = files.get(url);
    if (!bytes) {
      bytes = await deps.readFile(url);
      files.set(url, bytes);
    }
    return bytes;
  };

  const disposeModel = (): void => {
    if (!core) return;
    try { tf.dispose(Object.values(core.params)); } catch { /* the device may be gone */ }
    core = null;
  };

  /** Picks a backend (skipping failed ones, with their reasons) and loads the model on it. */
  const start = async (preferred: BackendName | undefined): Promise<BackendChoice> => {
    disposeModel();
    lost = null;
    const load: BackendLoader = async (name) => (failed.has(name) ? false : deps.loadBackend(name));
    const choice = await selectBackend(load, { preferred: preferred && !failed.has(preferred) ? preferred : undefined });
    choice.skipped = choice.skipped.map((line) => {
      const name = line.split(':')[0] as BackendName;
      return failed.get(name) ?? line;
    });
    backend = choice;
    core = await decodeModelFiles(read, modelUrl);
    if (choice.name === 'webgpu') {
      const device = (tf.backend() as unknown as { device?: GPUDevice }).device;
      void device?.lost.then((info) => {
        if (backend?.name === 'webgpu') lost = info.message || info.reason || 'device lost';
      });
    }
    return choice;
  };

  const fallBack = async (reason: string): Promise<void> => {
    if (!backend) throw new Error(reason);
    failed.set(backend.name, reason);
    const choice = await start(undefined);
    post({ type: 'backend', backend: choice, reason }, []);
  };

  const handle = async (req: Queued): Promise<void> => {
    if (req.type === 'init') {
      modelUrl = req.modelUrl;
      failed.clear();
      try {
        const choice = await start(req.preferred);
        const modelBytes = [...files.values()].reduce((a, b) => a + b.length, 0);
        post({ type: 'ready', backend: choice, manifest: core!.manifest, modelBytes, numTensors: tf.memory().numTensors }, []);
      } catch (e) {
        post({ type: 'initError', message: message(e) }, []);
      }
      return;
    }
    if (req.type === 'memory') {
      const m = tf.memory();
      post({ type: 'memoryResult', id: req.id, numTensors: m.numTensors, numBytes: m.numBytes }, []);
      return;
    }
    if (!core || !backend) throw new Error('detector: no model loaded (init failed or not sent)');
    const signal = aborts.get(req.id) ?? { aborted: false };
    if (req.type === 'selfTest') {
      post({ type: 'selfTestResult', id: req.id, result: await sppSelfTest() }, []);
      return;
    }
    if (req.type === 'features') {
      const result = await featureMaps(core, req.image, req.s);
      post({ type: 'featuresResult', id: req.id, result }, result.layers.map((l) => l.data.buffer as ArrayBuffer));
      return;
    }
    if (req.type === 'rcnn') {
      const result = await rcnnWay(core, req.image, req.proposals, {
        count: req.count, signal,
        onProgress: async (done, total) => { post({ type: 'progress', id: req.id, stage: 'rcnn', done, total }, []); await yieldToEventLoop(); },
      });
      post({ type: 'rcnnResult', id: req.id, result: { ...result, backend: backend.name } }, []);
      return;
    }
    // detect
    const { image, settings } = req;
    const scales = fitScales([image.width, image.height], settings.scales);
    const r = await runDetector(core, image, req.proposals, {
      scales: scales.map((f) => f.s), scoreThreshold: settings.scoreThreshold, nmsIou: settings.nmsIou,
      bboxRegression: settings.bboxRegression, maxDetections: settings.maxDetections, signal,
      onStage: async (st) => { post({ type: 'progress', id: req.id, stage: st.name, scale: st.scale }, []); await yieldToEventLoop(); },
    });
    let top5 = null, classifyMs = 0;
    if (req.classify) {
      await yieldToEventLoop();
      if (signal.aborted) throw Object.assign(new Error('detector: cancelled'), { name: 'AbortError' });
      post({ type: 'progress', id: req.id, stage: 'classify' }, []);
      const t = performance.now();
      top5 = await classifyImage(core, image, 5);
      classifyMs = performance.now() - t;
    }
    const byId = new Map(core.manifest.classes.map((c) => [c.id, c]));
    const detections = r.detections.map((d) => ({ ...d, name: byId.get(d.classId)?.name ?? '', emoji: byId.get(d.classId)?.emoji ?? '' }));
    post({
      type: 'detectResult', id: req.id,
      result: { trace: r.trace, detections, top5, classifyMs, scales, backend: backend.name, numTensors: tf.memory().numTensors },
    }, [r.trace.proposals.buffer as ArrayBuffer, r.trace.scores.buffer as ArrayBuffer]);
  };

  const execute = async (req: Queued): Promise<void> => {
    const id = 'id' in req ? req.id : -1;
    try {
      if (lost && req.type !== 'init') await fallBack(`webgpu: device lost (${lost})`);
      await handle(req);
    } catch (e) {
      if (isAbort(e)) { post({ type: 'error', id, message: message(e), cancelled: true }, []); return; }
      const gpu = backend?.name === 'webgpu' || backend?.name === 'webgl';
      if (!gpu && !lost) { post({ type: 'error', id, message: message(e), cancelled: false }, []); return; }
      try {
        await fallBack(lost ? `webgpu: device lost (${lost})` : `${backend!.name}: failed during a run (${message(e)})`);
        await handle(req);
      } catch (e2) {
        post({ type: 'error', id, message: message(e2), cancelled: isAbort(e2) }, []);
      }
    } finally {
      if (id >= 0) aborts.delete(id);
    }
  };

  const pump = async (): Promise<void> => {
    await yieldToEventLoop();
    for (let req = queue.shift(); req; req = queue.shift()) await execute(req);
    running = null;
  };

  return {
    onMessage(msg) {
      if (msg.type === 'cancel') {
        const i = queue.findIndex((q) => 'id' in q && q.id === msg.id);
        if (i >= 0) {
          queue.splice(i, 1);
          post({ type: 'error', id: msg.id, message: 'detector: cancelled', cancelled: true }, []);
        } else {
          const a = aborts.get(msg.id);
          if (a) a.aborted = true;
        }
        return;
      }
      if (msg.type === 'loseDevice') {
        const device = backend?.name === 'webgpu' ? (tf.backend() as unknown as { device?: GPUDevice }).device : undefined;
        device?.destroy();
        return;
      }
      if ('id' in msg) aborts.set(msg.id, { aborted: false });
      queue.push(msg);
      running ??= pump();
    },
    idle: () => running ?? Promise.resolve(),
  };
}
