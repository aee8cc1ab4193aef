import { useEffect, useMemo, useRef } from 'react';
import type { DetectionTrace } from '../../../pipeline/detectionTrace';
import { renderScales, scaleChoiceRows } from '../../../viz/scalesView';
import { ExportButtons } from './ExportButtons';
import { useWidth } from './useWidth';

/** Props of {@link ScalesPanel}. */
export interface ScalesPanelProps {
  trace: DetectionTrace;
  /** Data URL of an image thumbnail. */
  thumbUrl: string;
  /** Index into `trace.windows` to explain, or null. */
  selectedWindow: number | null;
  /** Training input area, px² (224²). */
  trainArea: number;
  /** True when the run used several scales (PAPER §3.3). */
  multiScale: boolean;
}

/** Which scale each window was pooled at, and for the selected window why (PAPER §3.3). */
export function ScalesPanel({ trace, thumbUrl, selectedWindow, trainArea, multiScale }: ScalesPanelProps) {
  const fig = useRef<HTMLElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const width = useWidth(fig);
  const scales = useMemo(() => trace.scales.map((s) => s.s), [trace]);
  const windows = useMemo(() => trace.windows.map((w) => ({ box: w.box, scale: w.scale })), [trace]);
  const sel = selectedWindow !== null && trace.windows[selectedWindow] ? selectedWindow : null;
  const side = Math.round(Math.sqrt(trainArea));

  useEffect(() => {
    if (!svg.current || width <= 0) return;
    renderScales(svg.current, { imageSize: trace.imageSize, thumbUrl, width: Math.min(width, 900), scales, windows, selected: sel, trainArea });
  }, [trace.imageSize, thumbUrl, width, scales, windows, sel, trainArea]);

  // The rule's pick should be the scale the run used; say so if they differ (e.g. scales capped for memory).
  const rows = sel === null ? [] : scaleChoiceRows(trace.windows[sel].box, trace.imageSize, scales, trainArea);
  const ruled = rows.find((r) => r.chosen)?.s;
  const used = sel === null ? undefined : trace.windows[sel].scale;

  return (
    <figure ref={fig} className="viz-figure" data-testid="scales-panel">
      <figcaption>
        <strong>Multi-scale detection</strong> (PAPER §3.3): the conv layers run once per scale s (image resized so its shorter side is s),
        and each window is pooled from the one scale at which it is closest in area to the {side}×{side} training input, so small
        windows use a large s and large windows a small s. <ExportButtons target={fig} name="multi-scale" title="Multi-scale: the scale each window used" />
      </figcaption>
      {!multiScale && (
        <p className="viz-status" data-testid="scales-one-scale">
          1-scale run: every window used s = {scales[0]}; switch Scales to multi-scale to see the rule choose.
        </p>
      )}
      <svg ref={svg} data-testid="scales-svg" />
      <p className="small" aria-live="polite">
        {sel === null
          ? 'Pick a window (detections table or window picker) to see why it got its scale.'
          : `Window #${sel} was pooled at s = ${used}${ruled !== undefined && ruled !== used ? ` (the rule over these scales gives ${ruled})` : ''}.`}
      </p>
    </figure>
  );
}
