import { PALETTE, classColour, textOn } from './palette';

type Box = readonly [number, number, number, number];

/** What to draw over the image; every box is [x1, y1, x2, y2] in image pixels. */
export interface DrawResultOptions {
  /** Display pixels per image pixel. */
  scale: number;
  proposals?: Float32Array;
  /** How many of the ranked proposals to draw. */
  topN?: number;
  /** Candidates before NMS (drawn dashed when `suppressed`). */
  candidates?: ReadonlyArray<{ box: Box; classId: number; score: number; suppressed: boolean }>;
  detections?: ReadonlyArray<{ box: Box; classId: number; score: number; name: string; emoji: string }>;
  groundTruth?: ReadonlyArray<{ box: Box; label: string }>;
  selected?: Box | null;
  /** Label font size and line width in display pixels. @default 13, 2 */
  fontSize?: number;
  lineWidth?: number;
}

function rect(ctx: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D, b: Box, s: number): void {
  ctx.strokeRect(b[0] * s, b[1] * s, (b[2] - b[0]) * s, (b[3] - b[1]) * s);
}

function label(ctx: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D, text: string, x: number, y: number, bg: string, font: number, maxX: number): void {
  ctx.font = `${font}px system-ui, sans-serif`;
  const w = ctx.measureText(text).width + 6;
  const h = font + 4;
  const lx = Math.max(0, Math.min(x, maxX - w));
  const ly = y - h < 0 ? y : y - h;
  ctx.fillStyle = bg;
  ctx.fillRect(lx, ly, w, h);
  ctx.fillStyle = textOn(bg);
  ctx.textBaseline = 'top';
  ctx.fillText(text, lx + 3, ly + 2);
}

/**
 * Draws the image and the pipeline's boxes (proposals, candidates, detections, ground truth, the
 * selected window) on a 2D context, in display pixels. Shared by the page and the PNG export.
 */
export function drawResult(ctx: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D, image: CanvasImageSource & { width: number; height: number }, o: DrawResultOptions): void {
  const s = o.scale;
  const W = image.width * s, H = image.height * s;
  const font = o.fontSize ?? 13;
  const lw = o.lineWidth ?? 2;
  ctx.save();
  ctx.clearRect(0, 0, W, H);
  // Upscaled tiny images stay crisp (pixels visible), downscaled ones smooth.
  ctx.imageSmoothingEnabled = s < 1;
  ctx.drawImage(image, 0, 0, W, H);
  if (o.proposals && o.topN) {
    ctx.strokeStyle = PALETTE.proposal;
    ctx.globalAlpha = 0.7;
    ctx.lineWidth = 1;
    const n = Math.min(o.topN, o.proposals.length / 4);
    // One path, one stroke: 2,000 windows redraw in a few ms instead of 2,000 strokes.
    const p = o.proposals;
    ctx.beginPath();
    for (let i = 0; i < n; i++) ctx.rect(p[4 * i] * s, p[4 * i + 1] * s, (p[4 * i + 2] - p[4 * i]) * s, (p[4 * i + 3] - p[4 * i + 1]) * s);
    ctx.stroke();
    ctx.globalAlpha = 1;
  }
  if (o.groundTruth) {
    ctx.setLineDash([6, 4]);
    ctx.lineWidth = lw + 1;
    ctx.strokeStyle = PALETTE.groundTruth;
    for (const g of o.groundTruth) rect(ctx, g.box, s);
    ctx.setLineDash([]);
    for (const g of o.groundTruth) label(ctx, g.label, g.box[0] * s, g.box[3] * s + font + 4, PALETTE.groundTruth, font - 1, W);
  }
  if (o.candidates) {
    ctx.lineWidth = 1;
    for (const c of o.candidates) {
      ctx.setLineDash(c.suppressed ? [3, 3] : []);
      ctx.strokeStyle = c.suppressed ? PALETTE.suppressed : classColour(c.classId);
      rect(ctx, c.box, s);
    }
    ctx.setLineDash([]);
  }
  if (o.detections) {
    ctx.lineWidth = lw;
    for (const d of o.detections) {
      ctx.strokeStyle = classColour(d.classId);
      rect(ctx, d.box, s);
    }
    for (const d of o.detections) label(ctx, `${d.emoji} ${d.name} ${d.score.toFixed(2)}`, d.box[0] * s, d.box[1] * s, classColour(d.classId), font, W);
  }
  if (o.selected) {
    ctx.lineWidth = lw + 2;
    ctx.strokeStyle = '#000000';
    rect(ctx, o.selected, s);
    ctx.lineWidth = lw;
    ctx.strokeStyle = PALETTE.selected;
    rect(ctx, o.selected, s);
  }
  ctx.restore();
}
