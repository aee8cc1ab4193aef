import { BACKEND_ORDER, type BackendName } from '../model/backendOrder';

/** Everything a shared link restores (STYLE.md: lesson state lives in the URL hash). */
export interface AppSettings {
  /** Sample to load: 'scene:<seed>' or 'photo:<name>'; '' for none (dropped files cannot travel in a URL). */
  src: string;
  /** Selective search preset. */
  mode: 'single' | 'fast' | 'quality';
  /** 1-scale (the manifest's default s) or multi-scale (all the manifest's scales, PAPER §3.3). */
  scales: '1' | 'multi';
  scoreThreshold: number;
  nmsIou: number;
  bboxRegression: boolean;
  /** Show the first N ranked proposals (0 hides them). */
  topN: number;
  /** Detections after per-class NMS, or every candidate before it. */
  nmsView: 'after' | 'before';
  showGroundTruth: boolean;
  /** Backend to try first; undefined = automatic. */
  backend?: BackendName;
}

export const DEFAULT_SETTINGS: AppSettings = {
  src: 'scene:3000000', mode: 'fast', scales: '1', scoreThreshold: 0.5, nmsIou: 0.3, bboxRegression: true,
  topN: 0, nmsView: 'after', showGroundTruth: true,
};

const clamp = (v: number, lo: number, hi: number, def: number): number => (Number.isFinite(v) ? Math.min(hi, Math.max(lo, v)) : def);

/** Reads settings from `#k=v&...` (and `?backend=` for old links); unknown or bad values fall back to defaults. */
export function parseSettings(hash: string, search = ''): AppSettings {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const q = new URLSearchParams(search);
  const d = DEFAULT_SETTINGS;
  const num = (k: string): number => (p.has(k) ? Number(p.get(k)) : NaN);
  const mode = p.get('mode');
  const backend = p.get('backend') ?? q.get('backend');
  const src = p.get('src');
  return {
    src: src !== null && (src === '' || /^(scene:-?\d+|photo:[a-z_]+)$/.test(src)) ? src : d.src,
    mode: mode === 'single' || mode === 'fast' || mode === 'quality' ? mode : d.mode,
    scales: p.get('scales') === 'multi' ? 'multi' : '1',
    scoreThreshold: clamp(num('thr'), 0.05, 1, d.scoreThreshold),
    nmsIou: clamp(num('nms'), 0.05, 1, d.nmsIou),
    bboxRegression: p.get('reg') !== '0',
    topN: Math.round(clamp(num('top'), 0, 5000, d.topN)),
    nmsView: p.get('view') === 'before' ? 'before' : 'after',
    showGroundTruth: p.get('gt') !== '0',
    backend: BACKEND_ORDER.find((b) => b === backend),
  };
}

/** Writes settings as a hash (only what differs from the defaults, so links stay short). */
export function settingsToHash(s: AppSettings): string {
  const d = DEFAULT_SETTINGS;
  const p = new URLSearchParams();
  if (s.src !== d.src) p.set('src', s.src);
  if (s.mode !== d.mode) p.set('mode', s.mode);
  if (s.scales !== d.scales) p.set('scales', s.scales);
  if (s.scoreThreshold !== d.scoreThreshold) p.set('thr', String(s.scoreThreshold));
  if (s.nmsIou !== d.nmsIou) p.set('nms', String(s.nmsIou));
  if (!s.bboxRegression) p.set('reg', '0');
  if (s.topN !== d.topN) p.set('top', String(s.topN));
  if (s.nmsView !== d.nmsView) p.set('view', s.nmsView);
  if (!s.showGroundTruth) p.set('gt', '0');
  if (s.backend) p.set('backend', s.backend);
  const str = p.toString();
  return str ? `#${str}` : '';
}
