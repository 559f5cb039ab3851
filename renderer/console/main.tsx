import '@mantine/core/styles.css';
import { Tabs } from '@mantine/core';
import { StrictMode, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { useTranslation } from 'react-i18next';
import { mayDepartment } from '../../shared/commands/department-commands.js';
import type { DepartmentSessionInfo } from '../../shared/department/auth.js';
import { Theme } from '../src/ui/theme.js';
import { consoleApi, storedSession } from './api.js';
import { Accounts } from './accounts.js';
import { Approvals } from './approvals.js';
import { Audit } from './audit.js';
import { CalendarTab } from './calendar.js';
import { Dashboard } from './dashboard.js';
import { QueueReportTab } from './queue-report.js';
import { ReportsTab } from './reports.js';
import { SettingsTab } from './settings.js';
import { initConsoleI18n } from './i18n/index.js';
import { ConsoleHeader } from './header.js';
import { ConsoleSignIn } from './sign-in.js';
import './console.css';

/**
 * The department's console: sign-in, then the city's schedule approval, dashboard, queue report,
 * calendar, reports, settings, accounts and audit log in tabs.
 */
function ConsoleApp() {
  const { t } = useTranslation();
  const [session, setSession] = useState<DepartmentSessionInfo | null>(storedSession);
  const [tab, setTab] = useState<string | null>('approvals');
  /** The kindergarten the dashboard opened the approvals for. */
  const [approvalsOf, setApprovalsOf] = useState<string | undefined>(undefined);
  const token = session?.token;
  const api = useMemo(() => (token ? consoleApi(token) : null), [token]);
  if (!session || !api) return <ConsoleSignIn onSignedIn={setSession} />;
  const signedOut = () => setSession(null);
  const role = session.account.role;
  return (
    <>
      <ConsoleHeader session={session} api={api} onSignedOut={signedOut} />
      <main>
        <Tabs value={tab} onChange={(value) => (setTab(value), setApprovalsOf(undefined))} keepMounted={false}>
          <Tabs.List mb="md">
            <Tabs.Tab value="approvals">{t('console.tabs.approvals')}</Tabs.Tab>
            <Tabs.Tab value="dashboard">{t('console.dashboard.tab')}</Tabs.Tab>
            <Tabs.Tab value="queue">{t('console.queue.tab')}</Tabs.Tab>
            <Tabs.Tab value="reports">{t('console.reports.tab')}</Tabs.Tab>
            <Tabs.Tab value="calendar">{t('console.calendar.tab')}</Tabs.Tab>
            <Tabs.Tab value="settings">{t('console.settings.tab')}</Tabs.Tab>
            <Tabs.Tab value="accounts">{t('console.tabs.accounts')}</Tabs.Tab>
            <Tabs.Tab value="audit">{t('console.tabs.audit')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="approvals">
            <Approvals key={approvalsOf ?? ''} api={api} onSignedOut={signedOut} kindergartenId={approvalsOf} />
          </Tabs.Panel>
          <Tabs.Panel value="dashboard">
            <Dashboard
              api={api}
              onSignedOut={signedOut}
              onOpenApprovals={(kindergartenId) => (setTab('approvals'), setApprovalsOf(kindergartenId))}
            />
          </Tabs.Panel>
          <Tabs.Panel value="queue">
            <QueueReportTab api={api} session={session} onSignedOut={signedOut} />
          </Tabs.Panel>
          <Tabs.Panel value="calendar">
            <CalendarTab api={api} canEdit={mayDepartment(role, 'calendarDay.set')} onSignedOut={signedOut} />
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
