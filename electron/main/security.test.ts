import type { App, WebContents } from 'electron';
import {
  APP_ORIGIN,
  contentSecurityPolicy,
  denyPermissions,
  isAllowedExternalUrl,
  isAppUrl,
  lockAllNavigation,
  lockNavigation,
} from './security.js';
import { FakeApp, FakeWebContents, fakeSession } from './testing/fake-electron.js';

describe('the desktop shell’s security policy', () => {
  it('lets the page connect only to itself and the configured server', () => {
    const csp = contentSecurityPolicy('https://kindergarten.example.kz/some/path');
    expect(csp).toContain("connect-src 'self' https://kindergarten.example.kz;");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-src 'none'");
    expect(csp).not.toMatch(/unsafe-eval|unsafe-inline|\*/);
  });

  it('follows the configured server, port included', () => {
    expect(contentSecurityPolicy('http://127.0.0.1:9911')).toContain("connect-src 'self' http://127.0.0.1:9911;");
  });

  it('opens externally only allow-listed https addresses', () => {
    expect(isAllowedExternalUrl('https://egov.kz/cms/ru')).toBe(true);
    expect(isAllowedExternalUrl('https://www.gov.kz/memleket')).toBe(true);
    expect(isAllowedExternalUrl('https://EGOV.KZ/')).toBe(true);
    expect(isAllowedExternalUrl('http://egov.kz/')).toBe(false);
    expect(isAllowedExternalUrl('https://egov.kz.evil.example/')).toBe(false);
    expect(isAllowedExternalUrl('https://notegov.kz/')).toBe(false);
    expect(isAllowedExternalUrl('https://egov.kz@evil.example/')).toBe(false);
    expect(isAllowedExternalUrl('https://user@egov.kz/')).toBe(false);
    expect(isAllowedExternalUrl('https://egov.kz:8443/')).toBe(false);
    expect(isAllowedExternalUrl('file:///etc/passwd')).toBe(false);
    expect(isAllowedExternalUrl('javascript:alert(1)')).toBe(false);
    expect(isAllowedExternalUrl('not a url')).toBe(false);
  });

  it('serves the app from its own app://desk origin and recognises only that', () => {
    expect(APP_ORIGIN).toBe('app://desk');
    expect(isAppUrl('app://desk/index.html')).toBe(true);
    expect(isAppUrl('app://desk.evil/index.html')).toBe(false);
    expect(isAppUrl('app://other/index.html')).toBe(false);
    expect(isAppUrl('http://desk/index.html')).toBe(false);
  });

  it('denies every permission request and check', () => {
    const session = fakeSession();
    denyPermissions(session);
    const answers: boolean[] = [];
    for (const permission of ['media', 'notifications', 'geolocation', 'openExternal']) {
      session.requestHandler?.({}, permission, (granted) => answers.push(granted));
    }
    expect(answers).toEqual([false, false, false, false]);
    expect(session.checkHandler?.({}, 'clipboard-read', 'app://desk', {})).toBe(false);
  });
});

describe('navigation from the desk', () => {
  const shell = { openExternal: vi.fn(async () => undefined) };
  let contents: FakeWebContents;
  beforeEach(() => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    shell.openExternal.mockClear();
    contents = new FakeWebContents();
    lockNavigation(contents as unknown as WebContents, shell);
  });

  it('stays within the app', () => {
    expect(contents.navigate('will-navigate', 'app://desk/index.html')).toBe(false);
    expect(contents.navigate('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.navigate('will-navigate', 'http://127.0.0.1:8787/')).toBe(true);
    expect(contents.navigate('will-redirect', 'https://evil.example/')).toBe(true);
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it('sends a link to an allow-listed site to the system browser instead of navigating', () => {
    expect(contents.navigate('will-navigate', 'https://egov.kz/cms/ru')).toBe(true);
    expect(shell.openExternal).toHaveBeenCalledWith('https://egov.kz/cms/ru');
  });

  it('refuses webviews', () => {
    expect(contents.navigate('will-attach-webview')).toBe(true);
  });

  it('denies window.open, opening only allow-listed https addresses externally', () => {
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'app://desk/index.html' })).toEqual({ action: 'deny' });
    expect(shell.openExternal).not.toHaveBeenCalled();
    expect(console.warn).toHaveBeenCalledWith(
      'Refused to open an address outside the allow-list: https://evil.example/',
    );
    expect(contents.windowOpenHandler?.({ url: 'https://www.gov.kz/' })).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledWith('https://www.gov.kz/');
  });

  it('locks every web contents the app creates, not only the main window’s', () => {
    const app = new FakeApp('/tmp');
    lockAllNavigation(app as unknown as App, shell);
    const later = new FakeWebContents();
    app.emit('web-contents-created', {}, later);
    expect(later.navigate('will-navigate', 'https://evil.example/')).toBe(true);
    expect(later.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });
});
