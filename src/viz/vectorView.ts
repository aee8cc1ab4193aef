import { select, type Selection } from 'd3';
import { HEAT_LUT, VIZ_CONFIG, levelColour } from './vizConfig';
import type { WindowInspection } from './windowInspection';
import type { Highlight, ResolvedHighlight } from './highlight';

/** Options of {@link VectorView}. */
export interface VectorViewOptions {
  /** Width available in CSS px. */
  width: number;
  /** Called when the pointer moves onto a value (or off the view: null). */
  onHighlight: (h: Highlight) => void;
}

const GUTTER = 92;

/** Pixel `i` of RGBA `out` gets the heat colour of `t` in [0, 255]. */
function setHeat(out: Uint8ClampedArray, i: number, t: number): void {
  const o = 4 * Math.round(t);
  out.set(HEAT_LUT.subarray(o, o + 4), 4 * i);
}
const STRIP_H = 18;
const STRIP_GAP = 40;

/**
 * The window's pooled k·M vector, two ways: a heatmap with one row per bin (grouped by level, in
 * vector order) and one column per channel, and the whole vector as one strip in index order. Values
 * are painted on canvases (one pixel per value, scaled without smoothing); the SVG on top holds only
 * labels and the highlight, so a hover redraw touches a handful of nodes.
 */
export class VectorView {
  private readonly root: Selection<HTMLDivElement, unknown, null, undefined>;
  private readonly heat: HTMLCanvasElement;
  private readonly strip: HTMLCanvasElement;
  private readonly svg: Selection<SVGSVGElement, unknown, null, undefined>;
  private insp: WindowInspection | null = null;
  private geo = { cw: 4, ch: 6, W: 0, H: 0, stripY: 0 };

  constructor(container: HTMLDivElement, private options: VectorViewOptions) {
    this.root = select(container).style('position', 'relative');
    this.heat = this.root.append('canvas').attr('class', 'vector-heat').style('position', 'absolute').style('image-rendering', 'pixelated').node()!;
    this.strip = this.root.append('canvas').attr('class', 'vector-strip').style('position', 'absolute').style('image-rendering', 'pixelated').node()!;
    this.svg = this.root.append('svg').attr('class', 'vector-overlay').attr('shape-rendering', 'crispEdges').style('position', 'absolute').style('left', 0).style('top', 0).attr('role', 'img');
    const move = (e: MouseEvent, which: 'heat' | 'strip'): void => {
      const insp = this.insp;
      if (!insp) return;
      const r = (which === 'heat' ? this.heat : this.strip).getBoundingClientRect();
      const x = e.clientX - r.left, y = e.clientY - r.top;
      const { cw, ch, W } = this.geo;
      const index = which === 'heat'
        ? Math.floor(y / ch) * insp.k + Math.floor(x / cw)
        : Math.floor((x / W) * insp.values.length);
      if (index >= 0 && index < insp.values.length && x >= 0) this.options.onHighlight({ rect: Math.floor(index / insp.k), index });
    };
    select(this.heat).on('mousemove', (e: MouseEvent) => move(e, 'heat')).on('mouseleave', () => this.options.onHighlight(null));
    select(this.strip).on('mousemove', (e: MouseEvent) => move(e, 'strip')).on('mouseleave', () => this.options.onHighlight(null));
  }

  setWidth(width: number): void {
    this.options = { ...this.options, width };
    if (this.insp) this.update(this.insp);
  }

  /** Repaints both canvases and the labels for a new window, level set or rule. */
  update(insp: WindowInspection): void {
    this.insp = insp;
    const p = insp.pyramid;
    const R = p.rectLevel.length, k = insp.k, N = insp.values.length;
    const avail = Math.max(100, this.options.width - GUTTER - 8);
    const cw = Math.max(1, Math.min(8, Math.floor(avail / k)));
    const ch = Math.max(2, Math.min(8, Math.floor(360 / Math.max(1, R))));
    const W = cw * k, H = ch * R;
    const stripY = H + STRIP_GAP;
    this.geo = { cw, ch, W, H, stripY };
    const total = stripY + STRIP_H + 22;
    this.root.style('width', `${GUTTER + W + 8}px`).style('height', `${total}px`);

    // Heatmap: one pixel per value, rows = bins in vector order.
    const scale = insp.max > 0 ? 255 / insp.max : 0;
    this.heat.width = Math.max(1, k);
    this.heat.height = Math.max(1, R);
    select(this.heat).style('left', `${GUTTER}px`).style('top', '0px').style('width', `${W}px`).style('height', `${H}px`);
    const ctx = this.heat.getContext('2d');
    if (ctx && R > 0) {
      const img = ctx.createImageData(k, R);
      for (let i = 0; i < N; i++) setHeat(img.data, i, insp.values[i] * scale);
      ctx.putImageData(img, 0, 0);
    }
    // Strip: the vector in index order, each pixel column the max of the values it covers.
    const sw = Math.max(1, Math.min(N, W));
    this.strip.width = sw;
    this.strip.height = 1;
    select(this.strip).style('left', `${GUTTER}px`).style('top', `${stripY}px`).style('width', `${W}px`).style('height', `${STRIP_H}px`);
    const sctx = this.strip.getContext('2d');
    if (sctx && N > 0) {
      const img = sctx.createImageData(sw, 1);
      for (let x = 0; x < sw; x++) {
        let m = 0;
        for (let i = Math.floor((x * N) / sw), e = Math.floor(((x + 1) * N) / sw); i < e; i++) if (insp.values[i] > m) m = insp.values[i];
        setHeat(img.data, x, m * scale);
      }
      sctx.putImageData(img, 0, 0);
    }

    // Labels: a bracket per level on the heatmap, level offsets on the strip.
    this.svg.attr('width', GUTTER + W + 8).attr('height', total)
      .attr('aria-label', `Pooled vector of ${N.toLocaleString('en')} values = k ${k} channels × M ${R} bins${insp.trained ? '' : ' (not the trained layout)'}; largest value ${insp.max.toFixed(2)}. Rows are bins grouped by level, columns channels; the strip below is the vector in index order.`);
    const lv = p.levels.map((level, l) => ({ l, level, r0: p.levelStart[l], r1: p.levelStart[l + 1] }));
    const g = this.svg.selectAll<SVGGElement, (typeof lv)[number]>('g.lvl').data(lv).join((e) => {
      const x = e.append('g').attr('class', 'lvl');
      x.append('path').attr('class', 'bracket');
      x.append('text').attr('class', 'name');
      x.append('text').attr('class', 'sub');
      x.append('line').attr('class', 'tick');
      x.append('text').attr('class', 'off');
      return x;
    });
    g.select('path.bracket').attr('fill', 'none').attr('stroke', (d) => levelColour(d.l)).attr('stroke-width', 3)
      .attr('d', (d) => `M${GUTTER - 4},${d.r0 * ch + 1}H${GUTTER - 8}V${d.r1 * ch - 1}H${GUTTER - 4}`);
    g.select('text.name').attr('x', GUTTER - 12).attr('y', (d) => ((d.r0 + d.r1) / 2) * ch).attr('text-anchor', 'end').attr('font', VIZ_CONFIG.font).attr('fill', (d) => levelColour(d.l))
      .attr('font-weight', 600).text((d) => (d.r1 > d.r0 ? `${d.level.n}×${d.level.n}` : ''));
    g.select('text.sub').attr('x', GUTTER - 12).attr('y', (d) => ((d.r0 + d.r1) / 2) * ch + 13).attr('text-anchor', 'end').attr('font', '10px system-ui, sans-serif').attr('fill', VIZ_CONFIG.muted)
      .text((d) => ((d.r1 - d.r0) * ch >= 34 ? `${d.r1 - d.r0} bins` : ''));
    g.select('line.tick').attr('x1', (d) => GUTTER + (d.r0 * k * W) / Math.max(1, N)).attr('x2', (d) => GUTTER + (d.r0 * k * W) / Math.max(1, N))
      .attr('y1', stripY - 4).attr('y2', stripY + STRIP_H + 4).attr('stroke', (d) => levelColour(d.l)).attr('stroke-width', 2);
    const offX = (d: (typeof lv)[number]): number => GUTTER + (d.r0 * k * W) / Math.max(1, N);
    // Offset labels left to right, each only where it clears the last one shown (~32 px of digits).
    const shownOffsets = new Set<number>();
    let lastX = -Infinity;
    for (const d of lv) {
      const x = offX(d);
      const left = x > GUTTER + W - 30 ? x - 32 : x;
      if (d.r1 > d.r0 && left - lastX >= 36) { shownOffsets.add(d.l); lastX = left; }
    }
    g.select('text.off').attr('x', (d) => (offX(d) > GUTTER + W - 30 ? offX(d) - 2 : offX(d) + 2)).attr('text-anchor', (d) => (offX(d) > GUTTER + W - 30 ? 'end' : 'start')).attr('y', stripY + STRIP_H + 16).attr('font', '10px system-ui, sans-serif').attr('fill', VIZ_CONFIG.muted)
      .text((d) => (shownOffsets.has(d.l) ? String(d.r0 * k) : ''));
    this.svg.selectAll('text.axis').data([0]).join('text').attr('class', 'axis').attr('x', GUTTER).attr('y', stripY - 6).attr('font', '10px system-ui, sans-serif').attr('fill', VIZ_CONFIG.muted)
      .text(`vector order: index 0 → ${N - 1}`);
    this.svg.selectAll('text.kaxis').data([0]).join('text').attr('class', 'kaxis').attr('x', 4).attr('y', H + 13).attr('font', '10px system-ui, sans-serif').attr('fill', VIZ_CONFIG.muted)
      .text(`channel 0 → ${k - 1}`).attr('x', GUTTER);
    this.svg.selectAll('g.hl').data([0]).join('g').attr('class', 'hl').attr('pointer-events', 'none').raise();
    this.svg.style('pointer-events', 'none');
    this.highlight(null);
  }

  /** Lights the highlighted indices on the heatmap and the strip. */
  highlight(r: ResolvedHighlight | null): void {
    const g = this.svg.select<SVGGElement>('g.hl');
    const insp = this.insp;
    if (!insp || !r) { g.selectAll('*').remove(); this.svg.attr('data-highlight', null); return; }
    const { cw, ch, W, stripY } = this.geo;
    const N = insp.values.length;
    const [a, b] = r.indices;
    this.svg.attr('data-highlight', `${a}-${b}`);
    const row = r.rect;
    const c0 = a - row * insp.k, c1 = b - row * insp.k;
    g.selectAll('rect.hl-heat').data([0]).join('rect').attr('class', 'hl-heat')
      .attr('x', GUTTER + c0 * cw - 1).attr('y', row * ch - 1).attr('width', (c1 - c0) * cw + 2).attr('height', ch + 2)
      .attr('fill', 'none').attr('stroke', VIZ_CONFIG.highlight).attr('stroke-width', 2);
    g.selectAll('rect.hl-strip').data([0]).join('rect').attr('class', 'hl-strip')
      .attr('x', GUTTER + (a * W) / N - 1).attr('y', stripY - 2).attr('width', Math.max(2, ((b - a) * W) / N) + 2).attr('height', STRIP_H + 4)
      .attr('fill', 'none').attr('stroke', VIZ_CONFIG.highlight).attr('stroke-width', 2);
    g.selectAll('rect.hl-row').data(r.value ? [0] : []).join('rect').attr('class', 'hl-row')
      .attr('x', GUTTER).attr('y', row * ch).attr('width', W).attr('height', ch).attr('fill', VIZ_CONFIG.highlight).attr('fill-opacity', 0.12);
  }
}
