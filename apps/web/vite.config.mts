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
    // React, React Router and Ant Design change only with package upgrades: vendor chunks that
    // browsers keep across console releases. `entriesAware` splits them by the pages that use them, so
    // what only the lazily loaded pages need (trees, date pickers, uploads …) loads with those pages;
    // pieces under 20 kB go with the pages' own chunks rather than into chunks of their own.
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: { codeSplitting: { groups: [{ name: 'vendor', test: /[\\/]node_modules[\\/]/, entriesAware: true, minSize: 20_000 }] } },
    },
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
    proxy: { '/api': gateway, '/auth': gateway, '/health': gateway },
  },
});
