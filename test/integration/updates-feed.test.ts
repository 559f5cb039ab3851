import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { HttpError, type UpdateInfo } from 'builder-util-runtime';
import type { AppUpdater } from 'electron-updater';
import { GenericProvider } from 'electron-updater/out/providers/GenericProvider.js';
import type { ProviderRuntimeOptions } from 'electron-updater/out/providers/Provider.js';
import { compareVersions, publishUpdate, updateInfoYaml } from '../../server/updates/publish-release.js';
import { openTestDatabase, type TestDatabase } from '../support/databases.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const sha512 = (bytes: Buffer) => createHash('sha512').update(bytes).digest('base64');

/**
 * electron-updater's own generic provider (its parser and file resolution, no Electron needed),
 * reading the feed of the real server over HTTP — what an office PC does before downloading.
 */
function officePc(baseUrl: string, platform: 'win32' | 'linux') {
  const executor = {
    request: async (options: { protocol?: string; hostname?: string; port?: number | string; path?: string }) => {
      const response = await fetch(`${options.protocol}//${options.hostname}:${options.port}${options.path}`);
      if (!response.ok) throw new HttpError(response.status);
      return response.text();
    },
  };
  const updater = { channel: null, isAddNoCacheQuery: false } as unknown as AppUpdater;
  const runtime = { platform, executor, isUseMultipleRangeRequest: true } as unknown as ProviderRuntimeOptions;
  return new GenericProvider({ provider: 'generic', url: baseUrl }, updater, runtime);
}

describe('the update feed the central server hosts', () => {
  let database: TestDatabase;
  let server: TestServer;
  let work: string;
  let feed: string;
  const previousUpdatesDir = process.env.UPDATES_DIR;
  const installer = randomBytes(300_000);
  const appImage = randomBytes(200_000);
  const deb = randomBytes(100_000);

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'kg-updates-'));
    feed = join(work, 'feed');
    process.env.UPDATES_DIR = feed;
    database = await openTestDatabase('pglite');
    server = await startTestServer(database.db);
  });
  afterAll(async () => {
    if (previousUpdatesDir === undefined) delete process.env.UPDATES_DIR;
    else process.env.UPDATES_DIR = previousUpdatesDir;
    await server?.close();
    await database?.drop();
    rmSync(work, { recursive: true, force: true });
  });

  function writeArtifacts(version: string) {
    const dist = join(work, `dist-${version}`);
    rmSync(dist, { recursive: true, force: true });
    const files = {
      exe: join(dist, `kindergarten-intake-desk-${version}-setup-x64.exe`),
      appImage: join(dist, `kindergarten-intake-desk-${version}-x86_64.AppImage`),
      deb: join(dist, `kindergarten-intake-desk_${version}_amd64.deb`),
    };
    mkdirSync(dist, { recursive: true });
    for (const [path, bytes] of [
      [files.exe, installer],
      [files.appImage, appImage],
      [files.deb, deb],
    ] as const) {
      writeFileSync(path, bytes);
    }
    writeFileSync(`${files.exe}.blockmap`, 'blockmap');
    return { dist, files };
  }

  it('answers 404 (not the staff app) before anything is published', async () => {
    const response = await fetch(`${server.url}/updates/latest.yml`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'not_found' });
    await expect(officePc(`${server.url}/updates/`, 'win32').getLatestVersion()).rejects.toMatchObject({
      code: 'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND',
    });
  });

  it('serves a published version as electron-updater reads it: version, path, SHA-512 and size of the very bytes', async () => {
    const { dist } = writeArtifacts('1.2.0');
    // The real command line, as the department runs it.
    await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'scripts/publish-update.ts', '--from', dist, '--notes', 'Печать договоров'],
      { cwd: repoRoot, env: { ...process.env, UPDATES_DIR: feed } },
    );

    const raw = await fetch(`${server.url}/updates/latest.yml`);
    expect(raw.status).toBe(200);
    expect(raw.headers.get('cache-control')).toBe('no-cache');
    expect(raw.headers.get('content-type')).toMatch(/^text\/yaml/);

    for (const [platform, bytes, name] of [
      ['win32', installer, 'kindergarten-intake-desk-1.2.0-setup-x64.exe'],
      ['linux', appImage, 'kindergarten-intake-desk-1.2.0-x86_64.AppImage'],
    ] as const) {
      const provider = officePc(`${server.url}/updates/`, platform);
      const info: UpdateInfo = await provider.getLatestVersion();
      expect(info).toMatchObject({
        version: '1.2.0',
        path: name,
        sha512: sha512(bytes),
        releaseNotes: 'Печать договоров',
        files: [{ url: name, sha512: sha512(bytes), size: bytes.length }],
      });
      expect(Date.parse(info.releaseDate)).not.toBeNaN();
      const [file] = provider.resolveFiles(info);
      expect(file!.url.href).toBe(`${server.url}/updates/${name}`);
      const download = Buffer.from(await (await fetch(file!.url)).arrayBuffer());
      expect(download.length).toBe(bytes.length);
      expect(sha512(download)).toBe(info.sha512);
    }
    // Byte ranges, for the differential download (with the .blockmap beside the installer).
    const part = await fetch(`${server.url}/updates/kindergarten-intake-desk-1.2.0-setup-x64.exe`, {
      headers: { range: 'bytes=10-19' },
    });
    expect(part.status).toBe(206);
    expect(Buffer.from(await part.arrayBuffer())).toEqual(installer.subarray(10, 20));
    expect(
      await (await fetch(`${server.url}/updates/kindergarten-intake-desk-1.2.0-setup-x64.exe.blockmap`)).text(),
    ).toBe('blockmap');
    // The .deb is there for administrators; it has no channel file (apt updates it).
    expect((await fetch(`${server.url}/updates/kindergarten-intake-desk_1.2.0_amd64.deb`)).status).toBe(200);
  });

  it('serves only plain file names from the feed folder', async () => {
    writeFileSync(join(feed, '.secret'), 'no');
    for (const path of ['.secret', '..%2Fpackage.json', '%2E%2E/package.json', 'a/b.yml', '']) {
      const response = await fetch(`${server.url}/updates/${path}`);
      expect(response.status, path).toBe(404);
      expect(await response.text()).not.toContain('<html');
    }
  });

  it('replaces the feed with a newer version and refuses to go back without --allow-downgrade', async () => {
    const newer = writeArtifacts('1.3.0');
    const result = await publishUpdate({ dir: feed, artifacts: [newer.files.exe] });
    expect(result.channels.windows?.version).toBe('1.3.0');
    const info = await officePc(`${server.url}/updates/`, 'win32').getLatestVersion();
    expect(info.version).toBe('1.3.0');
    // The AppImage channel was not in this publication: it still offers 1.2.0.
    expect((await officePc(`${server.url}/updates/`, 'linux').getLatestVersion()).version).toBe('1.2.0');

    const older = writeArtifacts('1.1.0');
    await expect(publishUpdate({ dir: feed, artifacts: [older.files.exe] })).rejects.toThrow(/already offers 1\.3\.0/);
    expect(readFileSync(join(feed, 'latest.yml'), 'utf8')).toContain("version: '1.3.0'");
    await publishUpdate({ dir: feed, artifacts: [older.files.exe], allowDowngrade: true });
    expect((await officePc(`${server.url}/updates/`, 'win32').getLatestVersion()).version).toBe('1.1.0');
  });

  it('refuses what it cannot publish, and changes nothing', async () => {
    const before = readFileSync(join(feed, 'latest.yml'), 'utf8');
    writeFileSync(join(work, 'notes.txt'), 'x');
    await expect(publishUpdate({ dir: feed, artifacts: [join(work, 'notes.txt')] })).rejects.toThrow(
      /Not an installer/,
    );
    writeFileSync(join(work, 'setup.exe'), 'x');
    await expect(publishUpdate({ dir: feed, artifacts: [join(work, 'setup.exe')] })).rejects.toThrow(/--version/);
    await expect(publishUpdate({ dir: feed, artifacts: [join(work, 'missing-1.0.0.exe')] })).rejects.toThrow(
      /No such file/,
    );
    expect(readFileSync(join(feed, 'latest.yml'), 'utf8')).toBe(before);
  });

  it('writes YAML that quotes every string (a version like 1.10 stays a string)', () => {
    const yaml = updateInfoYaml({
      version: '1.10.0',
      files: [{ url: "it's.exe", sha512: 'abc==', size: 3 }],
      path: "it's.exe",
      sha512: 'abc==',
      releaseDate: '2026-06-01T00:00:00.000Z',
    });
    expect(yaml).toContain("version: '1.10.0'");
    expect(yaml).toContain("url: 'it''s.exe'");
    expect(compareVersions('1.10.0', '1.9.9')).toBe(1);
    expect(compareVersions('1.2.0-beta.1', '1.2.0')).toBe(-1);
    expect(compareVersions('1.2.0', '1.2.0')).toBe(0);
  });
});
