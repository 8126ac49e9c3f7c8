import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The page is built into dist/web, where `tally serve` looks for it.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    // The server's CSP allows no data: fetches: keep the boundary files and the map worker as files.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 2500,
  },
});
