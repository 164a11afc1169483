import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// One build for three targets. The "main" target also emits the browser-mode server, the CLI
// and the worker threads (suggestions, export rendering, import writing): plain Node entry points that share the service
// with the Electron main process.
export default defineConfig({
  main: {
    // Dependencies stay in node_modules (electron-vite's default `externalizeDeps`).
    build: {
      outDir: 'dist/main',
      rollupOptions: {
        input: {
          main: resolve(__dirname, 'electron/main.ts'),
          web: resolve(__dirname, 'electron/web.ts'),
          cli: resolve(__dirname, 'electron/cli.ts'),
          // The suggestion engine's thread, started by electron/suggestion-engine.ts from beside the entries.
          'suggestion-worker': resolve(__dirname, 'electron/suggestion-worker.ts'),
          // An export's rendering thread, started by electron/export-rendering.ts the same way.
          'export-worker': resolve(__dirname, 'electron/export-worker.ts'),
          // An import's writing thread, started by electron/import-staging.ts the same way.
          'staging-worker': resolve(__dirname, 'electron/staging-worker.ts'),
        },
        output: { format: 'es', entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot require() from node_modules: bundle its dependencies.
      externalizeDeps: false,
      outDir: 'dist/preload',
      rollupOptions: {
        input: { preload: resolve(__dirname, 'electron/preload.ts') },
        // A sandboxed preload cannot be an ES module.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'dist/renderer'),
      // electron-vite leaves the renderer unminified; a third of the bytes is a third less to
      // load and compile before the first paint.
      minify: true,
      rollupOptions: { input: resolve(__dirname, 'renderer/index.html') },
    },
  },
});
