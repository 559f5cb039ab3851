import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DepartmentSessionInfo } from '../../shared/department/auth.js';
import { LanguageSwitch } from '../src/ui/language-switch.js';
import type { ConsoleApi } from './api.js';

export function ConsoleHeader(props: { session: DepartmentSessionInfo; api: ConsoleApi; onSignedOut: () => void }) {
  const { t, i18n } = useTranslation();
  const city = i18n.language === 'kk' ? props.session.city.nameKk : props.session.city.nameRu;
  return (
    <header className="console-header">
      <strong>{t('console.title')}</strong>
      <span data-testid="console-whoami">{t('console.whoami', { name: props.session.account.fullName, city })}</span>
      <LanguageSwitch />
      <Button size="xs" variant="default" onClick={() => void props.api.signOut().then(props.onSignedOut)}>
        {t('console.signOut')}
      </Button>
    </header>
  );
}
