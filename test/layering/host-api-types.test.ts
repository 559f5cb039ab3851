import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import type { AppContext } from '../../electron/main/app-context.js';
import { registerHostApi, type HostServices } from '../../electron/main/host-handlers.js';
import { ipcChannels, type HostApi, type HostMethods, type TokenVault } from '../../shared/host-api.js';
import {
  hostApiMethods,
  tokenVaultMethods,
  type printOptionsSchema,
  type printResultSchema,
} from '../../shared/host-api-schemas.js';

/** The HostApi's types, all inferred from its zod schemas (issue 19, point 1). */
const HOME = 'shared/host-api.ts';
/** The production code: every layer, and the build's tools. */
const ROOTS = ['shared', 'server', 'renderer', 'electron', 'tools'];
/** Every type shared/host-api.ts exports. */
const HOST_TYPES = [
  'HostApi',
  'HostMethods',
  'TokenVault',
  'UiLanguage',
  'AppInfo',
  'UpdateStatus',
  'UpdateState',
  'PrinterInfo',
  'PrintOptions',
  'PrintResult',
  'PdfOptions',
  'SaveFileOptions',
  'SaveResult',
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** The source without its comments (a comment may show a signature). */
const code = (file: string) => readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');

describe('the HostApi’s types', () => {
  it('are each inferred from a zod schema, none written by hand', () => {
    const source = code(HOME);
    expect(source).not.toMatch(/\binterface\s/);
    const declared = [...source.matchAll(/export type (\w+)(?:<[^=]*>)? =\s*([^;]*);/g)].map(([, name, body]) => ({
      name,
      body,
    }));
    expect(declared.map((d) => d.name).sort()).toEqual([...HOST_TYPES].sort());
    for (const { name, body } of declared) {
      if (name === 'HostApi' || name === 'HostMethods') continue;
      expect({ name, body }).toEqual({
        name,
        body: expect.stringMatching(/^(z\.(infer|input|output)|HostMethods)<typeof \w+>$/),
      });
    }
    // One function type in the module: the one HostMethods derives every method with.
    expect(source.match(/=>|\)\s*:/g)).toEqual(['=>']);
    expect(
      source
        .match(/HostApi = \{([^}]*)\}/)?.[1]
        ?.replace(/\s+/g, ' ')
        .trim(),
    ).toBe('readonly kind: z.infer<typeof hostKindSchema>; vault: TokenVault;');
  });

  it('are declared nowhere else', () => {
    const declaration = new RegExp(`\\b(?:interface|type)\\s+(${HOST_TYPES.join('|')})\\b\\s*[<={]`, 'g');
    const found = ROOTS.flatMap(sourceFiles)
      .filter((file) => file.split('\\').join('/') !== HOME)
      .flatMap((file) => [...code(file).matchAll(declaration)].map((m) => `${file}: ${m[0]}`));
    expect(found).toEqual([]);
  });

  it('list the UI’s languages once', () => {
    const list = /(['"])ru\1,\s*(['"])kk\2,\s*(['"])en\3/g;
    const found = ROOTS.flatMap(sourceFiles).flatMap((file) =>
      [...code(file).matchAll(list)].map(() => file.split('\\').join('/')),
    );
    expect(found).toEqual([HOME]);
  });

  it('give every method its IPC channel', () => {
    const vaultChannels = Object.keys(tokenVaultMethods).map((m) => `vault${m[0]!.toUpperCase()}${m.slice(1)}`);
    expect(Object.keys(ipcChannels).sort()).toEqual([...Object.keys(hostApiMethods), ...vaultChannels].sort());
  });

  it('are checked in the main process by the method tables’ own argument schemas, and by no other', () => {
    // Registration only records each channel's handler: it reads neither the context nor the services.
    const registered = new Map<string, unknown>();
    registerHostApi({} as AppContext, (channel, args) => void registered.set(channel, args), {} as HostServices);
    const expected = new Map<string, unknown>([
      ...Object.entries(hostApiMethods).map(
        ([method, { args }]) => [ipcChannels[method as keyof typeof ipcChannels], args] as const,
      ),
      ...Object.entries(tokenVaultMethods).map(
        ([method, { args }]) =>
          [
            ipcChannels[`vault${method[0]!.toUpperCase()}${method.slice(1)}` as keyof typeof ipcChannels],
            args,
          ] as const,
      ),
    ]);
    expect([...registered.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [channel, args] of expected) expect(registered.get(channel), channel).toBe(args);

    // The handlers take their schemas from the tables only: no zod at run time, no schema of a payload.
    const handlers = code('electron/main/host-handlers.ts');
    expect(handlers).not.toMatch(/import\s+\{[^}]*\}\s+from\s+'zod'|import\s+\*\s+as\s+\w+\s+from\s+'zod'|\bz\.\w+\(/);
    expect(
      handlers
        .match(/import\s+\{([^}]*)\}\s+from\s+'[./]*shared\/host-api-schemas\.js'/)?.[1]
        ?.replace(/\s+/g, ' ')
        .trim(),
    ).toBe('hostApiMethods, tokenVaultMethods, type HostMethodSchemas');
    // Only the wrapper touches ipcMain; the preload passes each call's arguments on as they are.
    const electronFiles = sourceFiles('electron').map((file) => file.split('\\').join('/'));
    expect(electronFiles.filter((file) => /ipcMain\.handle\(/.test(code(file)))).toEqual(['electron/main/ipc.ts']);
    expect(code('electron/preload/index.ts').match(/ipcRenderer\.invoke\([^)]*\)/g)).toEqual([
      'ipcRenderer.invoke(channel, ...args)',
    ]);
    // No schema there beside the tables' (a payload's own shape, say): each one is used by a table, a type or a reader.
    const production = ROOTS.flatMap(sourceFiles).map(code).join('\n');
    const unused = [...code('shared/host-api-schemas.ts').matchAll(/export const (\w+Schema)\b/g)]
      .map(([, name]) => name!)
      .filter((name) => production.match(new RegExp(`\\b${name}\\b`, 'g'))!.length < 2);
    expect(unused).toEqual([]);
  });

  it('take the arguments’ input and answer the answer’s output (checked by the compiler)', () => {
    expectTypeOf<keyof HostApi>().toEqualTypeOf<'kind' | 'vault' | keyof typeof hostApiMethods>();
    expectTypeOf<keyof TokenVault>().toEqualTypeOf<keyof typeof tokenVaultMethods>();
    expectTypeOf<Omit<HostApi, 'kind' | 'vault'>>().toEqualTypeOf<HostMethods<typeof hostApiMethods>>();
    expectTypeOf<HostApi['print']>().toEqualTypeOf<
      (options: z.input<typeof printOptionsSchema>) => Promise<z.output<typeof printResultSchema>>
    >();
    // A default makes a field optional for the caller: the host receives it filled in.
    expectTypeOf<HostApi['print']>().parameter(0).toEqualTypeOf<{
      deviceName?: string | undefined;
      copies?: number | undefined;
      landscape?: boolean | undefined;
    }>();
    expectTypeOf<TokenVault['set']>().toEqualTypeOf<(key: string, value: string) => Promise<void>>();
    expectTypeOf<TokenVault['get']>().returns.toEqualTypeOf<Promise<string | null>>();
    expectTypeOf<HostApi['kind']>().toEqualTypeOf<'electron' | 'browser'>();
    expectTypeOf<Parameters<HostApi['saveFile']>[0]['data']>().toEqualTypeOf<string | Uint8Array>();
  });
});
