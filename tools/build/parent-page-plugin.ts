import { build, type Plugin } from 'vite';

/**
 * Builds the parent page (renderer/parent/: index.html, app.ts, its words and style) into its own
 * directory (out/parent/) when the staff app is built: the same `electron-vite build`, the same
 * Vite, no second command to remember. The files keep fixed names (index.html, app.js, style.css)
 * because the server serves that directory at /parent/ by name (server/http/routes/parent-page.ts),
 * whether or not it serves the staff app. No inline script (the page's CSP allows none) and no
 * module-preload polyfill (one script, nothing to preload).
 */
export function parentPagePlugin(root: string, outDir: string): Plugin {
  return {
    name: 'parent-page',
    apply: 'build',
    async closeBundle() {
      await build({
        configFile: false,
        root,
        base: './',
        logLevel: 'warn',
        build: {
          outDir,
          emptyOutDir: true,
          modulePreload: { polyfill: false },
          assetsInlineLimit: 0,
          rollupOptions: {
            output: {
              entryFileNames: 'app.js',
              chunkFileNames: '[name].js',
              assetFileNames: (asset) =>
                asset.names.some((n) => n.endsWith('.css')) ? 'style.css' : '[name][extname]',
            },
          },
        },
      });
    },
  };
}
