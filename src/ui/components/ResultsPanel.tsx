import type { ClassScore } from '../../pipeline/load';
import { classColour } from '../palette';

/** One displayed detection, with the window it came from. */
export interface ShownDetection {
  box: [number, number, number, number];
  classId: number;
  score: number;
  name: string;
  emoji: string;
  window: number;
}

/** Props of {@link ResultsPanel}. */
export interface ResultsPanelProps {
  top5: ClassScore[] | null;
  detections: ShownDetection[];
  before: number;
  selectedWindow: number | null;
  onSelect: (window: number | null) => void;
  evaluation: { found: number; total: number; mAP: number } | null;
}

/** Top-5 of the full image, the detection list (select a row to inspect its window) and a scene's score. */
export function ResultsPanel({ top5, detections, before, selectedWindow, onSelect, evaluation }: ResultsPanelProps) {
  return (
    <div className="results">
      {top5 && (
        <section className="card" aria-labelledby="top5-h">
          <h2 id="top5-h">Whole image: top 5</h2>
          <p className="small">The mean of 8 full-image views: 4 sizes around the training size, each also mirrored (no crop, no warp).</p>
          <ol className="top5" data-testid="top5">
            {top5.map((c) => (
              <li key={c.classId}>
                <span><span className="emoji" aria-hidden="true">{c.emoji}</span> {c.name}</span>
                <span className="pct">{(c.probability * 100).toFixed(1)}%</span>
                <meter min={0} max={1} value={c.probability} aria-label={`${c.name} probability`} />
              </li>
            ))}
          </ol>
        </section>
      )}
      <section className="card" aria-labelledby="dets-h">
        <h2 id="dets-h">Detections: {detections.length} <span className="small">({before} before NMS)</span></h2>
        {evaluation && (
          <p data-testid="scene-eval">
            Ground truth: <strong>{evaluation.found} of {evaluation.total}</strong> objects found with the right class at IoU ≥ 0.5;
            image AP {Number.isNaN(evaluation.mAP) ? '–' : `${(evaluation.mAP * 100).toFixed(1)}%`}.
          </p>
        )}
        {detections.length === 0 ? <p className="small">No detection above the score threshold.</p> : (
          <div className="table-scroll">
            <table className="dets" data-testid="detections">
              <thead><tr><th scope="col">class</th><th scope="col">score</th><th scope="col">box [x1, y1, x2, y2]</th><th scope="col"><span className="sr-only">inspect</span></th></tr></thead>
              <tbody>
                {detections.map((d, i) => (
                  <tr key={i} className={selectedWindow === d.window ? 'selected' : undefined}>
                    <td><span className="swatch" style={{ background: classColour(d.classId) }} aria-hidden="true" /> <span aria-hidden="true">{d.emoji}</span> {d.name}</td>
                    <td>{d.score.toFixed(3)}</td>
                    <td className="mono">{d.box.map((v) => Math.round(v)).join(', ')}</td>
                    <td>
                      <button type="button" className="link" aria-pressed={selectedWindow === d.window} onClick={() => onSelect(selectedWindow === d.window ? null : d.window)}>
                        window #{d.window}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
