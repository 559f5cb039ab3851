import type { Session, WebContents } from 'electron';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://desk`;

/** The page's policy: scripts only from the app itself, network only to the configured server. */
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
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}

const ALLOWED_EXTERNAL = [/^https:\/\/([a-z0-9-]+\.)*egov\.kz\//, /^https:\/\/([a-z0-9-]+\.)*gov\.kz\//];

export function isAllowedExternalUrl(url: string): boolean {
  return ALLOWED_EXTERNAL.some((pattern) => pattern.test(url));
}

/** Denies every permission request (camera, notifications, geolocation…): the desk needs none. */
export function denyPermissions(session: Session): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** No navigation away from the app and no new windows; allow-listed https links open in the browser. */
export function lockNavigation(contents: WebContents, openExternal: (url: string) => void): void {
  contents.on('will-navigate', (event, url) => {
    if (!url.startsWith(APP_ORIGIN)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) openExternal(url);
    return { action: 'deny' };
  });
}
