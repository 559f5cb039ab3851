import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ServerError } from '../data/server-api.js';
import { LanguageSwitch } from './language-switch.js';

/** The desktop's configured server: the page's CSP lets it reach this one address and no other. */
export interface ConfiguredServer {
  url: string;
  /** The settings file that holds it (KG_SERVER_URL overrides it). */
  settingsFile: string;
}

interface Props {
  /** The server the page signs in to: its own (browser) or the configured one (desktop). */
  serverUrl: string;
  /**
   * Desktop: the configured server, shown read-only with where to change it — a typed address
   * would be refused by the page's Content Security Policy, which allows only the configured one.
   */
  configured: ConfiguredServer | null;
  /** The session expired (or was revoked): say so, and that the commands waiting are kept. */
  expired?: boolean;
  onSignIn(serverUrl: string, login: string, password: string): Promise<void>;
}

export function SignInScreen({ serverUrl, configured, expired = false, onSignIn }: Props) {
  const { t } = useTranslation();
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
        {configured && (
          <div className="sign-in__server">
            <p>
              {t('signIn.server')}: <output aria-label={t('signIn.server')}>{configured.url}</output>
            </p>
            <p className="sign-in__server-hint">
              {t('signIn.serverHint', { file: configured.settingsFile, field: 'serverUrl', variable: 'KG_SERVER_URL' })}
            </p>
          </div>
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
