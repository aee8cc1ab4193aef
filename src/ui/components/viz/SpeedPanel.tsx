import { useEffect, useMemo, useRef } from 'react';
import type { DetectionTrace } from '../../../pipeline/detectionTrace';
import { renderSpeed, type SpeedViewData } from '../../../viz/speedView';
import { ExportButtons } from './ExportButtons';
import { useWidth } from './useWidth';

/** Props of {@link SpeedPanel}. */
export interface SpeedPanelProps {
  result: { trace: DetectionTrace };
  /** The R-CNN-way comparison's state (DemoController's RcnnState). */
  rcnn: {
    status: string;
    done: number;
    total: number;
    result?: { msPerWindow: number; windows: number; backend: string; speedup: number; allWindows: number };
  };
  /** Starts the R-CNN-way measurement (on 50 windows). */
  onMeasure(): void;
}

/**
 * Why SPP-net is ~100× faster than R-CNN (PAPER §3, Table): this run's stage times against the R-CNN way
 * measured here, on the same model, image and backend.
 */
export function SpeedPanel({ result, rcnn, onMeasure }: SpeedPanelProps) {
  const fig = useRef<HTMLElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const width = useWidth(fig);
  const { trace } = result;
  const r = rcnn.result;
  const data = useMemo<Omit<SpeedViewData, 'width'>>(() => ({
    spp: { resize: trace.timings.resize, conv: trace.timings.conv, spp: trace.timings.spp, fc: trace.timings.fc },
    windows: trace.windows.length,
    rcnn: r ? { msPerWindow: r.msPerWindow, windowsMeasured: r.windows, backend: r.backend } : null,
  }), [trace, r]);

  useEffect(() => {
    if (svg.current && width > 0) renderSpeed(svg.current, { ...data, width: Math.min(width, 820) });
  }, [data, width]);

  const running = rcnn.status === 'running';
  return (
    <figure ref={fig} className="viz-figure" data-testid="speed-panel">
      <figcaption>
        <strong>Why SPP-net is about 100× faster than R-CNN</strong> (PAPER §3, Table): R-CNN warps each of ~2,000 windows to
        224×224 and runs the conv layers on every one; SPP-net runs them once on the whole image and pools every window from the
        shared conv5 map, so only the cheap SPP and fc steps grow with the number of windows. <ExportButtons target={fig} name="spp-vs-rcnn" title="SPP-net vs the R-CNN way" />
      </figcaption>
      {!r && !running && (
        <p><button type="button" onClick={onMeasure} data-testid="speed-measure">Measure the R-CNN way on 50 windows</button></p>
      )}
      {running && (
        <p role="status"><progress max={rcnn.total || 1} value={rcnn.done} aria-label="R-CNN way progress" /> {rcnn.done} / {rcnn.total} windows</p>
      )}
      {rcnn.status === 'error' && <p role="alert" className="error">The R-CNN measurement failed; see the comparison card.</p>}
      <svg ref={svg} data-testid="speed-svg" />
      <p className="small">
        Paper (GPU, 2014): conv 0.053 s per image for SPP-net 1-scale vs 14.37 s for R-CNN on the same ZF-5 model. Compare the
        ratios, not the absolute times: this page runs a small model in your browser.
      </p>
    </figure>
  );
}
