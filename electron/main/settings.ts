import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { uiLanguageSchema } from '../../shared/host-api-schemas.js';
import { serverUrlSchema } from './config.js';
import { windowStateSchema } from './window-state.js';

/**
 * userData/settings.json. Each field falls back to its default on its own, so one bad value
 * (edited by hand, written by an older version) never loses the others.
 */
export const settingsSchema = z.object({
  serverUrl: serverUrlSchema.optional().catch(undefined),
  menuLanguage: uiLanguageSchema.catch('ru'),
  window: windowStateSchema.optional().catch(undefined),
});
export type DeskSettings = z.output<typeof settingsSchema>;

export const defaultSettings = (): DeskSettings => ({ menuLanguage: 'ru' });

export interface SettingsStore {
  current(): DeskSettings;
  /** Applies the change at once and writes the file; writes never interleave. */
  update(change: Partial<DeskSettings>): Promise<void>;
  /** Resolves once every write begun so far has finished (or failed). */
  flush(): Promise<void>;
}

export async function readSettings(file: string, warn: (message: string) => void): Promise<DeskSettings> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return defaultSettings(); // first start
  }
  try {
    const parsed = settingsSchema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
  } catch {
    // not JSON: handled below
  }
  warn(`${file} is unreadable; using the default settings (the file is rewritten on the next change)`);
  return defaultSettings();
}

/** Written to a temporary file and renamed over the old one, so a crash never leaves half a file. */
export async function writeSettings(file: string, settings: DeskSettings): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temporary = `${file}.${randomUUID()}.tmp`;
  try {
    await writeFile(temporary, `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600 });
    await rename(temporary, file);
  } finally {
    await rm(temporary, { force: true });
  }
}

export async function openSettings(file: string, warn: (message: string) => void): Promise<SettingsStore> {
  let settings = await readSettings(file, warn);
  let writing: Promise<void> = Promise.resolve();
  return {
    current: () => settings,
    update(change) {
      settings = settingsSchema.parse({ ...settings, ...change });
      const snapshot = settings;
      writing = writing.catch(() => undefined).then(() => writeSettings(file, snapshot));
      return writing;
    },
    flush: () => writing.catch(() => undefined),
  };
}
