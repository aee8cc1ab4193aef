import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { detectionsToCoco } from '../pipeline/detectionsToCoco';
import { selectDetections } from '../pipeline/selectDetections';
import { MAX_TRUNK_SIDE } from '../pipeline/fitScales';
import { oneScaleOf } from '../model/net/oneScale';
import { BackendPanel } from './components/BackendPanel';
import { ControlsPanel } from './components/ControlsPanel';
import { ExportPanel } from './components/ExportPanel';
import { ImageView } from './components/ImageView';
import { InputBar } from './components/InputBar';
import { RcnnPanel } from './components/RcnnPanel';
import { ResultsPanel, type ShownDetection } from './components/ResultsPanel';
import { TimingTable } from './components/TimingTable';
import { DemoController } from './demoController';
import { ImageInputError, MAX_IMAGE_SIDE, decodeImageBlob } from './decodeImage';
import { drawResult, type DrawResultOptions } from './drawResult';
import { loadSample } from './loadSample';
import { download } from './download';
import { type AppSettings, parseSettings, settingsToHash } from './urlState';
import { VizPanel } from './components/viz/VizPanel';
import { pickWindowAt } from '../viz/pickWindowAt';

/** The visualiser's per-image state, cleared when another image arrives. */
const FRESH_VIEW: Partial<AppSettings> = { win: null, bin: null, channel: null, nmsClass: null, nmsStep: null };

const ASSETS_URL = new URL('./', document.baseURI).href;
const MODEL_URL = new URL('models/emoji-voc-zf5/', ASSETS_URL).href;


const baseName = (name: string): string => name.replace(/\.[^.]+$/, '') || 'image';

/** The demo: an image in, proposals, one conv pass, SPP, fc, NMS; boxes, timings and comparisons out. */
export function App() {
  const [controller] = useState(() => new DemoController(MODEL_URL));
  const state = useSyncExternalStore(controller.subscribe, controller.getState);
  const [settings, setSettings] = useState<AppSettings>(() => parseSettings(window.location.hash, window.location.search));

  // Settings live in the URL hash so a link restores them.
  useEffect(() => {
    const hash = settingsToHash(settings);
    if (hash !== window.location.hash && !(hash === '' && window.location.hash === '')) {
      window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}${hash}`);
    }
  }, [settings]);

  const update = useCallback((patch: Partial<AppSettings>) => setSettings((s) => ({ ...s, ...patch })), []);

  // A lesson link (or any edited hash) changes the whole view state; a new sample loads with its view kept.
  const openSampleRef = useRef<(src: string, keepView: boolean) => Promise<void>>(async () => {});
  useEffect(() => {
    const onHash = (): void => {
      const next = parseSettings(window.location.hash);
      setSettings((cur) => {
        if (next.src && next.src !== cur.src) void openSampleRef.current(next.src, true);
        return next;
      });
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  // The detector worker (re)starts when the backend choice changes; the current image then runs again there.
  const settingsRef = useRef(settings);
  settingsRef.current = settings;
  const engineStarts = useRef(0);
  useEffect(() => {
    const again = engineStarts.current++ > 0;
    void controller.startEngine(settings.backend).then(() => {
      if (again && controller.state.image) void controller.run(settingsRef.current);
    });
  }, [controller, settings.backend]);

  const openFile = useCallback(async (blob: Blob, name: string) => {
    controller.decoding();
    try {
      const img = await decodeImageBlob(blob, name);
      setSettings((s) => ({ ...s, ...FRESH_VIEW, src: '' }));
      await controller.setImage(img, { ...settings, src: '' });
    } catch (e) {
      controller.rejectInput(e instanceof ImageInputError ? e.message : `“${name}” could not be read: ${e instanceof Error ? e.message : String(e)}`);
    }
  }, [controller, settings]);

  const openSample = useCallback(async (src: string, keepView = false) => {
    controller.decoding();
    try {
      const img = await loadSample(src, ASSETS_URL);
      setSettings((s) => ({ ...s, ...(keepView ? {} : FRESH_VIEW), src }));
      await controller.setImage(img, { ...settings, src });
    } catch (e) {
      controller.rejectInput(e instanceof Error ? e.message : String(e));
    }
  }, [controller, settings]);

  openSampleRef.current = openSample;

  // First image: the sample named in the URL, with the view the URL describes.
  useEffect(() => {
    if (settings.src) void openSample(settings.src, true);
  }, []);

  // Re-run when a setting that changes the network's work changes (thresholds only re-select).
  const runKey = `${settings.mode}|${settings.scales}|${settings.bboxRegression}`;
  const [lastRunKey, setLastRunKey] = useState(runKey);
  useEffect(() => {
    if (runKey === lastRunKey) return;
    setLastRunKey(runKey);
    void controller.run(settings);
  }, [runKey, lastRunKey, controller, settings]);

  // Drop anywhere, paste anywhere.
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    const over = (e: DragEvent): void => { if (e.dataTransfer?.types.includes('Files')) { e.preventDefault(); setDragging(true); } };
    const leave = (e: DragEvent): void => { if (!e.relatedTarget) setDragging(false); };
    const drop = (e: DragEvent): void => {
      e.preventDefault();
      setDragging(false);
      const f = e.dataTransfer?.files[0];
      if (f) void openFile(f, f.name);
    };
    const paste = (e: ClipboardEvent): void => {
      const f = [...(e.clipboardData?.files ?? [])][0];
      if (f) { e.preventDefault(); void openFile(f, f.name || 'pasted image'); }
    };
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    window.addEventListener('paste', paste);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
      window.removeEventListener('paste', paste);
    };
  }, [openFile]);

  const { image, result, engine, proposals } = state;
  const selection = useMemo(() => (result ? selectDetections(result.trace, { scoreThreshold: settings.scoreThreshold, nmsIou: settings.nmsIou }) : null), [result, settings.scoreThreshold, settings.nmsIou]);
  const byId = useMemo(() => new Map((engine.manifest?.classes ?? []).map((c) => [c.id, c])), [engine.manifest]);
  const shown: ShownDetection[] = useMemo(() => (result && selection ? selection.kept.map((k, j) => {
    const c = result.trace.candidates[k];
    return { box: selection.boxes[j], classId: c.classId, score: c.score, name: byId.get(c.classId)?.name ?? '', emoji: byId.get(c.classId)?.emoji ?? '', window: c.window };
  }) : []), [result, selection, byId]);
  const evaluation = useMemo(() => (result && image?.groundTruth ? controller.evaluate(result.trace, image, settings) : null), [controller, result, image, settings]);

  const overlay = useMemo((): Omit<DrawResultOptions, 'scale'> => {
    const o: Omit<DrawResultOptions, 'scale'> = { proposals: proposals?.boxes, topN: settings.topN };
    if (result && selection) {
      if (settings.nmsView === 'after') o.detections = shown;
      else {
        const kept = new Set(selection.kept);
        o.candidates = selection.above.slice(0, 3000).map((k) => ({ ...result.trace.candidates[k], suppressed: !kept.has(k) }));
      }
      // The window the visualiser inspects: the one picked, else the best detection's.
      const w = settings.win ?? shown[0]?.window ?? null;
      o.selected = w !== null && result.trace.windows[w] ? result.trace.windows[w].box : null;
    }
    if (settings.showGroundTruth && image?.groundTruth) {
      o.groundTruth = image.groundTruth.map((g) => ({ box: g.box, label: `GT ${byId.get(g.classId)?.emoji ?? ''} ${byId.get(g.classId)?.name ?? g.classId}` }));
    }
    return o;
  }, [proposals, settings.topN, settings.nmsView, settings.showGroundTruth, result, selection, shown, settings.win, image, byId]);

  const exportCoco = (): void => {
    if (!image || !result || !engine.manifest) return;
    const file = detectionsToCoco({ fileName: image.name, width: image.width, height: image.height }, shown, engine.manifest.classes, {
      model: engine.manifest.name,
      settings: { backend: result.backend, scales: result.scales, mode: settings.mode, scoreThreshold: settings.scoreThreshold, nmsIou: settings.nmsIou, bboxRegression: settings.bboxRegression },
    });
    download(new Blob([JSON.stringify(file, null, 1)], { type: 'application/json' }), `${baseName(image.name)}.detections.json`);
  };
  const exportPng = async (): Promise<void> => {
    if (!image) return;
    // At least 512 px on the long side so labels stay legible on tiny images.
    const scale = Math.max(1, 512 / Math.max(image.width, image.height));
    const c = new OffscreenCanvas(Math.round(image.width * scale), Math.round(image.height * scale));
    const ctx = c.getContext('2d');
    if (!ctx) return;
    drawResult(ctx, image.bitmap, { ...overlay, scale, fontSize: Math.max(12, Math.round(Math.max(c.width, c.height) / 60)) });
    download(await c.convertToBlob({ type: 'image/png' }), `${baseName(image.name)}.detections.png`);
  };

  const trace = result?.trace;
  const loadFeatures = useCallback((sc: number) => void controller.loadFeatures(sc), [controller]);
  const pickOnImage = useCallback((x: number, y: number) => {
    if (!result) return;
    const w = pickWindowAt(result.trace, x, y, shown.map((d) => d.window), settings.topN);
    if (w !== null) update({ win: w, bin: null });
  }, [result, shown, settings.topN, update]);
  const busy = state.phase === 'decoding' || state.phase === 'proposals' || state.phase === 'detecting';
  const description = image ? `${image.name}, ${image.width}×${image.height} px, with ${shown.length} detections drawn` : 'no image';
  const scalesInfo = engine.manifest ? { one: oneScaleOf(engine.manifest), all: engine.manifest.scales } : null;

  return (
    <div className={dragging ? 'app dragging' : 'app'}>
      <header className="top">
        <h1>SPP-net in the browser</h1>
        <p className="lede">Drop any image: selective search proposes windows, the conv trunk runs <strong>once</strong> on the whole image, and every
          window is pooled from that one feature map by a spatial pyramid (He et al., 2014).</p>
      </header>
      <main className="layout">
        <div className="stage">
          <InputBar onFile={(b, n) => void openFile(b, n)} onSample={(s) => void openSample(s)} busy={busy} source={settings.src} />
          {state.inputError && <p role="alert" className="error card" data-testid="input-error">{state.inputError}</p>}
          <section className="card image-card" aria-labelledby="image-h" aria-busy={busy}>
            <h2 id="image-h" className="sr-only">Image and detections</h2>
            {busy && (
              <div role="status" className="progress" data-testid="progress">
                <span>{state.progress.label}…</span>
                {state.progress.fraction !== undefined ? <progress max={1} value={state.progress.fraction} aria-label="Progress" /> : <progress aria-label="Working" />}
              </div>
            )}
            {state.runError && <p role="alert" className="error">The run failed: {state.runError}</p>}
            {image ? <ImageView bitmap={image.bitmap} overlay={overlay} description={description} onPick={result ? pickOnImage : undefined} /> : <div className="placeholder">Drop an image here, or choose one above.</div>}
            {image && (
              <p className="small" data-testid="image-info">
                {image.name}: {image.width}×{image.height} px
                {trace && <> · {trace.proposals.length / 4} proposals · {trace.scales.map((s) => `s = ${s.s} → ${s.scaledSize.join('×')} px, conv5 ${s.conv5Size[1]}×${s.conv5Size[0]}×${s.channels}, ${s.windows} windows pooled to ${s.pooledShape[1].toLocaleString()} values each`).join('; ')}</>}
              </p>
            )}
            {image?.notes.map((n) => <p key={n} className="note" data-testid="image-note">{n}</p>)}
            {result?.scales.some((f) => f.s !== f.requested) && (
              <p className="note" data-testid="scale-note">Scale lowered so the trunk's input stays within {MAX_TRUNK_SIDE} px per side and 2.5 MP: {result.scales.filter((f) => f.s !== f.requested).map((f) => `${f.requested} → ${f.s}`).join(', ')}.</p>
            )}
          </section>
          {result && (
            <ResultsPanel top5={result.top5} detections={shown} before={selection?.above.length ?? 0} selectedWindow={settings.win}
              onSelect={(w) => update({ win: w, bin: null })} evaluation={evaluation} />
          )}
          {result && image && engine.manifest ? (
            <VizPanel trace={result.trace} bitmap={image.bitmap} manifest={engine.manifest} settings={settings} onChange={update}
              features={state.features} loadFeatures={loadFeatures} rcnn={state.rcnn} onMeasureRcnn={() => void controller.runRcnn(50)}
              detections={shown.map((d) => ({ window: d.window, classId: d.classId, name: d.name, emoji: d.emoji, score: d.score }))} />
          ) : (
            <section className="card viz" aria-labelledby="viz-h">
              <h2 id="viz-h">Inside the pyramid</h2>
              <p className="small">Once an image has been through the detector, its windows, pyramid bins, pooled vectors and feature maps appear here.</p>
            </section>
          )}
        </div>
        <aside className="side" aria-label="Controls and measurements">
          <ControlsPanel settings={settings} onChange={update} proposalCount={proposals ? proposals.boxes.length / 4 : 0} scales={scalesInfo} />
          <BackendPanel engine={engine} onPick={(b) => update({ backend: b })} />
          {result && <section className="card"><TimingTable result={result} /></section>}
          <RcnnPanel rcnn={state.rcnn} windows={proposals ? proposals.boxes.length / 4 : 0} enabled={!!result && !busy}
            onRun={(n) => void controller.runRcnn(n)} onCancel={() => controller.cancelRcnn()} />
          <ExportPanel onCoco={exportCoco} onPng={() => void exportPng()} enabled={!!result && !busy} shareable={settings.src !== ''} />
          <p className="small foot">Images above {MAX_IMAGE_SIDE} px per side are downscaled on arrival. Everything runs in this browser; nothing is uploaded.
            <a href="selftest.html"> Kernel self-test</a>.</p>
        </aside>
      </main>
    </div>
  );
}
