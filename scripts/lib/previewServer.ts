// The built app (dist/) served by `vite preview` for the browser benchmarks, started with Vite itself
// (not through npx), so kill() stops the server and not only a wrapper.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

async function waitForServer(url: string, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try { if ((await fetch(url)).ok) return; } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`preview server did not start at ${url}`);
}

/** Starts `vite preview` on 127.0.0.1:port and resolves once it answers; the caller kills it. */
export async function startPreviewServer(port: number): Promise<ChildProcess> {
  const server = spawn(process.execPath, [path.resolve('node_modules/vite/bin/vite.js'), 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], { stdio: 'ignore' });
  try {
    await waitForServer(`http://127.0.0.1:${port}/`, 30_000);
  } catch (e) {
    server.kill();
    throw e;
  }
  return server;
}
