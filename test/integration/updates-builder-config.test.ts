import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Configuration } from 'app-builder-lib';
import { DebugLogger } from 'builder-util';

/**
 * The packaging configuration, checked the way electron-builder checks it (its own loader and its
 * own schema validation) plus what issue #11 asks of it. Packaging itself needs the Electron
 * binary and cannot run here; this is what can be proven without it.
 */
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);
const builderConfig = require('app-builder-lib/out/util/config/config.js') as {
  getConfig(projectDir: string, configPath: string | null, fromOptions: null): Promise<Configuration>;
  validateConfiguration(config: Configuration, logger: DebugLogger): Promise<void>;
};
const validate = (config: Configuration) => builderConfig.validateConfiguration(config, new DebugLogger(false));
const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
};

/** `files` as patterns (electron-builder's loader turns the list into `[{ filter: [...] }]`). */
const filePatterns = (config: Configuration) =>
  ([config.files ?? []].flat() as (string | { filter?: string | string[] })[]).flatMap((entry) =>
    typeof entry === 'string' ? [entry] : [entry.filter ?? []].flat(),
  );

const targetsOf = (target: unknown) =>
  (Array.isArray(target) ? target : [target]).map((t) => (typeof t === 'string' ? { target: t } : t)) as {
    target: string;
    arch?: string[];
  }[];

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer) {
  expect(bytes.subarray(1, 4).toString()).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** The packages the main process loads at run time: its non-type imports of bare names (not node:, not electron). */
function mainProcessPackages(): Set<string> {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'testing') walk(path);
      } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
        const source = readFileSync(path, 'utf8');
        for (const match of source.matchAll(/^import\s+(?!type\b)[^;]*?from\s+'([^'.][^']*)'/gms)) {
          const specifier = match[1]!;
          if (specifier.startsWith('node:') || specifier === 'electron') continue;
          const name = specifier.startsWith('@')
            ? specifier.split('/').slice(0, 2).join('/')
            : specifier.split('/')[0]!;
          found.add(name);
        }
      }
    }
  };
  walk(join(repoRoot, 'electron/main'));
  return found;
}

/** A package and every package it depends on, each resolved from its dependent (as Node will at run time). */
function dependencyClosure(name: string, from = repoRoot, seen = new Set<string>(), names = new Set<string>()) {
  let manifest: string;
  try {
    manifest = require.resolve(`${name}/package.json`, { paths: [from] });
  } catch {
    return names; // an optional dependency that is not installed
  }
  names.add(name);
  if (seen.has(manifest)) return names;
  seen.add(manifest);
  const deps = (JSON.parse(readFileSync(manifest, 'utf8')) as { dependencies?: Record<string, string> }).dependencies;
  for (const dep of Object.keys(deps ?? {})) dependencyClosure(dep, dirname(manifest), seen, names);
  return names;
}

describe('the electron-builder configuration', () => {
  let config: Configuration;

  beforeAll(async () => {
    config = await builderConfig.getConfig(repoRoot, join(repoRoot, 'electron-builder.config.cjs'), null);
  });

  it('passes electron-builder’s own schema validation — which a wrong option fails', async () => {
    await expect(validate(config)).resolves.toBeUndefined();
    await expect(validate({ ...config, nsis: { ...config.nsis, perMachne: false } as never })).rejects.toThrow(
      /Invalid configuration object/,
    );
    await expect(validate({ ...config, electronFuses: { runAsNod: false } as never })).rejects.toThrow(
      /Invalid configuration object/,
    );
  });

  it('names the app and packs only the built app into an ASAR archive', () => {
    expect(config.appId).toBe('kz.kindergarten.intake-desk');
    expect(config.productName).toBe('Kindergarten Intake Desk');
    expect(config.asar).toBe(true);
    expect(filePatterns(config)).toEqual(expect.arrayContaining(['out/**', 'package.json']));
    expect(config.directories).toMatchObject({ output: 'dist', buildResources: 'build' });
  });

  it('builds a per-user Windows x64 NSIS installer that never asks for administrator rights', () => {
    expect(targetsOf(config.win?.target)).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowElevation: false,
      shortcutName: 'Приём в детский сад',
    });
    expect(config.nsis?.uninstallDisplayName).toMatch(/Приём в детский сад.*Kindergarten Intake Desk/);
    expect(config.win?.icon).toBe('build/icon.ico');
  });

  it('builds a Linux x64 AppImage and deb with a menu entry in Russian, Kazakh and English', () => {
    expect(targetsOf(config.linux?.target).map((t) => [t.target, t.arch])).toEqual([
      ['AppImage', ['x64']],
      ['deb', ['x64']],
    ]);
    expect(config.linux?.category).toBe('Office');
    expect(config.linux?.maintainer).toMatch(/<.+@.+>/);
    expect(config.linux?.desktop?.entry).toMatchObject({
      Name: 'Kindergarten Intake Desk',
      'Name[ru]': 'Приём в детский сад',
      'Name[kk]': 'Балабақшаға қабылдау',
    });
    expect(config.deb?.packageName).toBe('kindergarten-intake-desk');
  });

  it('flips the Electron fuses: no RunAsNode, encrypted cookies, ASAR integrity, app only from ASAR', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
    });
  });

  it('publishes to the generic feed the central server hosts at /updates/', () => {
    const publish = Array.isArray(config.publish) ? config.publish : [config.publish];
    expect(publish[0]).toMatchObject({ provider: 'generic', url: expect.stringMatching(/\/updates\/$/) });
  });

  it('names no certificate and no publisher in the repository (signing comes from the environment)', () => {
    const source = readFileSync(join(repoRoot, 'electron-builder.config.cjs'), 'utf8');
    expect(source).not.toMatch(/certificateFile|certificatePassword|cscKeyPassword\s*:/);
    expect(config.win?.signtoolOptions).not.toHaveProperty('publisherName');
    const committed = readdirSync(join(repoRoot, 'build'));
    expect(committed.filter((name) => /\.(pfx|p12|pem|key|cer)$/i.test(name))).toEqual([]);
  });

  it('packs every package the main process loads at run time, with all it depends on — and nothing of the server', () => {
    const patterns = filePatterns(config);
    expect(patterns).toContain('!node_modules/**');
    const packed = new Set(
      patterns.flatMap((p) => /^node_modules\/(?:.*\/node_modules\/)?((?:@[^/]+\/)?[^/]+)\/\*\*$/.exec(p)?.[1] ?? []),
    );
    const runtime = mainProcessPackages();
    expect([...runtime].sort()).toEqual(['electron-updater', 'zod']);
    for (const name of runtime) {
      expect(pkg.dependencies, name).toHaveProperty(name);
      for (const needed of dependencyClosure(name)) expect(packed, `${name} needs ${needed}`).toContain(needed);
    }
    for (const unwanted of ['react', 'rxdb', 'fastify', '@electric-sql/pglite', 'pg', 'exceljs']) {
      expect(packed).not.toContain(unwanted);
    }
  });

  it('ships real icons: 256 and 512 pixel PNGs and a Windows .ico with a 256 pixel image', () => {
    expect(pngSize(readFileSync(join(repoRoot, 'build/icon.png')))).toEqual({ width: 512, height: 512 });
    for (const size of [16, 32, 48, 64, 128, 256, 512]) {
      expect(pngSize(readFileSync(join(repoRoot, `build/icons/${size}x${size}.png`)))).toEqual({
        width: size,
        height: size,
      });
    }
    const ico = readFileSync(join(repoRoot, 'build/icon.ico'));
    expect(ico.readUInt16LE(2)).toBe(1);
    const count = ico.readUInt16LE(4);
    const widths = Array.from({ length: count }, (_, i) => ico.readUInt8(6 + 16 * i) || 256);
    expect(widths).toEqual(expect.arrayContaining([16, 32, 48, 256]));
    for (let i = 0; i < count; i++) {
      const size = ico.readUInt32LE(6 + 16 * i + 8);
      const offset = ico.readUInt32LE(6 + 16 * i + 12);
      expect(pngSize(ico.subarray(offset, offset + size)).width).toBe(widths[i]);
    }
    expect(existsSync(join(repoRoot, 'build/make-icons.mjs'))).toBe(true);
  });
});
