import type { VocApResult } from '../../pipeline/vocAp';

/** Options of {@link formatApTable}. */
export interface FormatApTableOptions {
  /** Print AP as a percentage (as papers report, e.g. 59.2) instead of a fraction (0.592). @default false */
  percent?: boolean;
  /** Digits after the decimal point. @default 1 with percent, else 4 */
  digits?: number;
}

/**
 * Formats per-class AP (VOC2007 11-point and all-point) and the mAP as a plain-text table, one class a
 * line in `result.perClass` order, then an mAP line. Columns: class name, npos (non-difficult objects),
 * detections, TP, FP, AP 11-pt, AP all-pt. A class without ground truth shows "n/a" (not in the mAP).
 * @param classNames name of each class id (e.g. `{ 1: 'aeroplane', ... }` or a Map); unnamed ids print
 *   as `class <id>`.
 * @returns the table, lines joined by '\n', no trailing newline.
 */
export function formatApTable(
  result: VocApResult,
  classNames: ReadonlyMap<number, string> | Readonly<Record<number, string>>,
  options: FormatApTableOptions = {},
): string {
  const percent = options.percent ?? false;
  const digits = options.digits ?? (percent ? 1 : 4);
  if (!(Number.isInteger(digits) && digits >= 0 && digits <= 12)) {
    throw new Error(`formatApTable: digits must be an integer in [0, 12], got ${digits}`);
  }
  const nameOf = (id: number): string =>
    (classNames instanceof Map ? classNames.get(id) : (classNames as Readonly<Record<number, string>>)[id]) ?? `class ${id}`;
  const ap = (v: number | null): string => (v === null ? 'n/a' : (percent ? 100 * v : v).toFixed(digits));

  const iou = `@${result.iouThreshold}`;
  const header = ['class', 'npos', 'dets', 'TP', 'FP', `AP11${iou}`, `APall${iou}`];
  const rows = result.perClass.map((p) => [
    nameOf(p.classId), String(p.npos), String(p.numDetections), String(p.tp), String(p.fp), ap(p.ap07), ap(p.apAll),
  ]);
  const counted = result.perClass.filter((p) => p.npos > 0).length;
  const footer = [`mAP (${counted} classes)`, '', '', '', '', ap(result.mAP07), ap(result.mAPAll)];

  const widths = header.map((h, c) => Math.max(h.length, footer[c].length, ...rows.map((r) => r[c].length)));
  // Names left-aligned, numbers right-aligned.
  const line = (cells: string[]): string =>
    cells.map((s, c) => (c === 0 ? s.padEnd(widths[c]) : s.padStart(widths[c]))).join('  ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(header), rule, ...rows.map(line), rule, line(footer)].join('\n');
}
