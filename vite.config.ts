/**
 * The playground's build: root playground/, output dist-playground/. Dev and preview servers
 * send the cross-origin isolation headers that shared-memory threads need, on 127.0.0.1.
 */
import { defineConfig } from 'vite';

/** COOP + COEP: makes `crossOriginIsolated` true, so SharedArrayBuffer (wasm threads) is available. */
export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
} as const;

export default defineConfig({
  root: 'playground',
  base: './',
  build: { outDir: '../dist-playground', emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 2000 },
  worker: { format: 'es' },
  server: { host: '127.0.0.1', port: 5173, headers: ISOLATION_HEADERS },
  preview: { host: '127.0.0.1', port: 4173, headers: ISOLATION_HEADERS },
});
