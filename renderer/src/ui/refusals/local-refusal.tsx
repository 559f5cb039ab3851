import { Alert } from '@mantine/core';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Rejection, Verdict } from '../../../../shared/commands/rejection.js';
import { rejectionText } from '../sync/rejection-text.js';

/**
 * A dialog's own check before it queues a command: the verdict of the same shared rule the server
 * decides with. A refusal is kept to show in the dialog; the caller queues nothing.
 */
export function useLocalRefusal() {
  const [refusal, setRefusal] = useState<Rejection | null>(null);
  /** True when every verdict allows; otherwise the first refusal is shown and the caller must stop. */
  const allows = useCallback((...verdicts: Verdict[]) => {
    const refused = verdicts.find((v) => !v.ok);
    setRefusal(refused && !refused.ok ? refused.rejection : null);
    return !refused;
  }, []);
  return { refusal, allows };
}

/** The reason a dialog did not queue its command, in the UI language, dates in the city's format. */
export function LocalRefusal({ refusal }: { refusal: Rejection | null }) {
  const { t } = useTranslation();
  if (!refusal) return null;
  return (
    <Alert color="red" title={t('desk.notSent')} role="alert" data-testid="local-refusal">
      {rejectionText(t, refusal)} {t(`desk.hint.${refusal.code}`, { defaultValue: '' })}
    </Alert>
  );
}
