import { z } from 'zod';
import { sessionInfoSchema, type SessionInfo } from '../../../shared/auth.js';
import type { HostApi } from '../../../shared/host-api.js';
import { login } from './server-api.js';
import { forgetUnlock, rememberUnlock } from './unlock.js';

const storedSessionSchema = z.object({ serverUrl: z.string(), info: sessionInfoSchema });
export type StoredSession = z.infer<typeof storedSessionSchema>;

const SESSION_KEY = 'session';
const DEVICE_KEY = 'device-id';

/** This PC's device id, made once and kept in the vault. */
export async function deviceId(host: HostApi): Promise<string> {
  const existing = await host.vault.get(DEVICE_KEY);
  if (existing) return existing;
  const id = crypto.randomUUID();
  await host.vault.set(DEVICE_KEY, id);
  return id;
}

/** The server this app talks to: the configured one (desktop) or the one that served the page (browser). */
export async function defaultServerUrl(host: HostApi): Promise<string> {
  const info = await host.appInfo();
  return info.serverUrl ?? window.location.origin;
}

export async function loadSession(host: HostApi): Promise<StoredSession | null> {
  const raw = await host.vault.get(SESSION_KEY);
  if (!raw) return null;
  const parsed = storedSessionSchema.safeParse(JSON.parse(raw));
  return parsed.success ? parsed.data : null;
}

export async function signIn(host: HostApi, serverUrl: string, credentials: { login: string; password: string }) {
  const info: SessionInfo = await login(serverUrl, {
    ...credentials,
    deviceId: await deviceId(host),
    deviceName: navigator.userAgent.slice(0, 200),
  });
  const session: StoredSession = { serverUrl, info };
  await host.vault.set(SESSION_KEY, JSON.stringify(session));
  await rememberUnlock(host, info.staff.id, credentials.password);
  return session;
}

export async function forgetSession(host: HostApi): Promise<void> {
  await host.vault.delete(SESSION_KEY);
  await forgetUnlock(host);
}
