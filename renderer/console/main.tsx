import '@mantine/core/styles.css';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { DepartmentSessionInfo } from '../../shared/department/auth.js';
import { Theme } from '../src/ui/theme.js';
import { consoleApi, storedSession } from './api.js';
import { Approvals } from './approvals.js';
import { initConsoleI18n } from './i18n/index.js';
import { ConsoleHeader } from './header.js';
import { ConsoleSignIn } from './sign-in.js';
import './console.css';

/** The department's console: sign-in, then schedule approval for the session's city. */
function ConsoleApp() {
  const [session, setSession] = useState<DepartmentSessionInfo | null>(storedSession);
  if (!session) return <ConsoleSignIn onSignedIn={setSession} />;
  const api = consoleApi(session.token);
  return (
    <>
      <ConsoleHeader session={session} api={api} onSignedOut={() => setSession(null)} />
      <main>
        <Approvals api={api} onSignedOut={() => setSession(null)} />
      </main>
    </>
  );
}

void initConsoleI18n().then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <Theme>
        <ConsoleApp />
      </Theme>
    </StrictMode>,
  ),
);
