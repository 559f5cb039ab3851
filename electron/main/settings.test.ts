import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultSettings, openSettings, readSettings } from './settings.js';

describe('the settings file', () => {
  let file: string;
  const warn = vi.fn();
  beforeEach(async () => {
    const userData = join(await mkdtemp(join(tmpdir(), 'kg-settings-')), 'user-data');
    file = join(userData, 'settings.json');
    await mkdir(userData);
    warn.mockClear();
  });

  it('gives the defaults on the first start', async () => {
    expect(await readSettings(file, warn)).toEqual(defaultSettings());
    expect(warn).not.toHaveBeenCalled();
  });

  it('gives the defaults, with a warning, when the file is not JSON or not an object', async () => {
    for (const corrupt of ['{"menuLanguage": "kk"', '[1, 2]', 'null', '']) {
      await writeFile(file, corrupt);
      expect(await readSettings(file, warn)).toEqual(defaultSettings());
    }
    expect(warn).toHaveBeenCalledTimes(4);
  });

  it('replaces only the invalid fields with their defaults', async () => {
    await writeFile(
      file,
      JSON.stringify({
        serverUrl: 'https://intake.almaty.kz',
        menuLanguage: 'de',
        window: { x: 10, y: 10, width: 50, height: 50, maximized: false },
        unknown: true,
      }),
    );
    expect(await readSettings(file, warn)).toEqual({ serverUrl: 'https://intake.almaty.kz', menuLanguage: 'ru' });
  });

  it('does not take a remote plain-http server from the file', async () => {
    await writeFile(file, JSON.stringify({ serverUrl: 'http://intake.almaty.kz', menuLanguage: 'en' }));
    expect((await readSettings(file, warn)).serverUrl).toBeUndefined();
  });

  it('writes every change in order, leaving no temporary files behind', async () => {
    await writeFile(file, '{}');
    const store = await openSettings(file, warn);
    void store.update({ menuLanguage: 'kk' });
    void store.update({ window: { x: 0, y: 0, width: 1000, height: 700, maximized: true } });
    await store.update({ menuLanguage: 'en' });
    await store.flush();
    expect(store.current().menuLanguage).toBe('en');
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
      menuLanguage: 'en',
      window: { x: 0, y: 0, width: 1000, height: 700, maximized: true },
    });
    expect(await readdir(join(file, '..'))).toEqual(['settings.json']);
    expect(await readSettings(file, warn)).toEqual(store.current());
  });
});
