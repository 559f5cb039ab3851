// Publishes a desktop-app version to the central server's update feed (server/http/routes/updates.ts):
//
//   npm run publish-update -- dist/kindergarten-intake-desk-1.2.0-setup-x64.exe \
//       dist/kindergarten-intake-desk-1.2.0-x86_64.AppImage dist/kindergarten-intake-desk_1.2.0_amd64.deb
//   npm run publish-update -- --from dist            (every installer of one version found in dist/)
//
// Options: --version X.Y.Z (else read from the file names), --dir <feed folder> (else UPDATES_DIR,
// else .data/updates), --notes "text" (release notes the app may show), --allow-downgrade.
// Copies the installers (and their .blockmap files, for differential downloads) into the feed
// folder, then writes latest.yml (Windows, NSIS) and latest-linux.yml (AppImage) with each file's
// SHA-512 (base64) and size computed from the copied bytes — the channel files last, each
// replaced atomically, so an office PC never reads a feed naming a file that is not there yet.
// The .deb is copied for administrators to download; Debian packages update through apt.
// The running server serves the new version at once (no restart).
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, readdir, rename, stat, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { updatesDirFromEnv } from '../http/routes/updates.js';

export type FeedKind = 'windows' | 'appimage' | 'deb';

/** The channel file electron-updater's generic provider reads for each self-updating kind. */
export const channelFiles = { windows: 'latest.yml', appimage: 'latest-linux.yml' } as const;

export interface FeedFile {
  url: string;
  sha512: string;
  size: number;
}

export interface UpdateInfo {
  version: string;
  files: FeedFile[];
  path: string;
  sha512: string;
  releaseDate: string;
  releaseNotes?: string;
}

export interface PublishOptions {
  /** The feed folder the server serves at /updates/. */
  dir: string;
  artifacts: readonly string[];
  /** Read from the artifacts' names when absent. */
  version?: string;
  releaseNotes?: string;
  releaseDate?: Date;
  allowDowngrade?: boolean;
}

export interface PublishResult {
  version: string;
  /** Channel file name → what it now says. */
  channels: Partial<Record<keyof typeof channelFiles, UpdateInfo>>;
  copied: string[];
}

/** The version in an installer's name (electron-builder.config.cjs: `…-1.2.0-setup-x64.exe`, `…_1.2.0-rc.1_amd64.deb`). */
const VERSION_IN_NAME = /[-_](\d+\.\d+\.\d+(?:-(?:alpha|beta|rc)[0-9A-Za-z.]*)?)(?=[-_.])/;

export function kindOf(file: string): FeedKind | null {
  const name = file.toLowerCase();
  if (name.endsWith('.exe') && !name.includes('uninstall')) return 'windows';
  if (name.endsWith('.appimage')) return 'appimage';
  if (name.endsWith('.deb')) return 'deb';
  return null;
}

/** base64 of the file's SHA-512, as electron-updater checks a download. */
export async function sha512Of(file: string): Promise<string> {
  const hash = createHash('sha512');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('base64');
}

/** Compares x.y.z versions (a pre-release sorts before its release). */
export function compareVersions(a: string, b: string): number {
  const parse = (v: string) => {
    const [core = '', pre = ''] = v.split('-', 2);
    return { nums: core.split('.').map(Number), pre };
  };
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < 3; i++) {
    const d = (x.nums[i] ?? 0) - (y.nums[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  if (x.pre === y.pre) return 0;
  if (!x.pre) return 1;
  if (!y.pre) return -1;
  return x.pre < y.pre ? -1 : 1;
}

const quote = (value: string) => `'${value.replaceAll("'", "''")}'`;

/** The channel file, in the YAML electron-builder itself writes (every string quoted). */
export function updateInfoYaml(info: UpdateInfo): string {
  const lines = [`version: ${quote(info.version)}`, 'files:'];
  for (const file of info.files) {
    lines.push(`  - url: ${quote(file.url)}`, `    sha512: ${quote(file.sha512)}`, `    size: ${file.size}`);
  }
  lines.push(`path: ${quote(info.path)}`, `sha512: ${quote(info.sha512)}`, `releaseDate: ${quote(info.releaseDate)}`);
  if (info.releaseNotes) lines.push(`releaseNotes: ${quote(info.releaseNotes)}`);
  return `${lines.join('\n')}\n`;
}

/** The version a channel file names now, if there is one. */
async function publishedVersion(file: string): Promise<string | null> {
  if (!existsSync(file)) return null;
  const match = /^version:\s*'?([^'\n]+)'?\s*$/m.exec(await readFile(file, 'utf8'));
  return match?.[1] ?? null;
}

async function copyAtomically(from: string, to: string): Promise<void> {
  const temporary = `${to}.part`;
  await copyFile(from, temporary);
  await rename(temporary, to);
}

export async function publishUpdate(options: PublishOptions): Promise<PublishResult> {
  if (options.artifacts.length === 0) throw new Error('No installers given.');
  const artifacts = options.artifacts.map((file) => resolve(file));
  for (const file of artifacts) {
    if (!kindOf(file)) throw new Error(`Not an installer this feed publishes (.exe, .AppImage, .deb): ${file}`);
    if (!(await stat(file).catch(() => null))?.isFile()) throw new Error(`No such file: ${file}`);
  }
  const versions = new Set(artifacts.map((file) => VERSION_IN_NAME.exec(basename(file))?.[1]));
  const version = options.version ?? (versions.size === 1 ? [...versions][0] : undefined);
  if (!version || !/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.]+)?$/.test(version)) {
    throw new Error('Give the version (--version X.Y.Z): the file names do not name one version.');
  }
  const kinds = artifacts.map((file) => kindOf(file)!);
  for (const kind of ['windows', 'appimage', 'deb'] as const) {
    if (kinds.filter((k) => k === kind).length > 1) throw new Error(`More than one ${kind} installer given.`);
  }

  await mkdir(options.dir, { recursive: true });
  const result: PublishResult = { version, channels: {}, copied: [] };
  for (const kind of ['windows', 'appimage'] as const) {
    const current = await publishedVersion(join(options.dir, channelFiles[kind]));
    if (kinds.includes(kind) && current && compareVersions(version, current) < 0 && !options.allowDowngrade) {
      throw new Error(`${channelFiles[kind]} already offers ${current}, newer than ${version} (--allow-downgrade).`);
    }
  }

  // The files first, the channel files that name them last.
  for (const file of artifacts) {
    await copyAtomically(file, join(options.dir, basename(file)));
    result.copied.push(basename(file));
    if (existsSync(`${file}.blockmap`)) {
      await copyAtomically(`${file}.blockmap`, join(options.dir, `${basename(file)}.blockmap`));
      result.copied.push(`${basename(file)}.blockmap`);
    }
  }
  const releaseDate = (options.releaseDate ?? new Date()).toISOString();
  for (const [index, file] of artifacts.entries()) {
    const kind = kinds[index]!;
    if (kind === 'deb') continue;
    const published = join(options.dir, basename(file));
    const entry: FeedFile = {
      url: basename(file),
      sha512: await sha512Of(published),
      size: (await stat(published)).size,
    };
    const info: UpdateInfo = {
      version,
      files: [entry],
      path: entry.url,
      sha512: entry.sha512,
      releaseDate,
      ...(options.releaseNotes ? { releaseNotes: options.releaseNotes } : {}),
    };
    const channel = join(options.dir, channelFiles[kind]);
    await writeFile(`${channel}.part`, updateInfoYaml(info));
    await rename(`${channel}.part`, channel);
    result.channels[kind] = info;
  }
  return result;
}

/** The installers in a folder (electron-builder's dist/), of the given version only when one is given. */
export async function installersIn(folder: string, version?: string): Promise<string[]> {
  const names = (await readdir(folder)).filter(
    (name) => kindOf(name) && (!version || VERSION_IN_NAME.exec(name)?.[1] === version),
  );
  return names.map((name) => join(folder, name));
}

function parseArgs(argv: readonly string[]) {
  const options: Omit<PublishOptions, 'artifacts' | 'dir'> & { dir?: string; from?: string } = {};
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === '--version') options.version = value();
    else if (arg === '--dir') options.dir = value();
    else if (arg === '--from') options.from = value();
    else if (arg === '--notes') options.releaseNotes = value();
    else if (arg === '--allow-downgrade') options.allowDowngrade = true;
    else if (arg.startsWith('--')) throw new Error(`Unknown option ${arg}`);
    else files.push(arg);
  }
  return { options, files };
}

export async function main(argv: readonly string[], env: Record<string, string | undefined>): Promise<number> {
  try {
    const { options, files } = parseArgs(argv);
    const artifacts = options.from ? [...files, ...(await installersIn(options.from, options.version))] : files;
    const dir = options.dir ? resolve(options.dir) : updatesDirFromEnv(env);
    const result = await publishUpdate({ ...options, dir, artifacts });
    console.log(`Published ${result.version} to ${dir}: ${result.copied.join(', ')}`);
    for (const [kind, info] of Object.entries(result.channels)) {
      console.log(`  ${channelFiles[kind as keyof typeof channelFiles]} → ${info.path} (${info.files[0]!.size} bytes)`);
    }
    return 0;
  } catch (error) {
    console.error(`publish-update: ${error instanceof Error ? error.message : String(error)}`);
    console.error(
      'Usage: npm run publish-update -- [--version X.Y.Z] [--dir <feed folder>] [--notes <text>] (--from dist | <installer>...)',
    );
    return 1;
  }
}
