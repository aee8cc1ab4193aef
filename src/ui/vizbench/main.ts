// The visualiser benchmark page (vizbench.html, driven by scripts/bench-viz.ts): the app's renderers
// on a paper-sized problem — a 43x57x256 conv5 map (ZF-5 at s = 688 on a 912x688 image) and 2,000
// windows — timing a selection (pool the window, redraw bins, vector, image overlay of 2,000 windows,
// channel view) and hovers (a bin; one value, which also repaints its channel), script time and time
// to the next painted frame.
import type { DetectionTrace } from '../../pipeline/detectionTrace';
import type { FeatureMapLayer } from '../../pipeline/featureMaps';
import { BinsView } from '../../viz/binsView';
import { ChannelView } from '../../viz/channelView';
import { resolveHighlight } from '../../viz/highlight';
import { VectorView } from '../../viz/vectorView';
import { inspectWindow } from '../../viz/windowInspection';
import { drawResult } from '../drawResult';

const [IW, IH, S, STRIDE] = [912, 688, 688, 16];
const [H, W, K] = [43, 57, 256];
const N = 2000;

let seed = 12345;
const rnd = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
// ReLU-like: about 70% zeros, the rest spread up to ~8.
const data = new Float32Array(H * W * K).map(() => { const v = rnd(); return v < 0.7 ? 0 : ((v - 0.7) / 0.3) ** 2 * 8; });
const conv5: FeatureMapLayer = { name: 'conv5', shape: [H, W, K], stride: STRIDE, data };
const proposals = new Float32Array(4 * N);
const windows: DetectionTrace['windows'] = [];
for (let i = 0; i < N; i++) {
  const w = 20 + rnd() * 500, h = 20 + rnd() * 400;
  const x = rnd() * (IW - w), y = rnd() * (IH - h);
  proposals.set([x, y, x + w, y + h], 4 * i);
  const c = (v: number, n: number) => Math.min(n - 1, Math.max(0, v));
  let cx1 = c(Math.floor(x / STRIDE) + 1, W), cx2 = c(Math.ceil((x + w) / STRIDE) - 1, W);
  let cy1 = c(Math.floor(y / STRIDE) + 1, H), cy2 = c(Math.ceil((y + h) / STRIDE) - 1, H);
  if (cx1 > cx2) cx1 = cx2 = c(Math.floor((x + w / 2) / STRIDE), W);
  if (cy1 > cy2) cy1 = cy2 = c(Math.floor((y + h / 2) / STRIDE), H);
  windows.push({ box: [x, y, x + w, y + h], scale: S, cells: [cx1, cy1, cx2, cy2] });
}
const trace = {
  imageSize: [IW, IH], scales: [{ s: S, scaledSize: [IW, IH], conv5Size: [H, W], channels: K, windows: N, pooledShape: [N, 50 * K] }],
  stride: STRIDE, levels: [6, 3, 2, 1], proposals, windows, scores: new Float32Array(0), numClasses: 20, boxVoting: false, candidates: [], detections: [],
  timings: { resize: 0, conv: 0, spp: 0, fc: 0, nms: 0 },
} as DetectionTrace;

// An image to draw under the overlays: a gradient with some shapes.
const img = new OffscreenCanvas(IW, IH);
const ictx = img.getContext('2d')!;
const g = ictx.createLinearGradient(0, 0, IW, IH);
g.addColorStop(0, '#6a8caf');
g.addColorStop(1, '#c9b38a');
ictx.fillStyle = g;
ictx.fillRect(0, 0, IW, IH);
for (let i = 0; i < 30; i++) { ictx.fillStyle = `hsl(${rnd() * 360} 60% 50%)`; ictx.fillRect(rnd() * IW, rnd() * IH, 20 + rnd() * 120, 20 + rnd() * 120); }
const bitmap = await createImageBitmap(img);

const root = document.getElementById('root')!;
const mk = <T extends keyof HTMLElementTagNameMap>(tag: T): HTMLElementTagNameMap[T] => root.appendChild(document.createElement(tag));
const overlay = mk('canvas');
const scale = 640 / IW;
overlay.width = Math.round(IW * scale);
overlay.height = Math.round(IH * scale);
const binsSvg = root.appendChild(document.createElementNS('http://www.w3.org/2000/svg', 'svg'));
const vecDiv = mk('div');
const chDiv = mk('div');
const bins = new BinsView(binsSvg, { width: 1000, onHighlight: () => {} });
const vec = new VectorView(vecDiv, { width: 1000, onHighlight: () => {} });
const ch = new ChannelView(chDiv, 400);
const octx = overlay.getContext('2d')!;

let insp = inspectWindow(trace, conv5, 0);
/** Window i, or -1 for the whole image (the largest window: 57x43 cells). */
function select(i: number): void {
  insp = inspectWindow(trace, conv5, i);
  bins.update(insp);
  vec.update(insp);
  ch.update({ bitmap, imageSize: [IW, IH], layer: conv5, channel: 0, f: 1 }, 300);
  ch.mark({ window: insp.box });
  drawResult(octx, bitmap, { scale, proposals, topN: N, selected: i >= 0 ? windows[i].box : null });
}
function hoverBin(rect: number): void {
  const r = resolveHighlight(insp, { rect });
  bins.highlight(r);
  vec.highlight(r);
  ch.mark({ window: insp.box, bin: r ? { box: insp.box, colour: '#000' } : null });
}
let shownChannel = 0;
function hoverValue(index: number): void {
  const r = resolveHighlight(insp, { rect: Math.floor(index / insp.k), index })!;
  bins.highlight(r);
  vec.highlight(r);
  if (r.value!.channel !== shownChannel) {
    shownChannel = r.value!.channel;
    ch.update({ bitmap, imageSize: [IW, IH], layer: conv5, channel: shownChannel, f: 1 }, 300);
  }
  ch.mark({ window: insp.box, cell: [r.value!.cell[0] * STRIDE, r.value!.cell[1] * STRIDE, (r.value!.cell[0] + 1) * STRIDE, (r.value!.cell[1] + 1) * STRIDE] });
}

const frame = (): Promise<void> => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));
const stats = (v: number[]) => { const s = [...v].sort((a, b) => a - b); return { median: s[Math.floor(s.length / 2)], p95: s[Math.floor(s.length * 0.95)], max: s[s.length - 1] }; };

async function measure(reps: number, step: (i: number) => void): Promise<{ script: ReturnType<typeof stats>; frame: ReturnType<typeof stats> }> {
  const script: number[] = [], toFrame: number[] = [];
  for (let i = 0; i < reps + 3; i++) {
    await frame();
    const t0 = performance.now();
    step(i);
    const t1 = performance.now();
    await new Promise<void>((r) => requestAnimationFrame(() => r()));
    const t2 = performance.now();
    if (i >= 3) { script.push(t1 - t0); toFrame.push(t2 - t0); }
  }
  return { script: stats(script), frame: stats(toFrame) };
}

/** Where a selection's time goes: median ms of each part over `reps` random windows. */
function selectParts(reps: number): Record<string, number> {
  const parts: Record<string, number[]> = { inspect: [], bins: [], vector: [], channel: [], overlay: [] };
  for (let r = 0; r < reps; r++) {
    const i = Math.floor(rnd() * N);
    let t = performance.now();
    const lap = (name: string): void => { const n = performance.now(); parts[name].push(n - t); t = n; };
    insp = inspectWindow(trace, conv5, i); lap('inspect');
    bins.update(insp); lap('bins');
    vec.update(insp); lap('vector');
    ch.update({ bitmap, imageSize: [IW, IH], layer: conv5, channel: 0, f: 1 }, 300); ch.mark({ window: insp.box }); lap('channel');
    drawResult(octx, bitmap, { scale, proposals, topN: N, selected: windows[i].box }); lap('overlay');
  }
  return Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, stats(v).median]));
}

declare global { interface Window { __VIZBENCH__: { ready: boolean; run: (reps: number) => Promise<unknown> } } }
window.__VIZBENCH__ = {
  ready: true,
  async run(reps: number) {
    select(0);
    const pick = () => Math.floor(rnd() * N);
    return {
      map: [H, W, K], windows: N, vectorLength: insp.values.length,
      select: await measure(reps, () => select(pick())),
      selectParts: selectParts(reps),
      selectWholeImage: await measure(Math.max(5, Math.floor(reps / 4)), () => select(-1)),
      // hovers on the whole-image window (the largest pyramid) and on a typical window
      hoverBin: await measure(reps, () => hoverBin(Math.floor(rnd() * 50))),
      hoverValue: await measure(reps, () => hoverValue(Math.floor(rnd() * insp.values.length))),
    };
  },
};
