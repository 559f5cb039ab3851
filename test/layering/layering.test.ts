import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { ESLint } from 'eslint';

const run = promisify(execFile);
const fixtures = 'test/layering/fixtures';

/** Compiles one layer's fixtures with that layer's compiler settings; returns "file: TSxxxx message" lines. */
async function compile(layer: 'shared' | 'renderer'): Promise<string[]> {
  const result = await run(process.execPath, [
    'node_modules/typescript/bin/tsc',
    '-p',
    `${fixtures}/tsconfig.${layer}.json`,
    '--pretty',
    'false',
  ]).catch((error: { stdout: string }) => ({ stdout: error.stdout }));
  return result.stdout.split('\n').filter((line) => line.includes('error TS'));
}

async function lintAs(layerPath: string, fixture: string): Promise<string[]> {
  const eslint = new ESLint();
  const [result] = await eslint.lintText(await readFile(`${fixtures}/${fixture}`, 'utf8'), { filePath: layerPath });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('layering', () => {
  describe('the compiler, with shared/’s settings', () => {
    let errors: string[];
    beforeAll(async () => {
      errors = await compile('shared');
    }, 60_000);
    const errorsIn = (file: string) => errors.filter((e) => e.includes(`shared/${file}(`));

    it('refuses electron in shared/', () => {
      expect(errorsIn('imports-electron.ts')).toEqual([
        expect.stringContaining(`error TS2305: Module '"electron"' has no exported member 'app'.`),
      ]);
    });
    it('refuses React in shared/', () => {
      expect(errorsIn('imports-react.ts')).toEqual([
        expect.stringContaining(`error TS2305: Module '"react"' has no exported member 'useState'.`),
      ]);
    });
    it('refuses the RxDB runtime in shared/', () => {
      expect(errorsIn('imports-rxdb.ts')).toEqual([
        expect.stringContaining(`error TS2305: Module '"rxdb"' has no exported member 'createRxDatabase'.`),
      ]);
    });
    it('refuses Node modules in shared/', () => {
      expect(errorsIn('imports-node.ts')).toEqual([
        expect.stringMatching(/error TS2591: Cannot find name 'node:fs'|error TS2307: Cannot find module 'node:fs'/),
      ]);
    });
    it('refuses DOM globals in shared/', () => {
      expect(errorsIn('uses-dom.ts')).toEqual([expect.stringContaining(`error TS2584: Cannot find name 'document'.`)]);
    });
    it('refuses Node globals in shared/', () => {
      expect(errorsIn('uses-node-globals.ts')).toEqual([
        expect.stringMatching(/error TS25(80|91): Cannot find name 'process'\./),
      ]);
    });
  });

  describe('the compiler, with renderer/’s settings', () => {
    let errors: string[];
    beforeAll(async () => {
      errors = await compile('renderer');
    }, 60_000);

    it('refuses an import of server/ into renderer/', () => {
      const mine = errors.filter((e) => e.includes('renderer/imports-server.ts('));
      expect(mine).toEqual([
        expect.stringMatching(
          /error TS6307: File '.*\/server\/server\.ts' is not listed within the file list of project/,
        ),
      ]);
    });
    it('refuses electron in renderer/', () => {
      const mine = errors.filter((e) => e.includes('renderer/imports-electron.ts('));
      expect(mine).toEqual([
        expect.stringContaining(`error TS2305: Module '"electron"' has no exported member 'ipcRenderer'.`),
      ]);
    });
  });

  describe('the lint rule', () => {
    it('names electron, React, RxDB and Node in shared/ as restricted', async () => {
      expect(await lintAs('shared/fixture.ts', 'shared/imports-electron.ts')).toEqual([
        expect.stringMatching(/^no-restricted-imports: 'electron' import is restricted/),
      ]);
      expect(await lintAs('shared/fixture.ts', 'shared/imports-react.ts')).toEqual([
        expect.stringMatching(/^no-restricted-imports: 'react' import is restricted/),
      ]);
      expect(await lintAs('shared/fixture.ts', 'shared/imports-rxdb.ts')).toEqual([
        expect.stringMatching(/^no-restricted-imports: 'rxdb' import is restricted/),
      ]);
      expect(await lintAs('shared/fixture.ts', 'shared/imports-node.ts')).toEqual([
        expect.stringMatching(/^no-restricted-imports: 'node:fs' import is restricted.*Node APIs belong/),
      ]);
    });
    it('names server/ in renderer/ as restricted', async () => {
      expect(await lintAs('renderer/src/fixture.ts', 'renderer/imports-server.ts')).toEqual([
        expect.stringMatching(
          /^no-restricted-imports: '..\/..\/..\/..\/server\/server.js' import is restricted .* renderer\/ imports shared\/ only/,
        ),
      ]);
    });
    it('names server/ in the parent page (renderer/parent/, a page the server serves) as restricted', async () => {
      expect(await lintAs('renderer/parent/fixture.ts', 'renderer/imports-server.ts')).toEqual([
        expect.stringMatching(/^no-restricted-imports: .* import is restricted .* renderer\/ imports shared\/ only/),
      ]);
    });
  });
});
