import { interpolateViridis, rgb } from 'd3';

/**
 * Every colour and size of the pyramid views in one place (STYLE.md, after CNN Explainer). Level
 * colours come from the Okabe–Ito palette, so levels stay apart with the common colour-vision
 * deficiencies; levels also differ in line width and carry their n×n label, so colour is never the
 * only cue.
 */
export const VIZ_CONFIG = {
  /** Colour of pyramid level l (cycled). */
  levelColours: ['#E69F00', '#0072B2', '#009E73', '#CC79A7', '#D55E00', '#56B4E9'],
  /** Outline of the selected window on images. */
  window: '#FFFFFF',
  windowHalo: '#000000',
  /** Cells a bin rule leaves unpooled (the sliding rule's defect). */
  uncovered: '#D55E00',
  /** The cell whose value a bin passed on (arg-max). */
  argmax: '#FF1493',
  /** Hover/focus highlight. */
  highlight: '#000000',
  grid: '#BBBBBB',
  text: '#222222',
  muted: '#666666',
  /** Values (≥ 0 after ReLU) → colour; 0 is dark. */
  heat: (t: number): string => interpolateViridis(Math.max(0, Math.min(1, t))),
  font: '12px system-ui, sans-serif',
  /** Largest cell edge (px) in the bins view. */
  maxCell: 22,
  /** Pooled-vector heatmap: px per channel column and per bin row. */
  vectorCell: { w: 4, h: 6 },
} as const;

/** Colour of pyramid level index l. */
export function levelColour(l: number): string {
  return VIZ_CONFIG.levelColours[l % VIZ_CONFIG.levelColours.length];
}

/** 256-entry RGBA lookup of {@link VIZ_CONFIG.heat}, for filling canvases without per-value string work. */
export const HEAT_LUT: Uint8ClampedArray = (() => {
  const lut = new Uint8ClampedArray(256 * 4);
  for (let i = 0; i < 256; i++) {
    const c = rgb(VIZ_CONFIG.heat(i / 255));
    lut.set([c.r, c.g, c.b, 255], 4 * i);
  }
  return lut;
})();
