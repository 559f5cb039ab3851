import { Badge, Button, Tabs } from '@mantine/core';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { lockAfterMs } from '../data/unlock.js';
import { ClaimsBoard } from './claims/claims-board.js';
import { ChildrenScreen } from './children/children-screen.js';
import { DashboardScreen } from './dashboard/dashboard-screen.js';
import { useDesk } from './desk-context.js';
import { useInactivity } from './hooks/use-inactivity.js';
import { GroupsScreen } from './groups/groups-screen.js';
import { LanguageSwitch } from './language-switch.js';
import { DocumentsScreen, preloadPrinting } from './print/documents-screen.js';
import { NavigationContext, screens, type Navigation, type Screen } from './navigation.js';
import { PublicationsScreen } from './publications/publications-screen.js';
import { ActionFeedback } from './refusals/action-feedback.js';
import { ScheduleScreen } from './schedule/schedule-screen.js';
import { FirstSync } from './session/first-sync.js';
import { LockScreen } from './session/lock-screen.js';
import { SignOutDialog } from './session/sign-out-dialog.js';
import { OfflineBanner } from './sync/offline-banner.js';
import { SyncStatusBar } from './sync/sync-status-bar.js';
import { UpdateOffer } from './sync/update-offer.js';
import { useNewClaims } from './today/use-new-claims.js';

const panels: Record<Screen, () => React.JSX.Element> = {
  dashboard: DashboardScreen,
  groups: GroupsScreen,
  schedule: ScheduleScreen,
  publications: PublicationsScreen,
  claims: ClaimsBoard,
  children: ChildrenScreen,
  documents: DocumentsScreen,
};

export function AppShell() {
  const { t, i18n } = useTranslation();
  const { session } = useDesk();
  const [screen, setScreen] = useState<Screen>('dashboard');
  const [focus, setFocus] = useState('');
  const [row, setRow] = useState('');
  const newClaims = useNewClaims();
  const [signingOut, setSigningOut] = useState(false);
  const [locked, setLocked] = useState(false);
  useEffect(preloadPrinting, []);
  useInactivity(
    lockAfterMs(),
    useCallback(() => setLocked(true), []),
  );
  const navigation = useMemo<Navigation>(
    () => ({
      screen,
      focus,
      row,
      go: (next, nextFocus = '', nextRow = '') => (setScreen(next), setFocus(nextFocus), setRow(nextRow)),
    }),
    [screen, focus, row],
  );
  const kindergarten = session.info.kindergarten;
  if (locked) return <LockScreen onUnlock={() => setLocked(false)} />;
  const Panel = panels[screen];
  return (
    <NavigationContext.Provider value={navigation}>
      <div className="shell">
        <header className="shell__header">
          <div>
            <h1>{i18n.language === 'kk' ? kindergarten.nameKk : kindergarten.nameRu}</h1>
            <p>
              {session.info.staff.fullName} · {t(`role.${session.info.staff.role}`)} · {t('app.title')}
            </p>
          </div>
          <div className="shell__tools">
            <LanguageSwitch />
            <Button variant="default" onClick={() => setLocked(true)}>
              {t('lock.lockNow')}
            </Button>
            <Button variant="default" onClick={() => setSigningOut(true)}>
              {t('signOut')}
            </Button>
          </div>
        </header>
        <SyncStatusBar />
        <OfflineBanner />
        <UpdateOffer />
        <FirstSync />
        <Tabs value={screen} onChange={(value) => navigation.go((value as Screen) ?? 'dashboard')}>
          <Tabs.List aria-label={t('nav.label')}>
            {screens.map((s) => (
              <Tabs.Tab
                key={s}
                value={s}
                rightSection={
                  s === 'claims' && newClaims > 0 ? (
                    <Badge
                      size="sm"
                      circle={newClaims < 10}
                      aria-label={t('today.newClaimsCount', { count: newClaims })}
                    >
                      {newClaims}
                    </Badge>
                  ) : undefined
                }
                data-testid={`tab-${s}`}
              >
                {t(`nav.${s}`)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
        </Tabs>
        <main className="shell__main">
          <Panel key={`${screen}:${focus}:${row}`} />
        </main>
        <ActionFeedback />
        <SignOutDialog opened={signingOut} onClose={() => setSigningOut(false)} />
      </div>
    </NavigationContext.Provider>
  );
}
