import type { DetectionTrace } from '../pipeline/detectionTrace';

/**
 * The window a click at image pixel (x, y) means: the smallest detection window containing it, else
 * the smallest proposal containing it among the first `topN` ranked windows (all windows when 0).
 * @param detectionWindows window indices of the detections on show.
 * @returns an index into trace.windows, or null when no window contains the point.
 */
export function pickWindowAt(trace: Pick<DetectionTrace, 'windows'>, x: number, y: number, detectionWindows: readonly number[], topN = 0): number | null {
  const inside = (i: number): boolean => {
    const b = trace.windows[i]?.box;
    return !!b && x >= b[0] && x < b[2] && y >= b[1] && y < b[3];
  };
  const area = (i: number): number => {
    const b = trace.windows[i].box;
    return (b[2] - b[0]) * (b[3] - b[1]);
  };
  const smallest = (ids: Iterable<number>): number | null => {
    let best: number | null = null;
    for (const i of ids) if (inside(i) && (best === null || area(i) < area(best))) best = i;
    return best;
  };
  const fromDetections = smallest(detectionWindows);
  if (fromDetections !== null) return fromDetections;
  const n = topN > 0 ? Math.min(topN, trace.windows.length) : trace.windows.length;
  return smallest(Array.from({ length: n }, (_, i) => i));
}
