import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The renderer: built to dist/renderer, served by the relay at /ui and shown in the desktop
 * window. `npx vite` serves it for development against a relay on the default port.
 */
export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: '/ui/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
  },
  server: {
    // the admin API stays same-origin for the page; changeOrigin passes the relay's Host check
    proxy: { '/admin': { target: 'http://127.0.0.1:4141', changeOrigin: true } },
  },
});
