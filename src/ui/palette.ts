/**
 * All colours of the page's drawings, from the Okabe–Ito palette (distinguishable with the common
 * colour-vision deficiencies). Roles differ in line style too (dashed ground truth, thin proposals),
 * and every detection is labelled with its class name, so colour is never the only cue.
 */
export const PALETTE = {
  /** Detections cycle through these by class id. */
  detection: ['#E69F00', '#0072B2', '#D55E00', '#CC79A7', '#F0E442'],
  groundTruth: '#009E73',
  proposal: '#56B4E9',
  suppressed: '#000000',
  selected: '#FFFFFF',
  labelText: '#000000',
} as const;

/** Colour of a class's detections. */
export function classColour(classId: number): string {
  return PALETTE.detection[(classId - 1 + PALETTE.detection.length) % PALETTE.detection.length];
}

/** Black or white text, whichever reads better on `hex`. */
export function textOn(hex: string): string {
  const n = parseInt(hex.slice(1), 16);
  const l = 0.2126 * ((n >> 16) & 255) + 0.7152 * ((n >> 8) & 255) + 0.0722 * (n & 255);
  return l > 140 ? '#000000' : '#FFFFFF';
}
