import { Notification } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { clearNotice, useNotice } from './feedback.js';

const SHOWN_MS = 6_000;

/** The short confirmation of the last action: what was recorded, and that it will be sent. */
export function ActionFeedback() {
  const { t } = useTranslation();
  const notice = useNotice();
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => clearNotice(notice.id), SHOWN_MS);
    return () => clearTimeout(timer);
  }, [notice]);
  if (!notice) return null;
  return (
    <Notification
      className="action-feedback"
      color={notice.message?.color ?? 'green'}
      role="status"
      data-testid="action-feedback"
      withCloseButton={false}
    >
      {notice.message?.text ?? t('desk.queued', { action: t(`commandKind.${notice.kind}`) })}
    </Notification>
  );
}
