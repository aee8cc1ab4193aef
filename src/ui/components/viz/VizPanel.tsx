import { useEffect, useMemo, useRef, useState } from 'react';
import type { ModelManifest } from '../../../model';
import type { DetectionTrace } from '../../../pipeline/detectionTrace';
import { renderProjection } from '../../../viz/projectionView';
import { inspectWindow } from '../../../viz/windowInspection';
import { appHooks } from '../../appHooks';
import type { DemoState } from '../../demoController';
import { LESSONS, lessonHash } from '../../lessons';
import { type AppSettings, VIZ_TABS, type VizTab } from '../../urlState';
import { ExportButtons } from './ExportButtons';
import { MapsTab } from './MapsTab';
import { NmsPanel } from './NmsPanel';
import { PyramidTab } from './PyramidTab';
import { ScalesPanel } from './ScalesPanel';
import { SpeedPanel } from './SpeedPanel';
import { useWidth } from './useWidth';

/** Props of {@link VizPanel}. */
export interface VizPanelProps {
  trace: DetectionTrace;
  bitmap: ImageBitmap;
  manifest: ModelManifest;
  settings: AppSettings;
  onChange: (patch: Partial<AppSettings>) => void;
  features: DemoState['features'];
  loadFeatures: (s: number) => void;
  /** The detections shown (best first): their windows for the picker, their classes for the NMS view. */
  detections: Array<{ window: number; classId: number; name: string; emoji: string; score: number }>;
  rcnn: DemoState['rcnn'];
  onMeasureRcnn: () => void;
}

const TAB_LABEL: Record<VizTab, string> = {
  pyramid: 'Pyramid bins & vector', projection: 'Projection', maps: 'Feature maps', nms: 'NMS', scales: 'Multi-scale', speed: 'vs R-CNN',
};

/** Makes a ≤ 480 px JPEG data URL of the image once, for SVG views (and their exports). */
function useThumbUrl(bitmap: ImageBitmap): string {
  return useMemo(() => {
    const k = Math.min(1, 480 / Math.max(bitmap.width, bitmap.height));
    const c = document.createElement('canvas');
    c.width = Math.max(1, Math.round(bitmap.width * k));
    c.height = Math.max(1, Math.round(bitmap.height * k));
    c.getContext('2d')?.drawImage(bitmap, 0, 0, c.width, c.height);
    return c.toDataURL('image/jpeg', 0.85);
  }, [bitmap]);
}

/** "Inside the pyramid": lessons, the window picker and the linked views of one window. */
export function VizPanel({ trace, bitmap, manifest, settings, onChange, features, loadFeatures, detections, rcnn, onMeasureRcnn }: VizPanelProps) {
  const imageSize = trace.imageSize;
  const win = settings.win !== null && (settings.win === -1 || trace.windows[settings.win]) ? settings.win : (detections[0]?.window ?? -1);
  const custom = settings.cells;
  const s = win === -1 || custom ? trace.scales[0].s : trace.windows[win].scale;
  const feat = features[s];
  useEffect(() => { if (!feat) loadFeatures(s); }, [feat, s, loadFeatures]);
  const conv5 = feat?.maps?.layers[feat.maps.layers.length - 1];
  const insp = useMemo(() => (conv5 ? inspectWindow(trace, conv5, win, { levels: settings.levels ?? trace.levels, rule: settings.rule, cellSize: custom }) : null), [trace, conv5, win, settings.levels, settings.rule, custom]);
  useEffect(() => {
    if (!insp || !conv5) return;
    const [, w, k] = conv5.shape;
    appHooks().viz = {
      ...(appHooks().viz ?? {}), window: custom ? undefined : win, s: insp.s, cells: insp.pyramid.cells, levels: settings.levels ?? trace.levels, rule: settings.rule, k: insp.k,
      bins: insp.pyramid.rectLevel.length, vectorLength: insp.values.length, trained: insp.trained,
      conv5At: (x, y, c) => conv5.data[(y * w + x) * k + c],
    };
  }, [insp, conv5, win, settings.levels, settings.rule, trace.levels]);
  const thumbUrl = useThumbUrl(bitmap);
  const lesson = LESSONS.find((l) => l.id === settings.lesson);
  const n = trace.windows.length;
  const tw = win >= 0 ? trace.windows[win] : null;

  return (
    <section className="card viz" aria-labelledby="viz-h" data-testid="viz-panel">
      <h2 id="viz-h">Inside the pyramid</h2>
      <nav aria-label="Lessons" className="lessons">
        <span className="small">Lessons:</span>
        {LESSONS.map((l) => <a key={l.id} href={lessonHash(l)} aria-current={l.id === settings.lesson ? 'page' : undefined} data-lesson={l.id}>{l.title}</a>)}
      </nav>
      {lesson && (
        <aside className="lesson" aria-label={`Lesson: ${lesson.title}`} data-testid="lesson">
          <h3>{lesson.title}</h3>
          {lesson.text.map((p) => <p key={p.slice(0, 20)}>{p}</p>)}
          <button type="button" className="small-btn" onClick={() => onChange({ lesson: '' })}>Close the lesson</button>
        </aside>
      )}
      <div className="viz-controls window-picker" role="group" aria-label="Window to inspect">
        <label>Window <select value={detections.some((d) => d.window === win) ? String(win) : win === -1 ? 'img' : 'other'}
          onChange={(e) => e.target.value !== 'other' && onChange({ win: e.target.value === 'img' ? -1 : Number(e.target.value), bin: null, cells: null })}>
          <option value="img">the whole image (full-image classification)</option>
          {detections.map((d) => <option key={d.window} value={d.window}>{d.emoji} {d.name} {d.score.toFixed(2)}: window #{d.window}</option>)}
          <option value="other" disabled>proposal #{win} (picked on the image or by number)</option>
        </select></label>
        <label>Proposal # <input type="number" min={0} max={n - 1} value={win >= 0 ? win : ''} placeholder="rank"
          onChange={(e) => { const v = Number(e.target.value); if (Number.isInteger(v) && v >= 0 && v < n) onChange({ win: v, bin: null, cells: null }); }} /></label>
        <button type="button" className="small-btn" aria-label="Previous proposal" disabled={win <= 0} onClick={() => onChange({ win: Math.max(0, win - 1), bin: null, cells: null })}>◀</button>
        <button type="button" className="small-btn" aria-label="Next proposal" disabled={win >= n - 1} onClick={() => onChange({ win: win + 1, bin: null, cells: null })}>▶</button>
        <span className="small">or click a box on the image, or try a size:</span>
        <CellSizePicker value={custom} onChange={(c) => onChange({ cells: c, bin: null })} />
      </div>
      <p data-testid="selected-window">{custom && insp
        ? <>A {insp.pyramid.width}×{insp.pyramid.height}-cell window at the top-left of the whole image&rsquo;s conv5 map (s = {s}), to try any size: PAPER.md lists a = 10, 11, 8, 14, 4, 13 with n = 6, 4, 3, 6, 6, 6.</>
        : win === -1
        ? <>The whole image [0, 0, {imageSize[0]}, {imageSize[1]}] at s = {s}: every conv5 cell, pooled into levels {'{'}{(settings.levels ?? trace.levels).join(', ')}{'}'}.</>
        : <>Window #{win}: image box [{tw!.box.map((v) => Math.round(v)).join(', ')}], pooled at s = {tw!.scale} from conv5 cells [{tw!.cells.join(', ')}] into levels {'{'}{(settings.levels ?? trace.levels).join(', ')}{'}'}.</>}</p>
      <div role="tablist" aria-label="Views" className="tabs">
        {VIZ_TABS.map((t) => (
          <button key={t} type="button" role="tab" id={`tab-${t}`} aria-selected={settings.tab === t} aria-controls={`panel-${t}`} tabIndex={settings.tab === t ? 0 : -1}
            onClick={() => onChange({ tab: t })}
            onKeyDown={(e) => {
              const i = VIZ_TABS.indexOf(t);
              const next = e.key === 'ArrowRight' ? VIZ_TABS[(i + 1) % VIZ_TABS.length] : e.key === 'ArrowLeft' ? VIZ_TABS[(i + VIZ_TABS.length - 1) % VIZ_TABS.length] : null;
              if (next) { e.preventDefault(); onChange({ tab: next }); document.getElementById(`tab-${next}`)?.focus(); }
            }}>{TAB_LABEL[t]}</button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${settings.tab}`} aria-labelledby={`tab-${settings.tab}`} className="tabpanel">
        {(settings.tab === 'pyramid' || settings.tab === 'projection' || settings.tab === 'maps') && !insp && (
          <p role="status" className="small">{feat?.status === 'error' ? `The feature maps could not be read: ${feat.error}` : 'Reading the conv feature maps from the detector…'}</p>
        )}
        {settings.tab === 'pyramid' && insp && conv5 && (
          <PyramidTab insp={insp} conv5={conv5} bitmap={bitmap} imageSize={imageSize} modelLevels={trace.levels} settings={settings} onChange={onChange} />
        )}
        {settings.tab === 'projection' && insp && (
          <ProjectionFigure thumbUrl={thumbUrl} imageSize={imageSize} box={insp.box} s={insp.s} f={insp.f} stride={trace.stride} mapSize={insp.mapSize}
            scales={manifest.scales} trainArea={manifest.trainArea} multiScale={trace.scales.length > 1} />
        )}
        {settings.tab === 'maps' && insp && feat?.maps && (
          <MapsTab maps={feat.maps} bitmap={bitmap} imageSize={imageSize} box={insp.box} f={insp.f} settings={settings} onChange={onChange} />
        )}
        {settings.tab === 'nms' && (
          <NmsPanel trace={trace} classes={manifest.classes} thumbUrl={thumbUrl} scoreThreshold={settings.scoreThreshold} nmsIou={settings.nmsIou} shown={detections}
            classId={settings.nmsClass} step={settings.nmsStep} onChange={(p) => onChange({ ...(p.nmsClass !== undefined ? { nmsClass: p.nmsClass, nmsStep: null } : {}), ...(p.nmsStep !== undefined ? { nmsStep: p.nmsStep } : {}) })} />
        )}
        {settings.tab === 'scales' && (
          <ScalesPanel trace={trace} thumbUrl={thumbUrl} selectedWindow={win >= 0 ? win : null} trainArea={manifest.trainArea} multiScale={trace.scales.length > 1} />
        )}
        {settings.tab === 'speed' && <SpeedPanel result={{ trace }} rcnn={rcnn} onMeasure={onMeasureRcnn} />}
      </div>
    </section>
  );
}

/** a × b cells for a custom window; empty fields turn it off. */
function CellSizePicker({ value, onChange }: { value: [number, number] | null; onChange: (c: [number, number] | null) => void }) {
  const [a, setA] = useState(value ? String(value[0]) : '');
  const [b, setB] = useState(value ? String(value[1]) : '');
  useEffect(() => { setA(value ? String(value[0]) : ''); setB(value ? String(value[1]) : ''); }, [value]);
  const apply = (): void => {
    const x = Number(a), y = Number(b);
    onChange(Number.isInteger(x) && Number.isInteger(y) && x >= 1 && y >= 1 && x <= 200 && y <= 200 ? [x, y] : null);
  };
  return (
    <span className="cell-size">
      <input type="number" min={1} max={200} value={a} placeholder="a" aria-label="Custom window width in cells" onChange={(e) => setA(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && apply()} />
      ×
      <input type="number" min={1} max={200} value={b} placeholder="b" aria-label="Custom window height in cells" onChange={(e) => setB(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && apply()} />
      <button type="button" className="small-btn" onClick={apply}>cells</button>
      {value && <button type="button" className="small-btn" onClick={() => onChange(null)} aria-label="Back to a real window">✕</button>}
    </span>
  );
}

function ProjectionFigure(props: Omit<Parameters<typeof renderProjection>[1], 'width'>) {
  const wrap = useRef<HTMLDivElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const fig = useRef<HTMLElement>(null);
  const width = useWidth(wrap);
  useEffect(() => { if (svg.current && width > 0) renderProjection(svg.current, { ...props, width }); });
  return (
    <figure ref={fig} className="viz-figure" data-testid="projection-figure">
      <figcaption><strong>Projection</strong>: the window on the image, at scale s, and on the conv5 grid, with the inward rounding written out.
        <ExportButtons target={fig} name="projection" title="Projection of a window to conv5 cells" /></figcaption>
      <div ref={wrap}><svg ref={svg} role="img" /></div>
    </figure>
  );
}
