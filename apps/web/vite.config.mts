// The console is a static bundle: `vite build apps/web` writes dist/web, which the gateway serves at
// `/` (WEB_ROOT) with a fallback to index.html for client-side routes. `vite apps/web` is a dev
// server that forwards /api and /auth to a running gateway (VITE_GATEWAY_URL, default :3000).
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const gateway = process.env['VITE_GATEWAY_URL'] ?? 'http://127.0.0.1:3000';

export default defineConfig({
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    // Maps are written for decoding reported stack traces, not linked from the bundle.
    sourcemap: 'hidden',
    // React, React Router and Ant Design change only with package upgrades: one vendor chunk that
    // browsers keep across console releases. It is large by nature (antd), hence the limit.
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: { codeSplitting: { groups: [{ name: 'vendor', test: /[\\/]node_modules[\\/]/ }] } },
    },
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
    proxy: { '/api': gateway, '/auth': gateway, '/health': gateway },
  },
});
