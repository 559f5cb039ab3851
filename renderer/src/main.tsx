import '@mantine/core/styles.css';
import { StrictMode, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { shareReplay } from 'rxjs';
import type { HostApi } from '../../shared/host-api.js';
import { localDocumentsFor, openReplica, replicaName, wipeReplica } from './data/replica.js';
import { replicaSecret } from './data/replica-crypto.js';
import { startReplication } from './data/replication.js';
import { ruleContext$ } from './data/rule-context.js';
import { ServerClock } from './data/server-clock.js';
import { ReplicationApi } from './data/server-api.js';
import { defaultServerUrl, deviceId, forgetSession, loadSession, signIn, type StoredSession } from './data/session.js';
import { detectHost } from './host/index.js';
import { initI18n } from './i18n/index.js';
import { registerShellWorker } from './shell/shell-registration.js';
import { AppShell } from './ui/app-shell.js';
import { DeskContext, type Desk } from './ui/desk-context.js';
import { SignInScreen } from './ui/sign-in-screen.js';
import './ui/styles.css';
import { Theme } from './ui/theme.js';

/**
 * The composition root: the host, i18n, the session, the server clock and the replica are made
 * here, once, outside React; screens receive them through DeskContext.
 */
async function boot(root: Root, host: HostApi) {
  // Browser mode: keep the app shell for a reload while offline (the desktop app has it on disk).
  if (host.kind === 'browser') void registerShellWorker();
  await initI18n();
  const session = await loadSession(host);
  if (session) await showDesk(root, host, session);
  else await showSignIn(root, host);
}

const render = (root: Root, node: ReactNode) =>
  root.render(
    <StrictMode>
      <Theme>{node}</Theme>
    </StrictMode>,
  );

async function showSignIn(root: Root, host: HostApi, expired = false) {
  const info = await host.appInfo();
  render(
    root,
    <SignInScreen
      serverUrl={await defaultServerUrl(host)}
      configured={info.serverUrl === null ? null : { url: info.serverUrl, settingsFile: info.settingsFile ?? '' }}
      expired={expired}
      onSignIn={async (serverUrl, login, password) => {
        const session = await signIn(host, serverUrl, { login, password });
        await showDesk(root, host, session, true);
      }}
    />,
  );
}

async function showDesk(root: Root, host: HostApi, session: StoredSession, signedInNow = false) {
  const clock = new ServerClock();
  // A fresh sign-in answer tells the server's time; a kept session counts from the last known offset.
  if (signedInNow) clock.observe(session.info.serverTime);
  const secret = await replicaSecret(host);
  const db = await openReplica(await replicaName(session.serverUrl, session.info.kindergarten.id), { secret });
  const api = new ReplicationApi(session.serverUrl, session.info.token);
  const replication = startReplication(db, api, (serverTime) => clock.observe(serverTime), {
    localDocuments: localDocumentsFor(secret),
  });
  const desk: Desk = {
    host,
    session,
    deviceId: await deviceId(host),
    db,
    replication,
    clock,
    rules$: ruleContext$(db).pipe(shareReplay({ bufferSize: 1, refCount: false })),
    async signOut(wipe) {
      // Replication stops first: the server ends the stream at logout, and a stopped replica never
      // shows that end as "sign in again" while the sign-out is still under way.
      await replication.stop();
      await api.logout().catch(() => undefined);
      if (wipe) await wipeReplica(db);
      else await db.close();
      await forgetSession(host);
      await showSignIn(root, host);
    },
    async signInAgain() {
      // The token is dead: no logout call, no wipe. The replica (and its pending commands) stays
      // on this PC; signing in again as this kindergarten reopens it and pushes them.
      await replication.stop();
      await db.close();
      await forgetSession(host);
      await showSignIn(root, host, true);
    },
  };
  render(
    root,
    <DeskContext.Provider value={desk}>
      <AppShell />
    </DeskContext.Provider>,
  );
}

const container = document.getElementById('root');
if (!container) throw new Error('#root missing from index.html');
void boot(createRoot(container), detectHost());
