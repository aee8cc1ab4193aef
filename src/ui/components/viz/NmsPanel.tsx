import { useEffect, useMemo, useRef } from 'react';
import { nmsSteps } from '../../../geometry/nmsSteps';
import type { DetectionTrace } from '../../../pipeline/detectionTrace';
import { nmsClassInput, nmsStatusText, renderNms } from '../../../viz/nmsView';
import { classColour } from '../../palette';
import { ExportButtons } from './ExportButtons';
import { useWidth } from './useWidth';

/** Props of {@link NmsPanel}. */
export interface NmsPanelProps {
  trace: DetectionTrace;
  classes: Array<{ id: number; name: string; emoji: string }>;
  /** Data URL of an image thumbnail. */
  thumbUrl: string;
  /** Candidates below this class score are not shown (the page's threshold). */
  scoreThreshold: number;
  /** NMS IoU threshold (PAPER §4 step 7: 0.3). */
  nmsIou: number;
  /** The detections the page shows (its `selectDetections` at these settings, after box voting and NMS again). */
  shown: Array<{ classId: number }>;
  /** Class to step through; null (or a class without candidates) = the class of the best candidate. */
  classId: number | null;
  /** Steps done, 0..N; null = 0 (nothing visited yet). */
  step: number | null;
  onChange(patch: { nmsClass?: number; nmsStep?: number }): void;
}

/**
 * Greedy per-class NMS one step at a time over the same candidates and order as `selectDetections`,
 * so its last step keeps exactly what the detector's NMS kept of that class (before the max-detections cap); with box
 * voting the end also says how many of them remain on the image after voting and NMS again.
 */
export function NmsPanel({ trace, classes, thumbUrl, scoreThreshold, nmsIou, shown, classId, step, onChange }: NmsPanelProps) {
  const fig = useRef<HTMLElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const width = useWidth(fig);

  // Classes with candidates at or above the threshold, with counts; the default is the best candidate's class.
  const { counts, best } = useMemo(() => {
    const m = new Map<number, number>();
    let top: { id: number; score: number } | null = null;
    for (const c of trace.candidates) {
      if (c.score < scoreThreshold) continue;
      m.set(c.classId, (m.get(c.classId) ?? 0) + 1);
      if (!top || c.score > top.score) top = { id: c.classId, score: c.score };
    }
    return { counts: m, best: top?.id ?? null };
  }, [trace, scoreThreshold]);
  const options = classes.filter((c) => counts.has(c.id));
  const cls = classId !== null && counts.has(classId) ? classId : best;
  const meta = classes.find((c) => c.id === cls);
  const name = meta?.name ?? (cls === null ? '' : `class ${cls}`);

  const input = useMemo(() => (cls === null ? null : nmsClassInput(trace, cls, scoreThreshold)), [trace, cls, scoreThreshold]);
  const steps = useMemo(() => (input ? nmsSteps(input.boxes, input.scores, nmsIou) : []), [input, nmsIou]);
  const n = steps.length;
  const t = Math.max(0, Math.min(step ?? 0, n));
  // How many of this class the page shows after box voting and NMS again.
  const final = trace.boxVoting === false ? undefined : shown.filter((d) => d.classId === cls).length;
  const text = nmsStatusText(steps, t, nmsIou, name, final);
  const go = (v: number): void => onChange({ nmsStep: Math.max(0, Math.min(n, v)) });

  useEffect(() => {
    if (!svg.current || !input || cls === null || width <= 0) return;
    renderNms(svg.current, {
      imageSize: trace.imageSize, thumbUrl, width: Math.min(width, 720), boxes: input.boxes, scores: input.scores, steps, step: t,
      className: name, colour: classColour(cls), iouThreshold: nmsIou,
    });
  }, [trace.imageSize, thumbUrl, width, input, steps, t, name, cls, nmsIou]);

  return (
    <figure ref={fig} className="viz-figure" data-testid="nms-panel">
      <figcaption>
        <strong>Non-maximum suppression</strong> (PAPER §3.7, §4 step 7): many windows fire on the same object, so for each class the
        detector visits its boxes from the highest score down, keeps a box, and deletes every remaining box that overlaps it with
        IoU &gt; {nmsIou.toFixed(2)}. Boxes of different classes never suppress each other.
        {trace.boxVoting !== false && <> Then each kept box moves to the score-weighted mean of its class's boxes that overlap it with IoU ≥ {trace.boxVoting.toFixed(2)} (box voting), and a voted box that now overlaps a better one of its class by more than the NMS IoU is dropped; so the final boxes on the image can sit a little off the kept ones here, and a few kept here can be missing there.</>} <ExportButtons target={fig} name="nms-steps" title="NMS steps" />
      </figcaption>
      {options.length === 0 ? (
        <p data-testid="nms-step-text" aria-live="polite">No candidates at or above the score threshold {scoreThreshold.toFixed(2)}; lower it to see NMS at work.</p>
      ) : (
        <>
          <div className="viz-controls">
            <label>Class{' '}
              <select value={cls ?? ''} onChange={(e) => onChange({ nmsClass: Number(e.target.value) })} data-testid="nms-class">
                {options.map((c) => <option key={c.id} value={c.id}>{c.emoji} {c.name} ({counts.get(c.id)} {counts.get(c.id) === 1 ? 'box' : 'boxes'})</option>)}
              </select>
            </label>
            <span role="group" aria-label="NMS steps">
              <button type="button" aria-label="first step" onClick={() => go(0)} disabled={t === 0}>⏮</button>
              <button type="button" aria-label="previous step" onClick={() => go(t - 1)} disabled={t === 0}>◀</button>
              <button type="button" aria-label="next step" onClick={() => go(t + 1)} disabled={t === n}>▶</button>
              <button type="button" aria-label="last step" onClick={() => go(n)} disabled={t === n}>⏭</button>
            </span>
            <label>Step{' '}
              <input type="range" min={0} max={n} step={1} value={t} aria-label="NMS step" aria-valuetext={`step ${t} of ${n}`}
                onChange={(e) => go(Number(e.target.value))} data-testid="nms-step-range" />
            </label>
            <span className="small">{t} / {n}; kept so far {steps.slice(0, t).filter((s) => s.kept).length}</span>
          </div>
          <svg ref={svg} data-testid="nms-svg" />
          <p className="viz-status" aria-live="polite" data-testid="nms-step-text">{text}</p>
          <p className="small">Boxes are numbered by score, #1 the best. Grey dashed: not visited yet. Solid: kept, with its score. Dotted black: suppressed, linked to the box that
            suppressed it with their IoU. Thick: this step&rsquo;s box.</p>
        </>
      )}
    </figure>
  );
}
