import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ServerError } from '../data/server-api.js';
import { LanguageSwitch } from './language-switch.js';

interface Props {
  defaultServerUrl: string;
  /** Whether the server address can be changed (desktop), or is the page's own (browser). */
  serverEditable: boolean;
  /** The session expired (or was revoked): say so, and that the commands waiting are kept. */
  expired?: boolean;
  onSignIn(serverUrl: string, login: string, password: string): Promise<void>;
}

export function SignInScreen({ defaultServerUrl, serverEditable, expired = false, onSignIn }: Props) {
  const { t } = useTranslation();
  const [serverUrl, setServerUrl] = useState(defaultServerUrl);
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onSignIn(serverUrl.replace(/\/+$/, ''), login, password);
    } catch (e) {
      const code = e instanceof ServerError ? e.code : 'unknown';
      const known = ['invalid_credentials', 'network', 'rate_limited', 'server_busy', 'invalid_request'];
      // A locked account says for how long (whole minutes, at least one) and who can lift the lock.
      const minutes = Math.max(1, Math.ceil(((e instanceof ServerError && e.retryAfterSeconds) || 60) / 60));
      setError(
        code === 'account_locked'
          ? t('signIn.errors.account_locked', { minutes })
          : known.includes(code)
            ? t(`signIn.errors.${code}`)
            : t('signIn.errors.unknown', { message: e instanceof Error ? e.message : String(e) }),
      );
      setBusy(false);
    }
  };

  return (
    <main className="sign-in">
      <header className="sign-in__header">
        <h1>{t('app.title')}</h1>
        <p>{t('app.subtitle')}</p>
        <LanguageSwitch />
      </header>
      <form onSubmit={submit} aria-label={t('signIn.title')}>
        <h2>{t('signIn.title')}</h2>
        {expired && (
          <p role="status" className="sign-in__expired">
            {t('signIn.expired')}
          </p>
        )}
        {serverEditable && (
          <label>
            {t('signIn.server')}
            <input value={serverUrl} onChange={(e) => setServerUrl(e.target.value)} type="url" required />
          </label>
        )}
        <label>
          {t('signIn.login')}
          <input value={login} onChange={(e) => setLogin(e.target.value)} autoComplete="username" required autoFocus />
        </label>
        <label>
          {t('signIn.password')}
          <input
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            type="password"
            autoComplete="current-password"
            required
          />
        </label>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? t('signIn.busy') : t('signIn.submit')}
        </button>
      </form>
    </main>
  );
}
