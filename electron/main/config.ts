import { z } from 'zod';
import type { DeskSettings } from './settings.js';

export const DEFAULT_SERVER_URL = 'http://127.0.0.1:8787';
export type ServerUrlSource = 'KG_SERVER_URL' | 'settings' | 'default';

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The central server's address: https, or plain http to this PC only — a device token never
 * crosses a network in clear. No credentials, query or fragment; no trailing slash.
 */
export const serverUrlSchema = z
  .string()
  .max(500)
  .transform((value, ctx) => {
    const url = URL.canParse(value) ? new URL(value) : null;
    const secure = url?.protocol === 'https:' || (url?.protocol === 'http:' && loopbackHosts.has(url.hostname));
    if (!url || !secure || url.username || url.password || url.search || url.hash) {
      ctx.addIssue({ code: 'custom', message: 'expected an https:// address (http:// only for this computer)' });
      return z.NEVER;
    }
    return url.href.replace(/\/+$/, '');
  });

/** KG_SERVER_URL wins over the settings file, which wins over the default (a server on this PC). */
export function resolveServerUrl(
  env: Record<string, string | undefined>,
  settings: DeskSettings,
  warn: (message: string) => void,
): { serverUrl: string; serverUrlSource: ServerUrlSource } {
  const fromEnv = env.KG_SERVER_URL;
  if (fromEnv) {
    const parsed = serverUrlSchema.safeParse(fromEnv);
    if (parsed.success) return { serverUrl: parsed.data, serverUrlSource: 'KG_SERVER_URL' };
    warn(`KG_SERVER_URL ignored (${parsed.error.issues[0]?.message ?? 'invalid'}): ${fromEnv}`);
  }
  if (settings.serverUrl) return { serverUrl: settings.serverUrl, serverUrlSource: 'settings' };
  return { serverUrl: DEFAULT_SERVER_URL, serverUrlSource: 'default' };
}
