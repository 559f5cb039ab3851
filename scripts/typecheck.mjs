// Type-checks every layer with its own tsconfig (its own lib and types), in parallel.
import { spawn } from 'node:child_process';

const layers = ['shared', 'server', 'renderer', 'electron', 'preload', 'test'];
const results = await Promise.all(
  layers.map(
    (layer) =>
      new Promise((resolve) => {
        const child = spawn(
          process.execPath,
          ['node_modules/typescript/bin/tsc', '-p', `tsconfig.${layer}.json`, '--pretty'],
          { stdio: 'inherit' },
        );
        child.on('exit', (code) => resolve({ layer, code }));
      }),
  ),
);
const failed = results.filter((r) => r.code !== 0).map((r) => r.layer);
if (failed.length) {
  console.error(`Type errors in: ${failed.join(', ')}`);
  process.exit(1);
}
console.log(`Types OK: ${layers.join(', ')}`);
