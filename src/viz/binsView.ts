import { select, type Selection } from 'd3';
import { VIZ_CONFIG, levelColour } from './vizConfig';
import type { WindowInspection } from './windowInspection';
import type { Highlight, ResolvedHighlight } from './highlight';

/** Options of {@link BinsView}. */
export interface BinsViewOptions {
  /** Width available in CSS px. */
  width: number;
  /** Called when the pointer or the keyboard moves to a bin (or off every bin: null). */
  onHighlight: (h: Highlight) => void;
}

const GAP = 18;
const TITLE = 30;

/**
 * The window's conv5 cells once per pyramid level, with that level's bins drawn on them (one colour
 * per level), the cells a rule leaves unpooled hatched, and the rule's defects written under the
 * level. Hover or arrow keys pick a bin; `highlight` marks the bin and the arg-max cell of a hovered
 * value. About 60 SVG elements per level whatever the map size (grid lines are one path).
 */
export class BinsView {
  private readonly svg: Selection<SVGSVGElement, unknown, null, undefined>;
  private insp: WindowInspection | null = null;
  private layout: Array<{ x: number; y: number; cs: number }> = [];
  private focusRect = -1;

  constructor(svg: SVGSVGElement, private options: BinsViewOptions) {
    this.svg = select(svg);
    // Crisp edges: cell and bin lines land on whole pixels, so the picture does not depend on where the page puts it.
    this.svg.attr('tabindex', 0).attr('role', 'group').attr('focusable', 'true').attr('shape-rendering', 'crispEdges')
      .on('keydown', (e: KeyboardEvent) => this.key(e))
      .on('mouseleave', () => this.options.onHighlight(null));
  }

  setWidth(width: number): void {
    this.options = { ...this.options, width };
    if (this.insp) this.update(this.insp);
  }

  /** Redraws for a new window, level set or rule. */
  update(insp: WindowInspection): void {
    this.insp = insp;
    const p = insp.pyramid;
    const L = p.levels.length;
    const width = Math.max(200, this.options.width);
    // Levels side by side; two per row when a rule's defects need room to be written out.
    const fit = Math.max(1, Math.min(L, Math.floor((width + GAP) / (Math.max(p.width * 3, 90) + GAP))));
    const most = p.levels.some((lv) => lv.defect) ? Math.min(fit, 2) : fit;
    // Balanced rows: 4 levels that do not fit side by side go 2 + 2, not 3 + 1 with a lone level under them.
    const perRow = Math.ceil(L / Math.ceil(L / most));
    const colW = (width - GAP * (perRow - 1)) / perRow;
    const cs = Math.max(2, Math.min(VIZ_CONFIG.maxCell, Math.floor(colW / p.width), Math.floor(240 / p.height)));
    const defectLines = Math.max(0, ...p.levels.map((lv) => (lv.defect ? Math.ceil((lv.defect.length + 2) / charsPerLine(colW)) : 0)));
    const panelH = TITLE + cs * p.height + (defectLines > 0 ? 16 + 17 * Math.min(4, defectLines) : 10);
    this.layout = p.levels.map((_, l) => ({ x: (l % perRow) * (colW + GAP), y: Math.floor(l / perRow) * panelH, cs }));
    const rowsUsed = Math.ceil(L / perRow);
    this.svg.attr('width', width).attr('height', rowsUsed * panelH).attr('viewBox', `0 0 ${width} ${rowsUsed * panelH}`)
      .attr('aria-label', `Pyramid bins of a ${p.width}×${p.height}-cell window, ${p.rule} rule: ${p.levels.map((lv) => `${lv.n}×${lv.n} (${lv.rows.length * lv.cols.length} bins${lv.defect ? `; ${lv.defect}` : ''})`).join(', ')}. Arrow keys move between bins, Page Up and Page Down between levels.`);

    const panels = this.svg.selectAll<SVGGElement, number>('g.level').data(p.levels.map((_, l) => l)).join((enter) => {
      const g = enter.append('g').attr('class', 'level');
      g.append('text').attr('class', 'title');
      g.append('rect').attr('class', 'cells');
      g.append('path').attr('class', 'grid');
      g.append('g').attr('class', 'uncovered');
      g.append('g').attr('class', 'bins');
      g.append('text').attr('class', 'defect');
      return g;
    });
    panels.attr('transform', (l) => `translate(${this.layout[l].x},${this.layout[l].y})`).attr('data-level', (l) => l);
    panels.select('text.title').attr('x', 0).attr('y', 14).attr('font', VIZ_CONFIG.font).attr('font-weight', 600).attr('fill', (l) => levelColour(l))
      .text((l) => { const lv = p.levels[l]; const nb = lv.rows.length * lv.cols.length; return `${lv.n}×${lv.n}${cs * p.width > 150 ? ' level' : ''}: ${nb} bin${nb === 1 ? '' : 's'}${nb !== lv.n * lv.n ? ` (not ${lv.n * lv.n})` : ''}`; });
    panels.select('rect.cells').attr('x', 0).attr('y', TITLE).attr('width', cs * p.width).attr('height', cs * p.height).attr('fill', '#f4f4f4').attr('stroke', VIZ_CONFIG.grid);
    panels.select('path.grid').attr('transform', `translate(0,${TITLE})`).attr('stroke', VIZ_CONFIG.grid).attr('stroke-width', 0.5).attr('fill', 'none')
      .attr('d', cs >= 5 ? gridPath(p.width, p.height, cs) : '');
    panels.select('g.uncovered').attr('transform', `translate(0,${TITLE})`).selectAll('rect').data((l) => p.levels[l].uncovered).join('rect')
      .attr('x', (d) => d[1] * cs).attr('y', (d) => d[0] * cs).attr('width', cs).attr('height', cs).attr('fill', VIZ_CONFIG.uncovered).attr('opacity', 0.75).attr('class', 'uncovered-cell');
    panels.select('g.bins').attr('transform', `translate(0,${TITLE})`).selectAll<SVGRectElement, number>('rect.bin')
      .data((l) => range(p.levelStart[l], p.levelStart[l + 1]))
      .join('rect').attr('class', 'bin')
      .attr('data-rect', (r) => r)
      .each((r, i, nodes) => {
        const [y0, y1, x0, x1] = p.rects.subarray(4 * r, 4 * r + 4);
        const l = p.rectLevel[r];
        const inset = Math.min(1.5, cs / 6);
        select(nodes[i]).attr('x', (x0 - p.cells[0]) * cs + inset).attr('y', (y0 - p.cells[1]) * cs + inset)
          .attr('width', Math.max(1, (x1 - x0) * cs - 2 * inset)).attr('height', Math.max(1, (y1 - y0) * cs - 2 * inset))
          .attr('fill', levelColour(l)).attr('fill-opacity', 0.16).attr('stroke', levelColour(l)).attr('stroke-width', 1.5);
      })
      .on('mouseenter', (_e, r) => this.options.onHighlight({ rect: r }));
    panels.select<SVGTextElement>('text.defect').attr('x', 0).attr('y', TITLE + cs * p.height + 16).attr('font', VIZ_CONFIG.font).attr('fill', VIZ_CONFIG.uncovered)
      .text((l) => (p.levels[l].defect ? `⚠ ${p.levels[l].defect}` : ''))
      .each(function () { wrapText(this, colW); });
    this.svg.selectAll('g.hl').data([0]).join('g').attr('class', 'hl').attr('pointer-events', 'none').raise();
    this.highlight(null);
  }

  /** Marks a bin (thick outline) and, for one value, its arg-max cell; cheap (two or three attributes). */
  highlight(r: ResolvedHighlight | null): void {
    const insp = this.insp;
    const g = this.svg.select<SVGGElement>('g.hl');
    if (!insp || !r) { g.selectAll('*').remove(); return; }
    this.focusRect = r.rect;
    const p = insp.pyramid;
    const { x, y, cs } = this.layout[r.level];
    const [y0, y1, x0, x1] = p.rects.subarray(4 * r.rect, 4 * r.rect + 4);
    g.selectAll('rect.hl-bin').data([r.rect]).join('rect').attr('class', 'hl-bin').attr('data-rect', r.rect)
      .attr('x', x + (x0 - p.cells[0]) * cs).attr('y', y + TITLE + (y0 - p.cells[1]) * cs).attr('width', (x1 - x0) * cs).attr('height', (y1 - y0) * cs)
      .attr('fill', 'none').attr('stroke', VIZ_CONFIG.highlight).attr('stroke-width', 3);
    const cell = r.value ? [r.value.cell] : [];
    g.selectAll('circle.hl-argmax').data(cell).join('circle').attr('class', 'hl-argmax')
      .attr('data-cell', (c) => c.join(','))
      .attr('cx', (c) => x + (c[0] - p.cells[0] + 0.5) * cs).attr('cy', (c) => y + TITLE + (c[1] - p.cells[1] + 0.5) * cs).attr('r', Math.max(3, cs * 0.4))
      .attr('fill', VIZ_CONFIG.argmax).attr('stroke', '#fff').attr('stroke-width', 1.5);
  }

  /** Arrow keys: next bin in the level (row-major); Page Up/Down: previous/next level; Escape: clear. */
  private key(e: KeyboardEvent): void {
    const insp = this.insp;
    if (!insp) return;
    const p = insp.pyramid;
    const total = p.rectLevel.length;
    let r = this.focusRect;
    if (r < 0 || r >= total) r = 0;
    const l = p.rectLevel[r];
    const cols = p.levels[l].cols.length;
    const start = p.levelStart[l], end = p.levelStart[l + 1];
    const move: Record<string, () => number> = {
      ArrowRight: () => Math.min(end - 1, r + 1), ArrowLeft: () => Math.max(start, r - 1),
      ArrowDown: () => (r + cols < end ? r + cols : r), ArrowUp: () => (r - cols >= start ? r - cols : r),
      PageDown: () => p.levelStart[Math.min(p.levels.length - 1, l + 1)], PageUp: () => p.levelStart[Math.max(0, l - 1)],
      Home: () => start, End: () => end - 1,
    };
    if (e.key === 'Escape') { this.focusRect = -1; this.options.onHighlight(null); e.preventDefault(); return; }
    const f = move[e.key];
    if (!f || total === 0) return;
    e.preventDefault();
    this.focusRect = this.focusRect < 0 ? 0 : f();
    this.options.onHighlight({ rect: this.focusRect });
  }
}

function range(a: number, b: number): number[] {
  return Array.from({ length: Math.max(0, b - a) }, (_, i) => a + i);
}

function gridPath(w: number, h: number, cs: number): string {
  let d = '';
  for (let x = 1; x < w; x++) d += `M${x * cs},0V${h * cs}`;
  for (let y = 1; y < h; y++) d += `M0,${y * cs}H${w * cs}`;
  return d;
}

/** Characters of 12 px system-ui that fit in `width` px (7.2 px each: generous, so lines never overrun). */
function charsPerLine(width: number): number {
  return Math.max(12, Math.floor((width - 8) / 7.2));
}

/** Splits an SVG text into tspans no wider than `width`. */
function wrapText(el: SVGTextElement, width: number): void {
  const text = el.textContent ?? '';
  if (!text) return;
  const per = charsPerLine(width);
  const words = text.split(' ');
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if ((line + ' ' + w).trim().length > per && line) { lines.push(line); line = w; } else line = (line + ' ' + w).trim();
  }
  if (line) lines.push(line);
  const x = el.getAttribute('x') ?? '0';
  el.textContent = '';
  const shown = lines.slice(0, 4);
  shown.forEach((ln, i) => {
    const t = document.createElementNS('http://www.w3.org/2000/svg', 'tspan');
    t.setAttribute('x', x);
    t.setAttribute('dy', i === 0 ? '0' : '1.2em');
    // A trailing space keeps the words apart in the element's text (screen readers, search).
    t.textContent = i < shown.length - 1 ? `${ln} ` : ln;
    el.appendChild(t);
  });
}
