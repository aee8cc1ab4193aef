import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { embedModel } from './scripts/vite/embedModel';

// COOP/COEP make the page cross-origin isolated, so the wasm backend may use threads (PLATFORM.md).
const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  // Relative asset URLs: the built app also works from a sub-folder or a static file host.
  base: './',
  plugins: [react(), embedModel()],
  server: { host: '127.0.0.1', headers: ISOLATION_HEADERS },
  preview: { host: '127.0.0.1', headers: ISOLATION_HEADERS },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
    // The demo (index.html), the main-thread kernel self-test used by the kernel e2e tests, and the visualiser benchmark page.
    rollupOptions: { input: { main: 'index.html', selftest: 'selftest.html', vizbench: 'vizbench.html' } },
  },
});
