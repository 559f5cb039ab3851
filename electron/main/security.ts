import type { App, Session, Shell, WebContents } from 'electron';

export const APP_SCHEME = 'app';
export const APP_HOST = 'desk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** The page's policy: everything from the app itself; the network only to the configured server. */
export function contentSecurityPolicy(serverUrl: string): string {
  const server = new URL(serverUrl).origin;
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self' ${server}`,
    "object-src 'none'",
    "frame-src 'none'",
    "worker-src 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** The app's own pages: app://desk/… and nothing else (not app://other/, not a look-alike host). */
export function isAppUrl(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const parsed = new URL(url);
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
}

/** Government sites staff are sent to (eGov services), https only, on the standard port. */
const EXTERNAL_DOMAINS = ['egov.kz', 'gov.kz'];

export function isAllowedExternalUrl(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const { protocol, hostname, port, username, password } = new URL(url);
  if (protocol !== 'https:' || port || username || password) return false;
  return EXTERNAL_DOMAINS.some((domain) => hostname === domain || hostname.endsWith(`.${domain}`));
}

/** shell.openExternal, for allow-listed addresses only; anything else is dropped with a warning. */
export function openExternalSafely(shell: Pick<Shell, 'openExternal'>, url: string): boolean {
  if (!isAllowedExternalUrl(url)) {
    console.warn(`Refused to open an address outside the allow-list: ${url}`);
    return false;
  }
  void shell.openExternal(url);
  return true;
}

/** Denies every permission request and check (camera, notifications, geolocation…): the desk needs none. */
export function denyPermissions(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>) {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/**
 * No navigation away from the app, no webviews, no new windows: a link to an allow-listed https
 * address opens in the system browser instead; any other is dropped.
 */
export function lockNavigation(contents: GuardedContents, shell: Pick<Shell, 'openExternal'>): void {
  contents.on('will-navigate', (event, url) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    if (isAllowedExternalUrl(url)) openExternalSafely(shell, url);
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(shell, url);
    return { action: 'deny' };
  });
}

/** Applies the lock to every web contents the app ever creates, the main window's and any other. */
export function lockAllNavigation(app: Pick<App, 'on'>, shell: Pick<Shell, 'openExternal'>): void {
  app.on('web-contents-created', (_event, contents) => lockNavigation(contents, shell));
}
