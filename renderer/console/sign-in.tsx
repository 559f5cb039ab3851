import { Button, PasswordInput, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DepartmentSessionInfo } from '../../shared/department/auth.js';
import { signIn } from './api.js';
import { LanguageSwitch } from '../src/ui/language-switch.js';

export function ConsoleSignIn({ onSignedIn }: { onSignedIn: (session: DepartmentSessionInfo) => void }) {
  const { t } = useTranslation();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <main className="console-sign-in">
      <LanguageSwitch />
      <Title order={1}>{t('console.signIn.title')}</Title>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setBusy(true);
          void signIn(login, password).then((result) => {
            setBusy(false);
            if (result.ok) return onSignedIn(result.session);
            setError(
              result.error === 'locked'
                ? t('console.signIn.locked', { seconds: result.seconds })
                : t(`console.signIn.${result.error}`),
            );
          });
        }}
      >
        <TextInput
          label={t('console.signIn.login')}
          value={login}
          onChange={(e) => setLogin(e.currentTarget.value)}
          required
        />
        <PasswordInput
          label={t('console.signIn.password')}
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          required
        />
        {error && (
          <p role="alert" className="console-error">
            {error}
          </p>
        )}
        <Button type="submit" loading={busy}>
          {t('console.signIn.submit')}
        </Button>
      </form>
    </main>
  );
}
