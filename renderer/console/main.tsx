import '@mantine/core/styles.css';
import { Tabs } from '@mantine/core';
import { StrictMode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createRoot } from 'react-dom/client';
import type { DepartmentSessionInfo } from '../../shared/department/auth.js';
import { Theme } from '../src/ui/theme.js';
import { consoleApi, storedSession } from './api.js';
import { Approvals } from './approvals.js';
import { CalendarTab } from './calendar.js';
import { SettingsTab } from './settings.js';
import { initConsoleI18n } from './i18n/index.js';
import { ConsoleHeader } from './header.js';
import { ConsoleSignIn } from './sign-in.js';
import './console.css';

/** The department's console: sign-in, then schedule approval for the session's city. */
function ConsoleApp() {
  const { t } = useTranslation();
  const [session, setSession] = useState<DepartmentSessionInfo | null>(storedSession);
  if (!session) return <ConsoleSignIn onSignedIn={setSession} />;
  const api = consoleApi(session.token);
  const signedOut = () => setSession(null);
  return (
    <>
      <ConsoleHeader session={session} api={api} onSignedOut={signedOut} />
      <main>
        <Tabs defaultValue="approvals" keepMounted={false}>
          <Tabs.List mb="md">
            <Tabs.Tab value="approvals">{t('console.approvals.title')}</Tabs.Tab>
            <Tabs.Tab value="calendar">{t('console.calendar.tab')}</Tabs.Tab>
            <Tabs.Tab value="settings">{t('console.settings.tab')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="approvals">
            <Approvals api={api} onSignedOut={signedOut} />
          </Tabs.Panel>
          <Tabs.Panel value="calendar">
            <CalendarTab api={api} canEdit={session.account.role === 'admin'} onSignedOut={signedOut} />
          </Tabs.Panel>
          <Tabs.Panel value="settings">
            <SettingsTab api={api} onSignedOut={signedOut} />
          </Tabs.Panel>
        </Tabs>
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
