import { DEFAULT_SERVER_URL, resolveServerUrl, serverUrlSchema } from './config.js';

describe('the configured server', () => {
  const warn = vi.fn();
  beforeEach(() => warn.mockClear());

  it('accepts https anywhere and plain http only on this computer', () => {
    expect(serverUrlSchema.parse('https://intake.almaty.kz/')).toBe('https://intake.almaty.kz');
    expect(serverUrlSchema.parse('https://intake.almaty.kz/desk/')).toBe('https://intake.almaty.kz/desk');
    expect(serverUrlSchema.parse('http://127.0.0.1:8787')).toBe('http://127.0.0.1:8787');
    expect(serverUrlSchema.parse('http://localhost:8787')).toBe('http://localhost:8787');
    expect(serverUrlSchema.parse('http://[::1]:8787')).toBe('http://[::1]:8787');
    for (const bad of [
      'http://192.168.1.10:8787',
      'http://intake.almaty.kz',
      'https://user:secret@intake.almaty.kz',
      'https://intake.almaty.kz/?token=1',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'intake.almaty.kz',
    ]) {
      expect(serverUrlSchema.safeParse(bad).success, bad).toBe(false);
    }
  });

  it('takes KG_SERVER_URL first, then the settings file, then the server on this PC', () => {
    const settings = { menuLanguage: 'ru' as const, serverUrl: 'https://from-settings.kz' };
    expect(resolveServerUrl({ KG_SERVER_URL: 'https://from-env.kz' }, settings, warn)).toEqual({
      serverUrl: 'https://from-env.kz',
      serverUrlSource: 'KG_SERVER_URL',
    });
    expect(resolveServerUrl({}, settings, warn)).toEqual({
      serverUrl: 'https://from-settings.kz',
      serverUrlSource: 'settings',
    });
    expect(resolveServerUrl({}, { menuLanguage: 'ru' }, warn)).toEqual({
      serverUrl: DEFAULT_SERVER_URL,
      serverUrlSource: 'default',
    });
    expect(warn).not.toHaveBeenCalled();
  });

  it('ignores an unsafe KG_SERVER_URL with a warning', () => {
    const result = resolveServerUrl({ KG_SERVER_URL: 'http://intake.almaty.kz' }, { menuLanguage: 'ru' }, warn);
    expect(result.serverUrlSource).toBe('default');
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('KG_SERVER_URL ignored'));
  });
});
