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
  // The visualiser ("Inside the pyramid"): the whole view state travels in the hash, so a lesson is a link.
  /** Window inspected: index into the trace's windows, -1 = the whole image, null = none picked. */
  win: number | null;
  /** A window of a×b conv5 cells at the map's top-left instead (to try PAPER.md's sizes); null = off. */
  cells: [number, number] | null;
  tab: VizTab;
  /** Pyramid levels drawn (null = the model's own). */
  levels: number[] | null;
  rule: 'adaptive' | 'sliding';
  /** Focused bin (index into the window's pyramid, vector order), null = none. */
  bin: number | null;
  /** Feature-map layer and channel shown. */
  layer: string;
  channel: number | null;
  /** NMS stepper: class and how many steps are done. */
  nmsClass: number | null;
  nmsStep: number | null;
  /** Built-in lesson whose text is shown ('' = none). */
  lesson: string;
}

/** Tabs of the visualiser. */
export const VIZ_TABS = ['pyramid', 'projection', 'maps', 'nms', 'scales', 'speed'] as const;
export type VizTab = (typeof VIZ_TABS)[number];

export const DEFAULT_SETTINGS: AppSettings = {
  src: 'scene:3000000', mode: 'fast', scales: '1', scoreThreshold: 0.5, nmsIou: 0.3, bboxRegression: true,
  topN: 0, nmsView: 'after', showGroundTruth: true,
  win: null, cells: null, tab: 'pyramid', levels: null, rule: 'adaptive', bin: null, layer: 'conv5', channel: null, nmsClass: null, nmsStep: null, lesson: '',
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
    win: p.get('w') === 'img' ? -1 : int(p.get('w'), 0, 1e7),
    cells: parseCells(p.get('cells')),
    tab: VIZ_TABS.find((t) => t === p.get('tab')) ?? d.tab,
    levels: parseLevels(p.get('lv')),
    rule: p.get('rule') === 'sliding' ? 'sliding' : 'adaptive',
    bin: int(p.get('bin'), 0, 10_000),
    layer: /^conv[1-9]$/.test(p.get('layer') ?? '') ? p.get('layer')! : d.layer,
    channel: int(p.get('ch'), 0, 100_000),
    nmsClass: int(p.get('cls'), 1, 1000),
    nmsStep: int(p.get('step'), 0, 1e6),
    lesson: /^[a-z0-9-]{1,40}$/.test(p.get('lesson') ?? '') ? p.get('lesson')! : '',
  };
}

/** A non-negative integer in [lo, hi] from the hash, else null. */
function int(v: string | null, lo: number, hi: number): number | null {
  if (v === null || !/^\d+$/.test(v)) return null;
  const n = Number(v);
  return n >= lo && n <= hi ? n : null;
}

/** `10x8` → [10, 8] (1..200 cells each), else null. */
export function parseCells(v: string | null): [number, number] | null {
  const m = /^(\d{1,3})x(\d{1,3})$/.exec(v ?? '');
  if (!m) return null;
  const a = Number(m[1]), b = Number(m[2]);
  return a >= 1 && b >= 1 && a <= 200 && b <= 200 ? [a, b] : null;
}

/** `6-3-2-1` → [6, 3, 2, 1]: 1 to 6 levels of 1..16 bins per side; anything else → null (the model's). */
export function parseLevels(v: string | null): number[] | null {
  if (!v || !/^\d{1,2}(-\d{1,2}){0,5}$/.test(v)) return null;
  const lv = v.split('-').map(Number);
  return lv.every((n) => n >= 1 && n <= 16) ? lv : null;
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
  if (s.win !== null) p.set('w', s.win === -1 ? 'img' : String(s.win));
  if (s.cells) p.set('cells', s.cells.join('x'));
  if (s.tab !== d.tab) p.set('tab', s.tab);
  if (s.levels) p.set('lv', s.levels.join('-'));
  if (s.rule !== d.rule) p.set('rule', s.rule);
  if (s.bin !== null) p.set('bin', String(s.bin));
  if (s.layer !== d.layer) p.set('layer', s.layer);
  if (s.channel !== null) p.set('ch', String(s.channel));
  if (s.nmsClass !== null) p.set('cls', String(s.nmsClass));
  if (s.nmsStep !== null) p.set('step', String(s.nmsStep));
  if (s.lesson) p.set('lesson', s.lesson);
  const str = p.toString();
  return str ? `#${str}` : '';
}
