import { StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { HostApi } from '../../shared/host-api.js';
import { openReplica, replicaName } from './data/replica.js';
import { startReplication } from './data/replication.js';
import { ReplicationApi } from './data/server-api.js';
import { defaultServerUrl, deviceId, forgetSession, loadSession, signIn, type StoredSession } from './data/session.js';
import { detectHost } from './host/index.js';
import { initI18n } from './i18n/index.js';
import { AppShell } from './ui/app-shell.js';
import { DeskContext, type Desk } from './ui/desk-context.js';
import { SignInScreen } from './ui/sign-in-screen.js';
import './ui/styles.css';

/**
 * The composition root: the host, i18n, the session and the replica are made here, once,
 * outside React; screens receive them through DeskContext.
 */
async function boot(root: Root, host: HostApi) {
  await initI18n();
  const session = await loadSession(host);
  if (session) await showDesk(root, host, session);
  else await showSignIn(root, host);
}

async function showSignIn(root: Root, host: HostApi) {
  const info = await host.appInfo();
  root.render(
    <StrictMode>
      <SignInScreen
        defaultServerUrl={await defaultServerUrl(host)}
        serverEditable={info.serverUrl !== null}
        onSignIn={async (serverUrl, login, password) => {
          const session = await signIn(host, serverUrl, { login, password });
          await showDesk(root, host, session);
        }}
      />
    </StrictMode>,
  );
}

async function showDesk(root: Root, host: HostApi, session: StoredSession) {
  const db = await openReplica(await replicaName(session.serverUrl, session.info.kindergarten.id));
  const api = new ReplicationApi(session.serverUrl, session.info.token);
  const replication = startReplication(db, api);
  const desk: Desk = {
    host,
    session,
    deviceId: await deviceId(host),
    db,
    replication,
    async signOut() {
      await api.logout().catch(() => undefined);
      await replication.stop();
      await db.close();
      await forgetSession(host);
      await showSignIn(root, host);
    },
  };
  root.render(
    <StrictMode>
      <DeskContext.Provider value={desk}>
        <AppShell />
      </DeskContext.Provider>
    </StrictMode>,
  );
}

const container = document.getElementById('root');
if (!container) throw new Error('#root missing from index.html');
void boot(createRoot(container), detectHost());
