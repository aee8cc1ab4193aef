import { useEffect, useState } from 'react';
import { BACKEND_ORDER, selectBackend, type BackendChoice, type BackendName } from '../../model/selectBackend';
import { loadBackend } from '../../model/browser/loadBackend';
import { sppSelfTest, type SelfTestResult } from '../../pipeline/sppSelfTest';
import { installTestHooks } from '../testHooks';

type Status =
  | { kind: 'starting' }
  | { kind: 'ready'; backend: BackendChoice; test: SelfTestResult }
  | { kind: 'error'; message: string };

/** `?backend=webgl` (or webgpu, wasm, cpu) picks a backend; anything else means automatic. */
function backendFromUrl(): BackendName | undefined {
  const b = new URLSearchParams(window.location.search).get('backend');
  return BACKEND_ORDER.find((n) => n === b);
}

/**
 * Diagnostics page (selftest.html): tfjs on the main thread with a chosen backend (webgpu -> webgl ->
 * wasm -> cpu), a tiny SPP checked against the reference, and window.__SPPNET__.tf/lib for the kernel
 * end-to-end tests. The app itself (index.html) runs tfjs in a worker.
 */
export function SelfTestPage() {
  const [status, setStatus] = useState<Status>({ kind: 'starting' });
  const preferred = backendFromUrl();

  useEffect(() => {
    const hooks = installTestHooks();
    let cancelled = false;
    (async () => {
      try {
        const backend = await selectBackend(loadBackend, { preferred });
        const test = await sppSelfTest();
        hooks.backend = backend;
        hooks.selfTest = test;
        if (!cancelled) setStatus({ kind: 'ready', backend, test });
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        hooks.error = message;
        if (!cancelled) setStatus({ kind: 'error', message });
      }
    })();
    return () => { cancelled = true; };
  }, [preferred]);

  const pick = (name: string) => {
    const url = new URL(window.location.href);
    if (name === 'auto') url.searchParams.delete('backend');
    else url.searchParams.set('backend', name);
    window.location.assign(url.toString());
  };

  return (
    <main>
      <h1>sppnet-web — backend self-test</h1>
      <p className="lede">
        The SPP kernels on the main thread, for diagnostics. <a href="./">Back to the demo</a>.
      </p>
      <section aria-labelledby="backend-h" className="card">
        <h2 id="backend-h">Compute backend</h2>
        <label>
          Backend{' '}
          <select value={preferred ?? 'auto'} onChange={(e) => pick(e.target.value)}>
            <option value="auto">automatic (webgpu → webgl → wasm → cpu)</option>
            {BACKEND_ORDER.map((b) => <option key={b} value={b}>{b}</option>)}
          </select>
        </label>
        {status.kind === 'starting' && <p role="status">Starting a backend…</p>}
        {status.kind === 'error' && <p role="alert" className="error">No backend could start: {status.message}</p>}
        {status.kind === 'ready' && (
          <>
            <p role="status">
              Running on <strong data-testid="backend-name">{status.backend.name}</strong>
              {preferred && preferred !== status.backend.name && <> (you asked for {preferred}; it fell back)</>}
            </p>
            {status.backend.skipped.length > 0 && (
              <>
              <p className="skipped">Passed over:</p>
              <ul className="skipped" aria-label="Backends passed over">
                {status.backend.skipped.map((s) => <li key={s}>{s}</li>)}
              </ul>
              </>
            )}
          </>
        )}
      </section>
      {status.kind === 'ready' && (
        <section aria-labelledby="spp-h" className="card">
          <h2 id="spp-h">Spatial pyramid pooling self-test</h2>
          <p data-testid="selftest">
            {status.test.windows} windows on a {status.test.mapShape.join('×')} map, levels {'{6, 3, 2, 1}'} → output [
            {status.test.outShape.join(', ')}] in {status.test.ms.toFixed(1)} ms:{' '}
            {status.test.maxAbsError === 0
              ? <strong className="ok">matches the reference exactly</strong>
              : <strong className="error">differs from the reference (max error {status.test.maxAbsError})</strong>}
          </p>
        </section>
      )}
    </main>
  );
}
