import '@mantine/core/styles.css';
import { Button } from '@mantine/core';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { useTranslation } from 'react-i18next';
import type { DepartmentSessionInfo } from '../../shared/department/auth.js';
import { Theme } from '../src/ui/theme.js';
import { consoleApi, storedSession } from './api.js';
import { Accounts } from './accounts.js';
import { Approvals } from './approvals.js';
import { Audit } from './audit.js';
import { initConsoleI18n } from './i18n/index.js';
import { ConsoleHeader } from './header.js';
import { ConsoleSignIn } from './sign-in.js';
import './console.css';

const consoleTabs = ['approvals', 'accounts', 'audit'] as const;
type ConsoleTab = (typeof consoleTabs)[number];

function ConsoleTabs(props: { tab: ConsoleTab; onTab: (tab: ConsoleTab) => void }) {
  const { t } = useTranslation();
  return (
    <nav className="console-tabs" role="tablist">
      {consoleTabs.map((tab) => (
        <Button
          key={tab}
          role="tab"
          aria-selected={props.tab === tab}
          variant={props.tab === tab ? 'filled' : 'subtle'}
          onClick={() => props.onTab(tab)}
        >
          {t(`console.tabs.${tab}`)}
        </Button>
      ))}
    </nav>
  );
}

/** The department's console: sign-in, then the city's schedule approval, accounts and audit log in tabs. */
function ConsoleApp() {
  const [session, setSession] = useState<DepartmentSessionInfo | null>(storedSession);
  const [tab, setTab] = useState<ConsoleTab>('approvals');
  if (!session) return <ConsoleSignIn onSignedIn={setSession} />;
  const api = consoleApi(session.token);
  const signedOut = () => setSession(null);
  return (
    <>
      <ConsoleHeader session={session} api={api} onSignedOut={signedOut} />
      <ConsoleTabs tab={tab} onTab={setTab} />
      <main>
        {tab === 'approvals' && <Approvals api={api} onSignedOut={signedOut} />}
        {tab === 'accounts' && <Accounts api={api} role={session.account.role} onSignedOut={signedOut} />}
        {tab === 'audit' && <Audit api={api} onSignedOut={signedOut} />}
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
