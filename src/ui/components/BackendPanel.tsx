import { BACKEND_ORDER, type BackendName } from '../../model/backendOrder';
import type { EngineState } from '../demoController';

/** Which tfjs backend runs the detector, why the others were passed over, and a picker. */
export function BackendPanel({ engine, onPick }: { engine: EngineState; onPick: (b: BackendName | undefined) => void }) {
  const name = engine.backend?.name;
  return (
    <section className="card" aria-labelledby="backend-h">
      <h2 id="backend-h">Compute backend</h2>
      <label htmlFor="backend">Backend </label>
      <select id="backend" value={engine.requested ?? 'auto'} onChange={(e) => onPick(e.target.value === 'auto' ? undefined : (e.target.value as BackendName))}>
        <option value="auto">automatic (webgpu → webgl → wasm → cpu)</option>
        {BACKEND_ORDER.map((b) => <option key={b} value={b}>{b}</option>)}
      </select>
      {engine.status === 'starting' && <p role="status">Starting a backend and loading the model…</p>}
      {engine.status === 'error' && <p role="alert" className="error">The detector could not start: {engine.error}</p>}
      {engine.status === 'ready' && (
        <p role="status">
          Running on <strong data-testid="backend-name">{name}</strong>
          {engine.requested && engine.requested !== name && <> (you asked for {engine.requested}; it fell back)</>}
          {engine.modelBytes ? <> · model {(engine.modelBytes / 1e6).toFixed(1)} MB</> : null}
        </p>
      )}
      {engine.fallbacks.length > 0 && (
        <div role="alert">
          <ul className="fallbacks" aria-label="Backend fallbacks">
            {engine.fallbacks.map((f, i) => <li key={i}>{f}</li>)}
          </ul>
        </div>
      )}
      {engine.backend && engine.backend.skipped.length > 0 && (
        <details>
          <summary>Passed over ({engine.backend.skipped.length})</summary>
          <ul className="skipped" aria-label="Backends passed over">
            {engine.backend.skipped.map((s) => <li key={s}>{s}</li>)}
          </ul>
        </details>
      )}
      {engine.manifest?.recipe && (engine.manifest.recipe as { smoke?: boolean }).smoke && (
        <p className="warn" role="note">This build embeds the <strong>smoke-test model</strong> (a tiny training budget, same architecture): the plumbing is real, the detections are not meaningful.</p>
      )}
    </section>
  );
}
