import { createHash } from 'node:crypto';
import type { Plugin, Rollup } from 'vite';

/** The placeholder shell-worker.ts reads its manifest from; replaced in sw.js by this plugin. */
const MANIFEST_PLACEHOLDER = '__DESK_SHELL_MANIFEST__';
/** The build id in the desk's page, read by tests and by whoever asks which build a PC runs. */
const BUILD_META = 'desk-build';

/**
 * Builds the browser-mode service worker: `worker` (renderer/src/shell/shell-worker.ts) becomes
 * `sw.js` at the root of the renderer build, with the desk page's files (index.html and every file
 * reachable from its entry, lazy ones included; not the console's) and a build id written into it.
 * The same id goes into index.html as `<meta name="desk-build">`.
 */
export function shellWorkerPlugin(worker: string, page = 'index.html'): Plugin {
  return {
    name: 'desk-shell-worker',
    apply: 'build',
    enforce: 'post',
    buildStart() {
      this.emitFile({ type: 'chunk', id: worker, fileName: 'sw.js' });
    },
    generateBundle(_options, bundle) {
      const sw = bundle['sw.js'];
      const html = bundle[page];
      if (sw?.type !== 'chunk' || html?.type !== 'asset') throw new Error(`sw.js or ${page} missing from the build`);
      if (sw.imports.length > 0) throw new Error(`sw.js must stand alone; it imports ${sw.imports.join(', ')}`);
      const entry = Object.values(bundle).find(
        (file): file is Rollup.OutputChunk => file.type === 'chunk' && file.isEntry && file.name === 'index',
      );
      if (!entry) throw new Error('the desk entry chunk (index) is missing from the build');
      const files = [page, ...reachableFiles(entry, bundle)].sort();
      const build = createHash('sha256')
        .update(files.join('\n'))
        .update(String(html.source))
        .digest('hex')
        .slice(0, 12);
      if (sw.code.split(MANIFEST_PLACEHOLDER).length !== 2)
        throw new Error(`sw.js must read ${MANIFEST_PLACEHOLDER} once`);
      sw.code = sw.code.replace(MANIFEST_PLACEHOLDER, JSON.stringify({ build, files }));
      const source = String(html.source);
      if (!source.includes('</head>')) throw new Error(`${page} has no </head>`);
      html.source = source.replace('</head>', `  <meta name="${BUILD_META}" content="${build}" />\n  </head>`);
    },
  };
}

/** The chunk's file and everything it loads: static and lazy imports, their CSS and assets. */
function reachableFiles(entry: Rollup.OutputChunk, bundle: Rollup.OutputBundle): Set<string> {
  const seen = new Set<string>();
  const visit = (fileName: string) => {
    if (seen.has(fileName)) return;
    seen.add(fileName);
    const file = bundle[fileName];
    if (file?.type !== 'chunk') return;
    for (const next of [...file.imports, ...file.dynamicImports]) visit(next);
    for (const css of file.viteMetadata?.importedCss ?? []) visit(css);
    for (const asset of file.viteMetadata?.importedAssets ?? []) visit(asset);
  };
  visit(entry.fileName);
  return seen;
}
