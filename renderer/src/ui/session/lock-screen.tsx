import { Button, PasswordInput, Stack, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { checkUnlock } from '../../data/unlock.js';
import { useDesk } from '../desk-context.js';

/** After inactivity the desk locks; the signed-in person's password opens it again, offline too. */
export function LockScreen({ onUnlock }: { onUnlock(): void }) {
  const { t } = useTranslation();
  const { host, session, signOut } = useDesk();
  const [password, setPassword] = useState('');
  const [error, setError] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await checkUnlock(host, session.info.staff.id, password)) onUnlock();
    else setError(true);
  };
  return (
    <main className="sign-in">
      <form onSubmit={(e) => void submit(e)} aria-label={t('lock.title')}>
        <Stack>
          <Title order={2}>{t('lock.title')}</Title>
          <p>{t('lock.explain', { name: session.info.staff.fullName })}</p>
          <PasswordInput
            label={t('signIn.password')}
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={error ? t('lock.wrong') : undefined}
            autoFocus
          />
          <Button type="submit">{t('lock.unlock')}</Button>
          <Button variant="subtle" onClick={() => void signOut(false)}>
            {t('lock.otherUser')}
          </Button>
        </Stack>
      </form>
    </main>
  );
}
