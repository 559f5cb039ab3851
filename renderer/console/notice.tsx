import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { SignedOut } from './api.js';

/** What the last action said: done, or why not (in the UI language). */
export type Notice = { kind: 'ok' | 'error'; text: string } | null;

/** The handler of a failed call: a session that ended signs out, anything else says the server cannot be reached. */
export function useGuard(onSignedOut: () => void, setNotice: (notice: Notice) => void) {
  const { t } = useTranslation();
  return useCallback(
    (error: unknown) => {
      if (error instanceof SignedOut) onSignedOut();
      else setNotice({ kind: 'error', text: t('console.signIn.failed') });
    },
    [onSignedOut, setNotice, t],
  );
}

export function NoticeLine({ notice }: { notice: Notice }) {
  if (!notice) return null;
  return (
    <p
      role={notice.kind === 'error' ? 'alert' : 'status'}
      className={notice.kind === 'error' ? 'console-error' : 'console-notice'}
    >
      {notice.text}
    </p>
  );
}
