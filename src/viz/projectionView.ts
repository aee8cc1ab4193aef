import { select } from 'd3';
import { scaleChoiceRows } from './scalesView';
import { VIZ_CONFIG } from './vizConfig';

/** One edge of the window through the PAPER App. A projection, as the numbers a student would write. */
export interface ProjectionRow {
  edge: 'left x1' | 'top y1' | 'right x2' | 'bottom y2';
  /** Image pixels. */
  image: number;
  /** Pixels at scale s (image × f). */
  scaled: number;
  /** scaled / S. */
  ratio: number;
  /** The rule applied: ⌊x/S⌋ + 1 for left/top, ⌈x/S⌉ − 1 for right/bottom. */
  rule: string;
  /** The rule's result before any collapse or clamping. */
  rounded: number;
  /** The cell used (after collapsing a too-thin window to its centre cell and clamping to the map). */
  cell: number;
}

/**
 * The projection of a window to conv5 cells (PAPER App. A, geometry/projectToCells.ts) as rows of
 * arithmetic: x·f, x·f/S, the inward rounding, and the final cell, which equals projectToCells'.
 * @param box image pixels [x1, y1, x2, y2]. @param mapSize conv5 [h, w].
 */
export function projectionRows(box: readonly [number, number, number, number], f: number, stride: number, mapSize: readonly [number, number]): { rows: ProjectionRow[]; notes: string[] } {
  const notes: string[] = [];
  const axis = (lo: number, hi: number, n: number, names: ['left x1' | 'top y1', 'right x2' | 'bottom y2']): ProjectionRow[] => {
    const sl = lo * f, sh = hi * f;
    let a = Math.floor(sl / stride) + 1, b = Math.ceil(sh / stride) - 1;
    const ra = a, rb = b;
    if (a > b) {
      a = b = Math.floor((sl + sh) / 2 / stride);
      notes.push(`${names[0].split(' ')[0]}–${names[1].split(' ')[0]}: the window is thinner than about 2S, so the rounded edges cross; it takes the cell under its centre, ${a}.`);
    }
    const ca = Math.min(n - 1, Math.max(0, a)), cb = Math.min(n - 1, Math.max(0, b));
    if (ca !== a || cb !== b) notes.push(`${names[0].split(' ')[0]}–${names[1].split(' ')[0]}: clamped to the map's cells 0…${n - 1}.`);
    return [
      { edge: names[0], image: lo, scaled: sl, ratio: sl / stride, rule: '⌊x/S⌋ + 1', rounded: ra, cell: ca },
      { edge: names[1], image: hi, scaled: sh, ratio: sh / stride, rule: '⌈x/S⌉ − 1', rounded: rb, cell: cb },
    ];
  };
  const [x, xx] = axis(box[0], box[2], mapSize[1], ['left x1', 'right x2']);
  const [y, yy] = axis(box[1], box[3], mapSize[0], ['top y1', 'bottom y2']);
  return { rows: [x, y, xx, yy], notes };
}

/** What {@link renderProjection} draws. */
export interface ProjectionViewData {
  thumbUrl: string;
  imageSize: [number, number];
  box: [number, number, number, number];
  s: number;
  f: number;
  stride: number;
  /** conv5 [h, w]. */
  mapSize: [number, number];
  /** The scales the model knows (for the reason line); one entry = 1-scale. */
  scales: number[];
  trainArea: number;
  multiScale: boolean;
  width: number;
}

const TOP = 40;
const fmt = (v: number): string => (Math.abs(v - Math.round(v)) < 0.005 ? String(Math.round(v)) : v.toFixed(2));

/**
 * Three frames left to right: the window on the image, the same window at scale s, and its cells on
 * the conv5 grid, with the projection written out row by row and the scale's reason underneath.
 */
export function renderProjection(svgEl: SVGSVGElement, d: ProjectionViewData): void {
  const svg = select(svgEl);
  const [iw, ih] = d.imageSize;
  const [mh, mw] = d.mapSize;
  const { rows, notes } = projectionRows(d.box, d.f, d.stride, d.mapSize);
  const cells = [rows[0].cell, rows[1].cell, rows[2].cell, rows[3].cell];
  const frameW = Math.max(90, (d.width - 40) / 3);
  const k = Math.min(frameW / iw, 170 / ih);
  const fh = ih * k, fw = iw * k;
  const cs = Math.min(frameW / mw, 170 / mh);
  const frames = [0, frameW + 20, 2 * (frameW + 20)];
  const tableY = TOP + Math.max(fh, mh * cs) + 52;
  const reasons = d.multiScale ? scaleChoiceRows(d.box, d.imageSize, d.scales, d.trainArea) : [];
  const height = tableY + 20 * 5 + 18 * (notes.length + 1) + (reasons.length ? 20 * (reasons.length + 1) + 16 : 20) + 10;
  svg.attr('width', d.width).attr('height', height).attr('viewBox', `0 0 ${d.width} ${height}`)
    .attr('aria-label', `Projection of the window [${d.box.map(Math.round).join(', ')}] (image pixels) to scale s = ${d.s} (×${d.f.toFixed(3)}) and to conv5 cells x ${cells[0]}–${cells[2]}, y ${cells[1]}–${cells[3]} of a ${mw}×${mh} map, stride S = ${d.stride}.`);
  svg.selectAll('*').remove();
  const text = (x: number, y: number, t: string, opts: { weight?: number; colour?: string; anchor?: string; size?: number } = {}) =>
    svg.append('text').attr('x', x).attr('y', y).attr('font', `${opts.size ?? 12}px system-ui, sans-serif`).attr('font-weight', opts.weight ?? 400)
      .attr('fill', opts.colour ?? VIZ_CONFIG.text).attr('text-anchor', opts.anchor ?? 'start').text(t);
  const winRect = (x: number, y: number, w: number, h: number) => {
    svg.append('rect').attr('x', x).attr('y', y).attr('width', w).attr('height', h).attr('fill', 'none').attr('stroke', VIZ_CONFIG.windowHalo).attr('stroke-width', 4);
    svg.append('rect').attr('x', x).attr('y', y).attr('width', w).attr('height', h).attr('fill', 'none').attr('stroke', VIZ_CONFIG.window).attr('stroke-width', 2);
  };
  // 1. the image
  text(frames[0], 14, `image ${iw}×${ih} px`, { weight: 600 });
  text(frames[0], 30, `window [${d.box.map(Math.round).join(', ')}]`, { size: 11, colour: VIZ_CONFIG.muted });
  svg.append('image').attr('href', d.thumbUrl).attr('x', frames[0]).attr('y', TOP).attr('width', fw).attr('height', fh).attr('preserveAspectRatio', 'none');
  winRect(frames[0] + d.box[0] * k, TOP + d.box[1] * k, (d.box[2] - d.box[0]) * k, (d.box[3] - d.box[1]) * k);
  // 2. at scale s
  const [sw, sh] = [Math.round(iw * d.f), Math.round(ih * d.f)];
  text(frames[1], 14, `resized to s = ${d.s}: ${sw}×${sh} px`, { weight: 600 });
  text(frames[1], 30, `f = s / min(w, h) = ${d.f.toFixed(3)}`, { size: 11, colour: VIZ_CONFIG.muted });
  svg.append('image').attr('href', d.thumbUrl).attr('x', frames[1]).attr('y', TOP).attr('width', fw).attr('height', fh).attr('preserveAspectRatio', 'none').attr('opacity', 0.55);
  winRect(frames[1] + d.box[0] * k, TOP + d.box[1] * k, (d.box[2] - d.box[0]) * k, (d.box[3] - d.box[1]) * k);
  text(frames[1], TOP + fh + 14, `window × f: [${rows.map((r) => Math.round(r.scaled)).join(', ')}]`, { size: 11, colour: VIZ_CONFIG.muted });
  // 3. conv5 grid
  text(frames[2], 14, `conv5: ${mw}×${mh} cells`, { weight: 600 });
  text(frames[2], 30, `one cell per S = ${d.stride} px at scale s`, { size: 11, colour: VIZ_CONFIG.muted });
  const gx = frames[2], gy = TOP;
  svg.append('rect').attr('x', gx).attr('y', gy).attr('width', mw * cs).attr('height', mh * cs).attr('fill', '#f4f4f4').attr('stroke', VIZ_CONFIG.grid);
  svg.append('rect').attr('class', 'proj-cells').attr('x', gx + cells[0] * cs).attr('y', gy + cells[1] * cs)
    .attr('width', (cells[2] - cells[0] + 1) * cs).attr('height', (cells[3] - cells[1] + 1) * cs).attr('fill', VIZ_CONFIG.levelColours[1]).attr('fill-opacity', 0.45);
  if (cs >= 3) {
    let p = '';
    for (let x = 1; x < mw; x++) p += `M${gx + x * cs},${gy}V${gy + mh * cs}`;
    for (let y = 1; y < mh; y++) p += `M${gx},${gy + y * cs}H${gx + mw * cs}`;
    svg.append('path').attr('d', p).attr('stroke', VIZ_CONFIG.grid).attr('stroke-width', 0.5).attr('fill', 'none');
  }
  // the window's scaled edges in cell units (dashed): inward rounding keeps cells whose centres lie inside
  svg.append('rect').attr('x', gx + (rows[0].scaled / d.stride) * cs).attr('y', gy + (rows[1].scaled / d.stride) * cs)
    .attr('width', ((rows[2].scaled - rows[0].scaled) / d.stride) * cs).attr('height', ((rows[3].scaled - rows[1].scaled) / d.stride) * cs)
    .attr('fill', 'none').attr('stroke', VIZ_CONFIG.windowHalo).attr('stroke-dasharray', '4 3').attr('stroke-width', 1.5);
  text(gx, gy + mh * cs + 14, `cells x ${cells[0]}–${cells[2]}, y ${cells[1]}–${cells[3]} (${cells[2] - cells[0] + 1}×${cells[3] - cells[1] + 1})`, { size: 11, colour: VIZ_CONFIG.muted });
  text(gx, gy + mh * cs + 28, 'dashed: the window × f ÷ S', { size: 11, colour: VIZ_CONFIG.muted });
  // the arithmetic
  const cols = [0, 92, 182, 266, 340, 494];
  const head = ['edge', 'image px', '× f', '÷ S', 'rounded inward', 'cell'];
  head.forEach((h, i) => text(cols[i], tableY, h, { weight: 600, size: 11 }));
  rows.forEach((r, j) => {
    const y = tableY + 20 * (j + 1);
    [r.edge, fmt(r.image), fmt(r.scaled), fmt(r.ratio), `${r.rule} = ${r.rounded}`, String(r.cell)].forEach((t, i) => text(cols[i], y, t, { size: 12, weight: i === 5 ? 700 : 400 }));
  });
  let y = tableY + 20 * 5 + 4;
  for (const n of ['PAPER App. A: round inward so every kept cell’s centre lies inside the window.', ...notes]) { text(0, y, n, { size: 11, colour: VIZ_CONFIG.muted }); y += 18; }
  y += 6;
  if (!reasons.length) text(0, y, `1-scale run: every window uses s = ${d.s}.`, { size: 12 });
  else {
    text(0, y, `Why s = ${d.s}: PAPER §3.3 pools each window at the one scale where its area is closest`, { size: 12, weight: 600 });
    text(0, y + 16, `to the training input's, ${Math.round(Math.sqrt(d.trainArea))}×${Math.round(Math.sqrt(d.trainArea))} px:`, { size: 12, weight: 600 });
    y += 16;
    reasons.forEach((r, i) => text(12, y + 20 * (i + 1), `s = ${r.s}: the window is about ${Math.round(r.scaledSide)}×${Math.round(r.scaledSide)} px (√area)${r.chosen ? '  ← closest, chosen' : ''}`, { size: 12, weight: r.chosen ? 700 : 400 }));
  }
}
