import '@mantine/core/styles.css';
import { Tabs } from '@mantine/core';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { useTranslation } from 'react-i18next';
import type { DepartmentSessionInfo } from '../../shared/department/auth.js';
import { Theme } from '../src/ui/theme.js';
import { consoleApi, storedSession } from './api.js';
import { Accounts } from './accounts.js';
import { Approvals } from './approvals.js';
import { Audit } from './audit.js';
import { CalendarTab } from './calendar.js';
import { ReportsTab } from './reports.js';
import { SettingsTab } from './settings.js';
import { initConsoleI18n } from './i18n/index.js';
import { ConsoleHeader } from './header.js';
import { ConsoleSignIn } from './sign-in.js';
import './console.css';

/** The department's console: sign-in, then the city's schedule approval, calendar, reports, settings, accounts and audit log in tabs. */
function ConsoleApp() {
  const { t } = useTranslation();
  const [session, setSession] = useState<DepartmentSessionInfo | null>(storedSession);
  if (!session) return <ConsoleSignIn onSignedIn={setSession} />;
  const api = consoleApi(session.token);
  const signedOut = () => setSession(null);
  const role = session.account.role;
  return (
    <>
      <ConsoleHeader session={session} api={api} onSignedOut={signedOut} />
      <main>
        <Tabs defaultValue="approvals" keepMounted={false}>
          <Tabs.List mb="md">
            <Tabs.Tab value="approvals">{t('console.tabs.approvals')}</Tabs.Tab>
            <Tabs.Tab value="calendar">{t('console.calendar.tab')}</Tabs.Tab>
            <Tabs.Tab value="reports">{t('console.reports.tab')}</Tabs.Tab>
            <Tabs.Tab value="settings">{t('console.settings.tab')}</Tabs.Tab>
            <Tabs.Tab value="accounts">{t('console.tabs.accounts')}</Tabs.Tab>
            <Tabs.Tab value="audit">{t('console.tabs.audit')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="approvals">
            <Approvals api={api} onSignedOut={signedOut} />
          </Tabs.Panel>
          <Tabs.Panel value="calendar">
            <CalendarTab api={api} canEdit={role === 'admin'} onSignedOut={signedOut} />
          </Tabs.Panel>
          <Tabs.Panel value="reports">
            <ReportsTab api={api} onSignedOut={signedOut} />
          </Tabs.Panel>
          <Tabs.Panel value="settings">
            <SettingsTab api={api} onSignedOut={signedOut} />
          </Tabs.Panel>
          <Tabs.Panel value="accounts">
            <Accounts api={api} role={role} onSignedOut={signedOut} />
          </Tabs.Panel>
          <Tabs.Panel value="audit">
            <Audit api={api} onSignedOut={signedOut} />
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
