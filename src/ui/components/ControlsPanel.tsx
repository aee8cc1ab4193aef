import type { AppSettings } from '../urlState';

/** Props of {@link ControlsPanel}. */
export interface ControlsPanelProps {
  settings: AppSettings;
  onChange: (patch: Partial<AppSettings>) => void;
  proposalCount: number;
  /** Scales of the model, for the labels. */
  scales: { one: number; all: number[] } | null;
}

/** Pipeline settings: proposals mode, scales, thresholds and what to draw. All keyboard-operable. */
export function ControlsPanel({ settings: s, onChange, proposalCount, scales }: ControlsPanelProps) {
  return (
    <section className="card" aria-labelledby="controls-h">
      <h2 id="controls-h">Settings</h2>
      <div className="field">
        <label htmlFor="mode">Selective search</label>
        <select id="mode" value={s.mode} onChange={(e) => onChange({ mode: e.target.value as AppSettings['mode'] })}>
          <option value="single">single (1 strategy)</option>
          <option value="fast">fast (8 strategies, the paper's)</option>
          <option value="quality">quality (80 strategies, slow)</option>
        </select>
      </div>
      <fieldset className="field">
        <legend>Scales (PAPER §3.3)</legend>
        <label><input type="radio" name="scales" checked={s.scales === '1'} onChange={() => onChange({ scales: '1' })} /> 1-scale{scales ? ` (s = ${scales.one})` : ''}</label>
        <label><input type="radio" name="scales" checked={s.scales === 'multi'} onChange={() => onChange({ scales: 'multi' })} /> multi-scale{scales ? ` (${scales.all.join(', ')})` : ''}</label>
      </fieldset>
      <div className="field">
        <label><input type="checkbox" checked={s.bboxRegression} onChange={(e) => onChange({ bboxRegression: e.target.checked })} /> bounding-box regression</label>
      </div>
      <div className="field">
        <label htmlFor="thr">Score threshold <output htmlFor="thr">{s.scoreThreshold.toFixed(2)}</output></label>
        <input id="thr" type="range" min={0.05} max={1} step={0.05} value={s.scoreThreshold} onChange={(e) => onChange({ scoreThreshold: Number(e.target.value) })} />
      </div>
      <div className="field">
        <label htmlFor="nms">NMS IoU <output htmlFor="nms">{s.nmsIou.toFixed(2)}</output></label>
        <input id="nms" type="range" min={0.05} max={1} step={0.05} value={s.nmsIou} onChange={(e) => onChange({ nmsIou: Number(e.target.value) })} />
      </div>
      <fieldset className="field">
        <legend>Boxes drawn</legend>
        <label><input type="radio" name="nmsview" checked={s.nmsView === 'after'} onChange={() => onChange({ nmsView: 'after' })} /> after NMS</label>
        <label><input type="radio" name="nmsview" checked={s.nmsView === 'before'} onChange={() => onChange({ nmsView: 'before' })} /> before NMS</label>
      </fieldset>
      <div className="field">
        <label htmlFor="topn">Proposals shown <output htmlFor="topn">{Math.min(s.topN, proposalCount)} of {proposalCount}</output></label>
        <input id="topn" type="range" min={0} max={Math.max(1, Math.min(2000, proposalCount))} step={1} value={Math.min(s.topN, Math.max(1, proposalCount))} onChange={(e) => onChange({ topN: Number(e.target.value) })} />
      </div>
      <div className="field">
        <label><input type="checkbox" checked={s.showGroundTruth} onChange={(e) => onChange({ showGroundTruth: e.target.checked })} /> ground truth (generated scenes)</label>
      </div>
    </section>
  );
}
