import { scaleLinear, select, type Selection } from 'd3';
import { levelColour, VIZ_CONFIG } from './vizConfig';

/** What {@link renderSpeed} draws. All times in milliseconds, measured in this browser. */
export interface SpeedViewData {
  /** Drawing width, CSS px. */
  width: number;
  /** SPP-net's stages for the whole image (trace.timings): resize, conv once, SPP of every window, fc. */
  spp: { resize: number; conv: number; spp: number; fc: number };
  /** Windows the SPP-net run scored. */
  windows: number;
  /** The R-CNN way measured on a sample of windows, or null before it is run. */
  rcnn: null | { msPerWindow: number; windowsMeasured: number; backend: string };
}

/** Options of {@link renderSpeed}. */
export interface SpeedViewOptions {
  /** Below this bar length (px) SPP-net's bar gets an enlarged copy of its own. @default 60 */
  minReadable?: number;
}

/** One horizontal bar segment, px. */
interface Seg { key: string; x: number; y: number; w: number; h: number; colour: string }
interface Line { key: string; x: number; y: number; t: string; bold?: boolean; colour?: string; size?: number }

const STAGES = ['resize', 'conv', 'spp', 'fc'] as const;
const ROW = 26, GAP = 30, LABEL_W = 118;

/** "12 ms", "3.4 ms", "12.3 s". */
export function formatMs(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(ms >= 100_000 ? 0 : 1)} s`;
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

const perWindow = (ms: number): string => `${ms.toFixed(ms < 1 ? 2 : 1)} ms`;

/** R-CNN's estimated total (msPerWindow × windows) over SPP-net's total, or null before measuring. */
export function speedup(data: Pick<SpeedViewData, 'spp' | 'windows' | 'rcnn'>): number | null {
  const spp = STAGES.reduce((a, k) => a + data.spp[k], 0);
  return data.rcnn && spp > 0 ? (data.rcnn.msPerWindow * data.windows) / spp : null;
}

/**
 * SPP-net vs the R-CNN way on one linear ms axis (PAPER §3, Table: SPP-net runs the conv layers once;
 * R-CNN once per warped window): SPP-net's bar stacked by stage, R-CNN's estimated from its measured
 * ms per window × this run's windows, and the speed-up. When SPP-net's bar is too short to read next to
 * R-CNN's, a third row repeats it enlarged (labelled with its factor) rather than switching to a log axis.
 */
export function renderSpeed(svgEl: SVGSVGElement, data: SpeedViewData, config: SpeedViewOptions = {}): void {
  const stageLabel: Record<(typeof STAGES)[number], string> = {
    resize: 'resize', conv: 'conv, once', spp: `SPP of ${data.windows.toLocaleString('en')} windows`, fc: 'fc',
  };
  const sppMs = STAGES.reduce((a, k) => a + data.spp[k], 0);
  const rcnnMs = data.rcnn ? data.rcnn.msPerWindow * data.windows : null;
  const barW = Math.max(80, data.width - LABEL_W - 70);
  const x = scaleLinear().domain([0, Math.max(sppMs, rcnnMs ?? 0) || 1]).range([0, barW]);
  const zoom = rcnnMs !== null && x(sppMs) < (config.minReadable ?? 60) && sppMs > 0 ? Math.floor(barW / x(sppMs) / 2) : 1;
  const rowY = (r: number): number => 8 + r * (ROW + GAP);
  const segs: Seg[] = [];
  const lines: Line[] = [];
  const stacked = (row: number, f: number): void => {
    let at = 0;
    STAGES.forEach((k, i) => {
      segs.push({ key: `${row}-${k}`, x: LABEL_W + x(at) * f, y: rowY(row), w: x(data.spp[k]) * f, h: ROW, colour: levelColour(i) });
      at += data.spp[k];
    });
    lines.push({ key: `v${row}`, x: LABEL_W + x(sppMs) * f + 6, y: rowY(row) + ROW / 2 + 4, t: formatMs(sppMs), bold: true });
  };
  lines.push({ key: 'l0', x: 0, y: rowY(0) + ROW / 2 + 4, t: 'SPP-net', bold: true });
  stacked(0, 1);
  let row = 1;
  if (data.rcnn && rcnnMs !== null) {
    segs.push({ key: '1-rcnn', x: LABEL_W, y: rowY(1), w: x(rcnnMs), h: ROW, colour: levelColour(4) });
    lines.push(
      { key: 'l1', x: 0, y: rowY(1) + ROW / 2 + 4, t: 'R-CNN way', bold: true },
      { key: 'v1', x: Math.min(LABEL_W + x(rcnnMs) + 6, data.width - 60), y: rowY(1) + ROW / 2 + 4, t: `≈ ${formatMs(rcnnMs)}`, bold: true },
      { key: 'n1', x: data.width >= 600 ? LABEL_W : 0, y: rowY(1) + ROW + 14, size: 11, colour: VIZ_CONFIG.muted,
        t: `${perWindow(data.rcnn.msPerWindow)} per window × ${data.windows.toLocaleString('en')} windows, estimated from ${data.rcnn.windowsMeasured} measured windows (${data.rcnn.backend})` },
    );
    row = 2;
    if (zoom > 1) {
      lines.push({ key: 'l2', x: 0, y: rowY(2) + ROW / 2 + 4, t: `SPP-net ×${zoom}`, colour: VIZ_CONFIG.muted });
      stacked(2, zoom);
      lines.push({ key: 'n2', x: data.width >= 600 ? LABEL_W : 0, y: rowY(2) + ROW + 14, size: 11, colour: VIZ_CONFIG.muted, t: `the first bar enlarged ${zoom}× so its stages can be read` });
      row = 3;
    }
  }
  let y = rowY(row) + 6;
  STAGES.forEach((k, i) => {
    segs.push({ key: `key-${k}`, x: 0, y: y + 14 * i, w: 12, h: 11, colour: levelColour(i) });
    lines.push({ key: `k${k}`, x: 18, y: y + 14 * i + 10, t: `${stageLabel[k]}: ${formatMs(data.spp[k])}`, size: 11 });
  });
  y += 14 * STAGES.length + 22;
  const ratio = speedup(data);
  lines.push(ratio === null
    ? { key: 'r', x: 0, y, t: 'Run the R-CNN comparison to measure', bold: true, size: 13 }
    : { key: 'r', x: 0, y, bold: true, size: 14, t: ratio >= 1
      ? `SPP-net is ${ratio.toFixed(1)}× faster here (paper, GPU 2014: 24–102×)`
      : `The R-CNN way was ${(1 / ratio).toFixed(1)}× faster here` });
  const height = y + 10;

  const summary = ratio === null
    ? `SPP-net: ${formatMs(sppMs)} for ${data.windows} windows (${STAGES.map((k) => `${stageLabel[k]} ${formatMs(data.spp[k])}`).join(', ')}). Run the R-CNN comparison to measure.`
    : `SPP-net: ${formatMs(sppMs)}; R-CNN way ≈ ${formatMs(rcnnMs!)} (${perWindow(data.rcnn!.msPerWindow)} per window × ${data.windows}); speed-up ${ratio.toFixed(1)}×.`;
  const svg = select(svgEl).attr('width', data.width).attr('height', height).attr('viewBox', `0 0 ${data.width} ${height}`)
    .attr('role', 'img').attr('aria-label', summary);
  svg.selectAll('title').data([0]).join((e) => e.insert('title', ':first-child')).text('SPP-net vs the R-CNN way: time per image');
  svg.selectAll('desc').data([0]).join((e) => e.insert('desc', 'title + *')).text(summary);
  const g = (cls: string): Selection<SVGGElement, null, SVGSVGElement, unknown> =>
    svg.selectAll<SVGGElement, null>(`g.${cls}`).data([null]).join('g').attr('class', cls);
  g('speed-bars').selectAll<SVGRectElement, Seg>('rect').data(segs, (d) => d.key).join('rect')
    .attr('x', (d) => d.x).attr('y', (d) => d.y).attr('width', (d) => d.w).attr('height', (d) => d.h).attr('fill', (d) => d.colour);
  g('speed-text').selectAll<SVGTextElement, Line>('text').data(lines, (d) => d.key).join('text')
    .attr('x', (d) => d.x).attr('y', (d) => d.y).attr('font-size', (d) => d.size ?? 12).attr('font-family', 'system-ui, sans-serif')
    .attr('font-weight', (d) => (d.bold ? 700 : 400)).attr('fill', (d) => d.colour ?? VIZ_CONFIG.text).text((d) => d.t);
}
