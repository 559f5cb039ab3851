import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DepartmentSessionInfo } from '../../shared/department/auth.js';
import { uiLanguages, type UiLanguage } from '../src/i18n/index.js';
import type { ConsoleApi } from './api.js';
import { setConsoleLanguage } from './i18n/index.js';

export function LanguageChoice() {
  const { t, i18n } = useTranslation();
  return (
    <label className="console-language">
      {t('language.label')}{' '}
      <select value={i18n.language} onChange={(e) => void setConsoleLanguage(e.target.value as UiLanguage)}>
        {uiLanguages.map((lng) => (
          <option key={lng} value={lng}>
            {t(`language.${lng}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

export function ConsoleHeader(props: { session: DepartmentSessionInfo; api: ConsoleApi; onSignedOut: () => void }) {
  const { t, i18n } = useTranslation();
  const city = i18n.language === 'kk' ? props.session.city.nameKk : props.session.city.nameRu;
  return (
    <header className="console-header">
      <strong>{t('console.title')}</strong>
      <span data-testid="console-whoami">{t('console.whoami', { name: props.session.account.fullName, city })}</span>
      <LanguageChoice />
      <Button size="xs" variant="default" onClick={() => void props.api.signOut().then(props.onSignedOut)}>
        {t('console.signOut')}
      </Button>
    </header>
  );
}
