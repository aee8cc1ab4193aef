import { useState } from 'react';
import type { RcnnState } from '../demoController';

/** Props of {@link RcnnPanel}. */
export interface RcnnPanelProps {
  rcnn: RcnnState;
  windows: number;
  enabled: boolean;
  onRun: (count: number) => void;
  onCancel: () => void;
}

const ms = (v: number): string => (v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : `${Math.round(v)} ms`);

/** "The R-CNN way" on the same image, windows and backend: the trunk on every warped window. */
export function RcnnPanel({ rcnn, windows, enabled, onRun, onCancel }: RcnnPanelProps) {
  const [count, setCount] = useState(100);
  const r = rcnn.result;
  return (
    <section className="card" aria-labelledby="rcnn-h">
      <h2 id="rcnn-h">SPP-net vs the R-CNN way</h2>
      <p className="small">R-CNN warps every window to the training size and runs the conv trunk on each; SPP-net runs it once and
        pools every window from one feature map. Same model, image, windows and backend.</p>
      <div className="row">
        <label htmlFor="rcnn-count">Windows </label>
        <select id="rcnn-count" value={count} onChange={(e) => setCount(Number(e.target.value))}>
          {[25, 100, 300].map((n) => <option key={n} value={n}>first {n}</option>)}
          <option value={0}>all {windows}</option>
        </select>
        {rcnn.status === 'running'
          ? <button type="button" onClick={onCancel}>Cancel</button>
          : <button type="button" onClick={() => onRun(count)} disabled={!enabled}>Run the R-CNN way</button>}
      </div>
      {rcnn.status === 'running' && (
        <p role="status"><progress max={rcnn.total} value={rcnn.done} aria-label="R-CNN progress" /> {rcnn.done} / {rcnn.total} windows</p>
      )}
      {rcnn.status === 'cancelled' && <p role="status">Cancelled.</p>}
      {rcnn.status === 'error' && <p role="alert" className="error">{rcnn.error}</p>}
      {r && rcnn.status === 'done' && (
        <div data-testid="rcnn-result">
          <p>R-CNN way: <strong>{r.msPerWindow.toFixed(1)} ms</strong> per window ({r.windows} windows warped to {r.warpSide}×{r.warpSide} on {r.backend}
            {r.windows < r.allWindows ? <>; ×{r.allWindows} windows ≈ <strong>{ms(r.estimatedMs)}</strong>, linear extrapolation</> : <>: {ms(r.estimatedMs)}</>}).</p>
          <p>SPP-net on the same {r.allWindows} windows: <strong>{ms(r.sppMs)}</strong> (resize, conv once, SPP, fc).</p>
          <p className="speedup">Speed-up here: <strong data-testid="speedup">{r.speedup.toFixed(1)}×</strong> <span className="small">(paper, GPU 2014: 24–102×)</span></p>
        </div>
      )}
    </section>
  );
}
