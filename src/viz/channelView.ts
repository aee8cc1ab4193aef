import { select, type Selection } from 'd3';
import type { FeatureMapLayer } from '../pipeline/featureMaps';
import { HEAT_LUT, VIZ_CONFIG } from './vizConfig';

/** Largest value of one channel of a layer (0 when the channel is silent). */
export function channelMax(layer: FeatureMapLayer, channel: number): number {
  const [h, w, k] = layer.shape;
  let m = 0;
  for (let i = channel, n = h * w * k; i < n; i += k) if (layer.data[i] > m) m = layer.data[i];
  return m;
}

/**
 * Paints one channel of a layer as a heatmap, one canvas pixel per cell (scale it with CSS and
 * `image-rendering: pixelated`); values are scaled to `max`. With `seeThrough`, weak cells fade out
 * (alpha ∝ √value) so the image under them stays visible.
 */
export function paintChannel(canvas: HTMLCanvasElement | OffscreenCanvas, layer: FeatureMapLayer, channel: number, max = channelMax(layer, channel), seeThrough = false): void {
  const [h, w, k] = layer.shape;
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d') as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null;
  if (!ctx) return;
  const img = ctx.createImageData(w, h);
  const s = max > 0 ? 255 / max : 0;
  for (let i = 0, n = h * w; i < n; i++) {
    const v = Math.min(255, Math.round(layer.data[i * k + channel] * s));
    img.data[4 * i] = HEAT_LUT[4 * v];
    img.data[4 * i + 1] = HEAT_LUT[4 * v + 1];
    img.data[4 * i + 2] = HEAT_LUT[4 * v + 2];
    img.data[4 * i + 3] = seeThrough ? Math.round(255 * Math.sqrt(v / 255)) : 255;
  }
  ctx.putImageData(img, 0, 0);
}

/** What {@link ChannelView} shows. */
export interface ChannelViewData {
  bitmap: ImageBitmap | HTMLCanvasElement;
  /** [w, h] of the original image. */
  imageSize: [number, number];
  layer: FeatureMapLayer;
  channel: number;
  /** image → scale factor f = s / min(w, h) of the run the layer came from. */
  f: number;
}

/** Boxes drawn over the channel, in image pixels. */
export interface ChannelMarks {
  window?: [number, number, number, number] | null;
  bin?: { box: [number, number, number, number]; colour: string } | null;
  /** Every bin of one level, back-projected (thin, in the level's colour). */
  level?: { boxes: Array<[number, number, number, number]>; colour: string } | null;
  /** The arg-max cell's footprint. */
  cell?: [number, number, number, number] | null;
}

/**
 * One channel of a conv layer as a heatmap over the image it was computed from: cell (x, y) of a
 * layer with stride S covers scaled pixels [x·S, (x+1)·S), i.e. image pixels [x·S/f, (x+1)·S/f).
 * The image stays visible under a translucent heatmap; the window, a bin and an arg-max cell can be
 * outlined on top (SVG).
 */
export class ChannelView {
  private readonly base: HTMLCanvasElement;
  private readonly heat: HTMLCanvasElement;
  private readonly svg: Selection<SVGSVGElement, unknown, null, undefined>;
  private data: ChannelViewData | null = null;
  private scale = 1;
  private baseBitmap: ChannelViewData['bitmap'] | null = null;
  private baseKey = '';

  constructor(container: HTMLDivElement, private width: number) {
    const root = select(container).style('position', 'relative');
    this.base = root.append('canvas').attr('class', 'channel-base').style('position', 'absolute').node()!;
    this.heat = root.append('canvas').attr('class', 'channel-heat').style('position', 'absolute').style('image-rendering', 'pixelated').style('opacity', 0.85).node()!;
    this.svg = root.append('svg').style('position', 'absolute').style('left', 0).style('top', 0).attr('role', 'img');
  }

  setWidth(width: number): void {
    this.width = width;
    if (this.data) this.update(this.data);
  }

  update(d: ChannelViewData, maxHeight = 320): void {
    this.data = d;
    const [iw, ih] = d.imageSize;
    this.scale = Math.min(this.width / iw, maxHeight / ih);
    const cw = Math.max(1, Math.round(iw * this.scale)), chh = Math.max(1, Math.round(ih * this.scale));
    // The grey image under the heatmap changes only with the image or the size: repaint it only then.
    const baseKey = `${cw}x${chh}`;
    if (this.baseBitmap !== d.bitmap || this.baseKey !== baseKey) {
      this.baseBitmap = d.bitmap;
      this.baseKey = baseKey;
      select(this.base.parentElement).style('width', `${cw}px`).style('height', `${chh}px`);
      this.base.width = cw;
      this.base.height = chh;
      select(this.base).style('width', `${cw}px`).style('height', `${chh}px`);
      const ctx = this.base.getContext('2d');
      if (ctx) {
        ctx.filter = 'grayscale(1)';
        ctx.drawImage(d.bitmap, 0, 0, cw, chh);
        ctx.filter = 'none';
      }
    }
    paintChannel(this.heat, d.layer, d.channel, undefined, true);
    const [lh, lw] = d.layer.shape;
    const cellPx = (d.layer.stride / d.f) * this.scale;
    select(this.heat).style('left', '0px').style('top', '0px').style('width', `${lw * cellPx}px`).style('height', `${lh * cellPx}px`)
      .style('clip-path', `inset(0 ${Math.max(0, lw * cellPx - cw)}px ${Math.max(0, lh * cellPx - chh)}px 0)`);
    this.svg.attr('width', cw).attr('height', chh)
      .attr('aria-label', `${d.layer.name} channel ${d.channel} over the image: ${lw}×${lh} cells of ${d.layer.stride} px at scale s; brighter is a stronger response (max ${channelMax(d.layer, d.channel).toFixed(2)}).`);
  }

  /** Outlines the window, a bin and an arg-max cell (image pixels). */
  mark(m: ChannelMarks): void {
    const s = this.scale;
    const rows: Array<{ key: string; box: [number, number, number, number]; colour: string; width: number }> = [];
    m.level?.boxes.forEach((box, i) => rows.push({ key: `lv${i}`, box, colour: m.level!.colour, width: 1 }));
    if (m.window) rows.push({ key: 'window', box: m.window, colour: VIZ_CONFIG.window, width: 2 });
    if (m.bin) rows.push({ key: 'bin', box: m.bin.box, colour: m.bin.colour, width: 3 });
    if (m.cell) rows.push({ key: 'cell', box: m.cell, colour: VIZ_CONFIG.argmax, width: 3 });
    this.svg.selectAll<SVGRectElement, (typeof rows)[number]>('rect').data(rows, (d) => d.key).join('rect')
      .attr('class', (d) => (d.key.startsWith('lv') ? 'mark-level-bin' : `mark-${d.key}`))
      .attr('x', (d) => d.box[0] * s).attr('y', (d) => d.box[1] * s).attr('width', (d) => Math.max(2, (d.box[2] - d.box[0]) * s)).attr('height', (d) => Math.max(2, (d.box[3] - d.box[1]) * s))
      .attr('fill', 'none').attr('stroke', (d) => d.colour).attr('stroke-width', (d) => d.width)
      .style('filter', 'drop-shadow(0 0 1px #000)');
  }
}

/** Image-pixel footprint of conv cells [x0, x1) × [y0, y1) of a layer with `stride` at factor f (PAPER §3.4 back-projection, cell corners). */
export function cellsToImage(x0: number, y0: number, x1: number, y1: number, stride: number, f: number, imageSize: [number, number]): [number, number, number, number] {
  const k = stride / f;
  return [Math.min(imageSize[0], x0 * k), Math.min(imageSize[1], y0 * k), Math.min(imageSize[0], x1 * k), Math.min(imageSize[1], y1 * k)];
}
