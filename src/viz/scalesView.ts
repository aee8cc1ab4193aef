import { max, scaleBand, scaleLinear, select, type Selection } from 'd3';
import type { Box4 } from '../geometry/boxes';
import { scaleFactor } from '../geometry/scaleBox';
import { levelColour, VIZ_CONFIG } from './vizConfig';

/** One scale's case in the multi-scale rule (PAPER §3.3) for one window. */
export interface ScaleChoiceRow {
  /** The scale s (min side after resizing, px). */
  s: number;
  /** √(window area) after resizing to s, in px at s: the side of the equal-area square. */
  scaledSide: number;
  /** |area at s − trainArea| in px², the quantity the rule minimises. */
  diff: number;
  /** True for the one scale the rule picks (smallest diff; ties go to the earlier scale, as chooseScale). */
  chosen: boolean;
}

/**
 * The multi-scale choice written out per scale (PAPER §3.3): the window's area after resizing the image
 * so min(w, h) = s, against the training area; the chosen row matches `chooseScale`.
 * @param box window in image pixels [x1, y1, x2, y2]. @param imageSize [width, height] px.
 * @param scales candidate s values (px). @param trainArea px² (224² in the paper).
 * @returns one row per scale in `scales` order; [] when `scales` is empty.
 */
export function scaleChoiceRows(box: Box4, imageSize: readonly [number, number], scales: readonly number[], trainArea: number): ScaleChoiceRow[] {
  const area = Math.max(0, box[2] - box[0]) * Math.max(0, box[3] - box[1]);
  const rows = scales.map((s) => {
    const f = scaleFactor(imageSize, s);
    return { s, scaledSide: Math.sqrt(area) * f, diff: Math.abs(area * f * f - trainArea), chosen: false };
  });
  let best = -1;
  rows.forEach((r, i) => { if (best < 0 || r.diff < rows[best].diff) best = i; });
  if (best >= 0) rows[best].chosen = true;
  return rows;
}

/** What {@link renderScales} draws. */
export interface ScalesViewData {
  /** [width, height] of the original image, px. */
  imageSize: [number, number];
  /** Data URL of an image thumbnail. */
  thumbUrl: string;
  /** Drawing width, CSS px. */
  width: number;
  /** The run's scales s (px); scale i is drawn in levelColour(i). */
  scales: number[];
  /** Every window: box in image px and the s whose conv5 map pooled it. */
  windows: Array<{ box: [number, number, number, number]; scale: number }>;
  /** Outline at most this many windows (the first ones). @default 400 */
  maxWindows?: number;
  /** Index into `windows` of the window to explain, or null. */
  selected?: number | null;
  /** Training input area, px² (224²). */
  trainArea: number;
}

/** Options of {@link renderScales}. */
export interface ScalesViewOptions {
  /** Tallest thumbnail, CSS px. @default 360 */
  maxImageHeight?: number;
  /** Width of the bar chart when it sits left of the image, CSS px. @default 220 */
  chartWidth?: number;
}

const LINE = 17;
type G = Selection<SVGGElement, unknown, null, undefined>;
function layer<E extends SVGElement>(parent: Selection<E, unknown, null, undefined>, cls: string): G {
  return parent.selectAll<SVGGElement, null>(`g.${cls}`).data([null]).join('g').attr('class', cls) as unknown as G;
}
function texts(g: G, lines: Array<{ x: number; y: number; t: string; bold?: boolean; anchor?: string; colour?: string }>): void {
  g.selectAll('text').data(lines).join('text').attr('x', (d) => d.x).attr('y', (d) => d.y).attr('text-anchor', (d) => d.anchor ?? 'start')
    .attr('font-size', 12).attr('font-family', 'system-ui, sans-serif').attr('font-weight', (d) => (d.bold ? 700 : 400))
    .attr('fill', (d) => d.colour ?? VIZ_CONFIG.text).text((d) => d.t);
}

/**
 * Multi-scale detection at a glance (PAPER §3.3): a bar chart of how many windows each scale pooled, the
 * image with windows outlined in their scale's colour, and for the selected window the rule's
 * arithmetic, √(area at s) against √trainArea, the chosen scale marked.
 */
export function renderScales(svgEl: SVGSVGElement, data: ScalesViewData, config: ScalesViewOptions = {}): void {
  const [iw, ih] = data.imageSize;
  const side = data.width >= 520;
  const chartW = side ? Math.min(config.chartWidth ?? 220, data.width * 0.4) : data.width;
  const chartH = 170;
  const imgX = side ? chartW + 24 : 0, imgY = (side ? 0 : chartH + 16) + 24;
  const k = Math.min((data.width - imgX) / iw, (config.maxImageHeight ?? 360) / ih);
  const W = iw * k, H = ih * k;
  const colourOf = new Map(data.scales.map((s, i) => [s, levelColour(i)]));
  const counts = data.scales.map((s) => ({ s, n: data.windows.filter((w) => w.scale === s).length }));
  const sel = data.selected != null && data.windows[data.selected] ? data.selected : null;
  const rows = sel === null ? [] : scaleChoiceRows(data.windows[sel].box, data.imageSize, data.scales, data.trainArea);
  const textY = Math.max(side ? chartH : 0, imgY + H) + 22;
  const height = textY + (rows.length ? LINE * (rows.length + 1) : 0) + 6;
  const summary = `Windows per scale: ${counts.map((c) => `s = ${c.s}: ${c.n}`).join('; ')}.`;

  const svg = select(svgEl).attr('width', data.width).attr('height', height).attr('viewBox', `0 0 ${data.width} ${height}`).attr('role', 'img');
  svg.selectAll('title').data([0]).join((e) => e.insert('title', ':first-child')).text('Which scale each window used (multi-scale, PAPER §3.3)');
  const why = rows.map((r) => `s = ${r.s}: √area ≈ ${Math.round(r.scaledSide)} px${r.chosen ? ' (chosen)' : ''}`).join('; ');
  const desc = sel === null ? summary : `${summary} Window #${sel}: ${why}; the chosen scale is closest to the training area.`;
  svg.attr('aria-label', desc).selectAll('desc').data([0]).join((e) => e.insert('desc', 'title + *')).text(desc);

  // Bar chart: windows per scale (also the colour legend).
  const x = scaleBand<number>().domain(data.scales).range([4, chartW - 4]).padding(0.25);
  const y = scaleLinear().domain([0, max(counts, (c) => c.n) || 1]).range([chartH - 20, 34]);
  const chart = layer(svg, 'scales-chart');
  chart.selectAll<SVGRectElement, (typeof counts)[number]>('rect').data(counts, (d) => String(d.s)).join('rect')
    .attr('x', (d) => x(d.s) ?? 0).attr('width', x.bandwidth()).attr('y', (d) => y(d.n)).attr('height', (d) => y(0) - y(d.n))
    .attr('fill', (d) => colourOf.get(d.s) ?? VIZ_CONFIG.muted);
  texts(layer(chart, 'scales-chart-text'), [
    { x: 0, y: 14, t: 'windows per scale', bold: true },
    ...counts.flatMap((c) => [
      { x: (x(c.s) ?? 0) + x.bandwidth() / 2, y: y(c.n) - 4, t: String(c.n), anchor: 'middle' },
      { x: (x(c.s) ?? 0) + x.bandwidth() / 2, y: chartH - 5, t: `s=${c.s}`, anchor: 'middle', colour: VIZ_CONFIG.muted },
    ]),
  ]);

  // Image with windows in their scale's colour; a legend above it.
  const img = layer(svg, 'scales-image').attr('transform', `translate(${imgX},${imgY})`);
  img.selectAll('image').data([0]).join('image').attr('href', data.thumbUrl).attr('width', W).attr('height', H).attr('preserveAspectRatio', 'none');
  const shown = data.windows.slice(0, data.maxWindows ?? 400).map((w, i) => ({ ...w, i }));
  const rect = <D extends { box: readonly number[] }>(sq: Selection<SVGRectElement, D, SVGGElement, unknown>): void => {
    sq.attr('x', (d) => d.box[0] * k).attr('y', (d) => d.box[1] * k).attr('width', (d) => (d.box[2] - d.box[0]) * k)
      .attr('height', (d) => (d.box[3] - d.box[1]) * k).attr('fill', 'none');
  };
  layer(img, 'scales-windows').selectAll<SVGRectElement, (typeof shown)[number]>('rect').data(shown, (d) => String(d.i)).join('rect')
    .call(rect).attr('stroke', (d) => colourOf.get(d.scale) ?? VIZ_CONFIG.muted).attr('stroke-width', 1).attr('stroke-opacity', 0.6);
  const pick = sel === null ? [] : [0, 1].map((halo) => ({ box: data.windows[sel].box, halo }));
  layer(img, 'scales-selected').selectAll<SVGRectElement, (typeof pick)[number]>('rect').data(pick).join('rect').call(rect)
    .attr('stroke', (d) => (d.halo === 0 ? VIZ_CONFIG.windowHalo : colourOf.get(data.windows[sel!].scale) ?? VIZ_CONFIG.window))
    .attr('stroke-width', (d) => (d.halo === 0 ? 6 : 3));
  const step = Math.max(56, Math.min(74, W / Math.max(1, data.scales.length)));
  const legend = data.scales.map((s, i) => ({ s, x: i * step }));
  const lg = layer(img, 'scales-legend').attr('transform', 'translate(0,-20)');
  lg.selectAll('rect').data(legend).join('rect').attr('x', (d) => d.x).attr('y', 0).attr('width', 12).attr('height', 12)
    .attr('fill', 'none').attr('stroke-width', 2).attr('stroke', (d) => colourOf.get(d.s) ?? VIZ_CONFIG.muted);
  texts(lg, legend.map((d) => ({ x: d.x + 16, y: 11, t: `s=${d.s}` })));
  const capped = data.windows.length > shown.length ? ` (first ${shown.length} of ${data.windows.length} windows)` : '';
  texts(layer(img, 'scales-image-text'), capped ? [{ x: 0, y: H + 14, t: capped.trim(), colour: VIZ_CONFIG.muted }] : []);

  // The rule's arithmetic for the selected window.
  const tr = Math.round(Math.sqrt(data.trainArea));
  texts(layer(svg, 'scales-why'), rows.length === 0 ? [] : [
    { x: 0, y: textY, t: `Window #${sel!}: √(its area at s) vs the training side ${tr} px:`, bold: true },
    ...rows.map((r, i) => ({
      x: 12, y: textY + LINE * (i + 1), bold: r.chosen, colour: r.chosen ? VIZ_CONFIG.text : VIZ_CONFIG.muted,
      t: `s = ${r.s}: √area ≈ ${Math.round(r.scaledSide)} px vs ${tr}${r.chosen ? `  ◀ chosen: closest to ${side ? 'the training area ' : ''}${tr}²` : ''}`,
    })),
  ]);
}
