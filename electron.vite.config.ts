import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { parentPagePlugin } from './tools/build/parent-page-plugin';
import { shellWorkerPlugin } from './tools/build/shell-worker-plugin';

/**
 * Builds out/main (ESM-free CommonJS for Electron's main), out/preload (one CommonJS bundle with
 * its dependencies: a sandboxed preload cannot require), out/renderer (the staff app, which
 * the central server also serves in browser mode) and, after it, out/parent (the parent page the
 * central server serves at /parent/, from renderer/parent/).
 */
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      externalizeDeps: true,
      rollupOptions: {
        input: resolve(__dirname, 'electron/main/index.ts'),
        output: { format: 'cjs', entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: true,
      rollupOptions: {
        input: resolve(__dirname, 'electron/preload/index.ts'),
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    base: './',
    // Browser mode's service worker (sw.js): the desk's app shell for a reload while offline.
    plugins: [
      react(),
      shellWorkerPlugin(resolve(__dirname, 'renderer/src/shell/shell-worker.ts')),
      parentPagePlugin(resolve(__dirname, 'renderer/parent'), resolve(__dirname, 'out/parent')),
    ],
    define: { 'import.meta.env.VITE_APP_VERSION': JSON.stringify(process.env.npm_package_version ?? 'dev') },
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      emptyOutDir: true,
      // The department's console (renderer/console/) is a second page: the server serves it at /console/.
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'renderer/index.html'),
          console: resolve(__dirname, 'renderer/console/index.html'),
        },
      },
    },
  },
});
