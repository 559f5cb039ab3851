import { useTranslation } from 'react-i18next';
import { useDesk } from './desk-context.js';
import { GroupsScreen } from './groups-screen.js';
import { LanguageSwitch } from './language-switch.js';
import { SyncStatusBar } from './sync-status-bar.js';

export function AppShell() {
  const { t, i18n } = useTranslation();
  const { session, signOut } = useDesk();
  const kindergarten = session.info.kindergarten;
  return (
    <div className="shell">
      <header className="shell__header">
        <div>
          <h1>{i18n.language === 'kk' ? kindergarten.nameKk : kindergarten.nameRu}</h1>
          <p>
            {session.info.staff.fullName} · {t('app.title')}
          </p>
        </div>
        <div className="shell__tools">
          <LanguageSwitch />
          <button type="button" onClick={() => void signOut()}>
            {t('signOut')}
          </button>
        </div>
      </header>
      <SyncStatusBar />
      <main className="shell__main">
        <GroupsScreen />
      </main>
    </div>
  );
}
