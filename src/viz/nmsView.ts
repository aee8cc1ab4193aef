import { select, type Selection } from 'd3';
import type { NmsStep } from '../geometry/nmsSteps';
import type { DetectionTrace } from '../pipeline/detectionTrace';
import { VIZ_CONFIG } from './vizConfig';

/** What {@link renderNms} draws: one class's boxes and the greedy NMS steps over them. */
export interface NmsViewData {
  /** [width, height] of the original image in pixels (the boxes' space). */
  imageSize: [number, number];
  /** Data URL of a thumbnail of the image, drawn as `<image>` stretched to the image's aspect. */
  thumbUrl: string;
  /** Largest drawing width in CSS px. */
  width: number;
  /** Float32Array [4N] `[x1, y1, x2, y2]` in image pixels; box i is shown as "#(i + 1)". */
  boxes: Float32Array;
  /** Float32Array [N] class scores. */
  scores: Float32Array;
  /** `nmsSteps(boxes, scores, iouThreshold)`. */
  steps: NmsStep[];
  /** How many steps are done, 0..steps.length; step `step - 1` is the current one. */
  step: number;
  className: string;
  /** Colour of kept boxes (the class colour, CSS). */
  colour: string;
  iouThreshold: number;
}

/** Options of {@link renderNms}. */
export interface NmsViewOptions {
  /** Tallest drawing in CSS px. @default 480 */
  maxHeight?: number;
  /** Boxes not visited yet. @default VIZ_CONFIG.muted */
  pendingColour?: string;
  /** Suppressed boxes and their links. @default VIZ_CONFIG.windowHalo (black) */
  suppressedColour?: string;
}

/** The boxes of one class that NMS sees, in `selectDetections` order (descending score, ties by candidate index). */
export interface NmsClassInput {
  /** Float32Array [4N] image pixels. */
  boxes: Float32Array;
  scores: Float32Array;
  /** Index into `trace.candidates` of each box. */
  candidates: number[];
}

/**
 * The candidates of class `classId` scoring at least `scoreThreshold`, ordered exactly as
 * `selectDetections` feeds them to per-class NMS, so `nmsSteps` on them keeps what it keeps for that
 * class (before its `maxDetections` cap). Box #1 is the best scoring.
 */
export function nmsClassInput(trace: Pick<DetectionTrace, 'candidates'>, classId: number, scoreThreshold: number): NmsClassInput {
  const c = trace.candidates;
  const candidates: number[] = [];
  for (let i = 0; i < c.length; i++) if (c[i].classId === classId && c[i].score >= scoreThreshold) candidates.push(i);
  candidates.sort((a, b) => c[b].score - c[a].score || a - b);
  const boxes = new Float32Array(4 * candidates.length);
  const scores = new Float32Array(candidates.length);
  candidates.forEach((k, j) => {
    boxes.set(c[k].box, 4 * j);
    scores[j] = c[k].score;
  });
  return { boxes, scores, candidates };
}

const MAX_LISTED = 6;
const f2 = (v: number): string => v.toFixed(2);

/**
 * One step of greedy NMS in words, e.g. "step 3 of 12: box #5 (score 0.81) kept; it suppresses #7
 * (IoU 0.62 > 0.30)". Boxes are numbered from 1 (input index + 1).
 * @param i 0-based index of `step` in the steps array (shown 1-based).
 * @param total number of steps. @param threshold NMS IoU threshold.
 */
export function nmsStepText(step: NmsStep, i: number, total: number, threshold: number): string {
  const head = `step ${i + 1} of ${total}: box #${step.box + 1} (score ${f2(step.score)})`;
  if (!step.kept) {
    return `${head} skipped: already suppressed by #${(step.suppressedBy ?? 0) + 1} (IoU ${f2(step.iouWithSuppressor ?? 0)} > ${f2(threshold)})`;
  }
  if (step.suppresses.length === 0) return `${head} kept; it suppresses nothing (no remaining box has IoU > ${f2(threshold)} with it)`;
  const listed = step.suppresses.slice(0, MAX_LISTED).map((s) => `#${s.box + 1} (IoU ${f2(s.iou)} > ${f2(threshold)})`);
  const more = step.suppresses.length > MAX_LISTED ? ` and ${step.suppresses.length - MAX_LISTED} more` : '';
  return `${head} kept; it suppresses ${listed.join(', ')}${more}`;
}

/**
 * The view's state in words: the start, the current step, or the end with the kept count. `final`, when
 * given and different from what NMS kept, is how many of the class's boxes the page shows after box
 * voting and NMS again, and the end says so.
 */
export function nmsStatusText(steps: NmsStep[], step: number, threshold: number, className: string, final?: number): string {
  const n = steps.length;
  if (n === 0) return `No ${className} boxes above the score threshold.`;
  if (step <= 0) {
    return `step 0 of ${n}: ${n} ${className} box${n === 1 ? '' : 'es'}, visited by descending score; each kept box suppresses the remaining boxes overlapping it with IoU > ${f2(threshold)}`;
  }
  const t = Math.min(step, n);
  const text = nmsStepText(steps[t - 1], t - 1, n, threshold);
  if (t < n) return text;
  const kept = steps.filter((s) => s.kept).length;
  if (final === undefined || final === kept) return `${text}. Done: ${kept} of ${n} kept.`;
  return `${text}. Done: ${kept} of ${n} kept by NMS; after box voting and NMS again, ${final} remain on the image.`;
}

type Status = 'pending' | 'suppressed' | 'kept';
interface BoxDatum { box: number; status: Status; current: boolean; x: number; y: number; w: number; h: number }
const RANK: Record<Status, number> = { pending: 0, suppressed: 1, kept: 2 };

/** A single child `tag.cls` of `parent`, created on first use (so redraws only update). */
function layer<P extends SVGElement>(parent: Selection<P, unknown, null, undefined>, tag: string, cls: string) {
  return parent.selectAll<SVGElement, null>(`${tag}.${cls}`).data([null]).join(tag).attr('class', cls);
}

/**
 * Draws one class's boxes on the image after `data.step` greedy NMS steps (PAPER §3.7): pending boxes thin
 * grey dashed, kept solid in the class colour with "#i score", suppressed thin black dotted with a line
 * to the centre of the box that suppressed them and their IoU; the current step's box thick. A box
 * counts as suppressed from the step of its suppressor on. Joins are keyed by box index, so stepping
 * only updates attributes.
 */
export function renderNms(svgEl: SVGSVGElement, data: NmsViewData, config: NmsViewOptions = {}): void {
  const pendingColour = config.pendingColour ?? VIZ_CONFIG.muted;
  const supColour = config.suppressedColour ?? VIZ_CONFIG.windowHalo;
  const [iw, ih] = data.imageSize;
  const k = Math.min(data.width / iw, (config.maxHeight ?? 480) / ih);
  const W = Math.max(1, Math.round(iw * k)), H = Math.max(1, Math.round(ih * k));
  const n = data.scores.length;
  const t = Math.max(0, Math.min(data.step, data.steps.length));
  const at = new Int32Array(n);
  data.steps.forEach((s, i) => { at[s.box] = i; });
  const cur = t > 0 ? data.steps[t - 1] : null;
  const datum = (b: number): BoxDatum => {
    const s = data.steps[at[b]];
    const status: Status = at[b] < t && s.kept ? 'kept' : s.suppressedBy !== null && at[s.suppressedBy] < t ? 'suppressed' : 'pending';
    const [x1, y1, x2, y2] = data.boxes.subarray(4 * b, 4 * b + 4);
    return { box: b, status, current: cur?.box === b, x: x1 * k, y: y1 * k, w: (x2 - x1) * k, h: (y2 - y1) * k };
  };
  const all = Array.from({ length: n }, (_, b) => datum(b));
  all.sort((a, b) => Number(a.current) - Number(b.current) || RANK[a.status] - RANK[b.status] || a.box - b.box);
  const byBox = new Map(all.map((d) => [d.box, d]));
  const centre = (d: BoxDatum): [number, number] => [d.x + d.w / 2, d.y + d.h / 2];
  const status = nmsStatusText(data.steps, t, data.iouThreshold, data.className);

  const svg = select(svgEl).attr('width', W).attr('height', H).attr('viewBox', `0 0 ${W} ${H}`).attr('role', 'img').attr('aria-label', status);
  svg.selectAll('title').data([0]).join((e) => e.insert('title', ':first-child')).text(`Non-maximum suppression of ${data.className} boxes`);
  svg.selectAll('desc').data([0]).join((e) => e.insert('desc', 'title + *')).text(status);
  layer(svg, 'image', 'nms-thumb').attr('href', data.thumbUrl).attr('width', W).attr('height', H).attr('preserveAspectRatio', 'none');

  layer(svg, 'g', 'nms-boxes').selectAll<SVGRectElement, BoxDatum>('rect').data(all, (d) => String(d.box)).join('rect')
    .attr('x', (d) => d.x).attr('y', (d) => d.y).attr('width', (d) => d.w).attr('height', (d) => d.h).attr('fill', 'none')
    .attr('stroke', (d) => (d.status === 'kept' ? data.colour : d.status === 'suppressed' ? supColour : pendingColour))
    .attr('stroke-width', (d) => (d.current ? 4 : d.status === 'kept' ? 2 : 1))
    .attr('stroke-dasharray', (d) => (d.status === 'pending' ? '5 3' : d.status === 'suppressed' ? '1.5 2.5' : null))
    .order();

  const links = all.filter((d) => d.status === 'suppressed');
  const sup = (d: BoxDatum): NmsStep => data.steps[at[d.box]];
  const justNow = (d: BoxDatum): boolean => d.current || sup(d).suppressedBy === cur?.box;
  const linkG = layer(svg, 'g', 'nms-links').selectAll<SVGGElement, BoxDatum>('g').data(links, (d) => String(d.box))
    .join((e) => {
      const g = e.append('g');
      g.append('line');
      g.append('text').attr('font-size', 11).attr('font-family', 'system-ui, sans-serif').attr('text-anchor', 'middle')
        .attr('stroke', '#FFFFFF').attr('stroke-width', 3).attr('paint-order', 'stroke');
      return g;
    });
  linkG.each(function (d) {
    const [ax, ay] = centre(d);
    const [bx, by] = centre(byBox.get(sup(d).suppressedBy!)!);
    const g = select(this);
    g.select('line').attr('x1', ax).attr('y1', ay).attr('x2', bx).attr('y2', by).attr('stroke', supColour)
      .attr('stroke-width', justNow(d) ? 2 : 1).attr('stroke-dasharray', '2 2');
    g.select('text').attr('x', (ax + bx) / 2).attr('y', (ay + by) / 2 - 3).attr('fill', supColour)
      .attr('font-weight', justNow(d) ? 700 : 400).text(`IoU ${f2(sup(d).iouWithSuppressor ?? 0)}`);
  });

  const labelled = all.filter((d) => d.status === 'kept' || d.current);
  layer(svg, 'g', 'nms-labels').selectAll<SVGTextElement, BoxDatum>('text').data(labelled, (d) => String(d.box)).join('text')
    .attr('x', (d) => d.x + 2).attr('y', (d) => (d.y > 14 ? d.y - 4 : d.y + 13))
    .attr('font-size', 12).attr('font-family', 'system-ui, sans-serif').attr('font-weight', (d) => (d.current ? 700 : 400))
    .attr('fill', (d) => (d.status === 'kept' ? data.colour : supColour)).attr('stroke', '#FFFFFF').attr('stroke-width', 3).attr('paint-order', 'stroke')
    .text((d) => (d.status === 'kept' ? `#${d.box + 1} ${f2(data.scores[d.box])}` : `#${d.box + 1}`));
}
