import { Alert, List } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CalendarYearNotLoaded } from '../../../../shared/calendar/index.js';
import type { Verdict } from '../../../../shared/commands/rejection.js';
import { isEarlyBooking, windowClosesAt } from '../../../../shared/rules/index.js';
import { formatDate, formatInstant } from '../format.js';
import { useRules } from '../hooks/use-replica.js';
import { rejectionText } from '../sync/rejection-text.js';

/**
 * What publishing now would mean, from the shared rules and the replicated calendar: when the queue
 * window closes, when the seats open to all, whether it is early booking, and whether the rules allow it.
 */
export function PublishPreview({
  now,
  availableFrom,
  verdict,
}: {
  now: Date;
  availableFrom: string;
  verdict: Verdict | null;
}) {
  const { t, i18n } = useTranslation();
  const rules = useRules();
  if (!rules) return null;
  let closes: Date;
  try {
    closes = windowClosesAt(now, rules.settings, rules.calendar);
  } catch (error) {
    if (!(error instanceof CalendarYearNotLoaded)) throw error;
    // The window would run into a year the calendar does not hold: the server refuses it too.
    const refusal = rejectionText(t, { code: 'calendar_year_not_loaded', params: { year: error.year } });
    return (
      <Alert color="orange" title={t('publish.preview')} data-testid="publish-preview">
        {refusal}
      </Alert>
    );
  }
  const opensToAll = new Date(closes.getTime() + 1);
  const { length, unit } = rules.settings.queueWindow;
  return (
    <Alert
      color={verdict && !verdict.ok ? 'orange' : 'blue'}
      title={t('publish.preview')}
      data-testid="publish-preview"
    >
      <List size="sm">
        <List.Item data-testid="window-closes">
          {t('publish.windowCloses', {
            time: formatInstant(closes, i18n.language),
            window: t(`publish.windowLength.${unit}`, { count: length }),
          })}
        </List.Item>
        <List.Item data-testid="open-to-all">
          {t('publish.opensToAll', { time: formatInstant(opensToAll, i18n.language) })}
        </List.Item>
        {availableFrom && isEarlyBooking(availableFrom, now) && (
          <List.Item>{t('publish.earlyBooking', { date: formatDate(availableFrom, i18n.language) })}</List.Item>
        )}
        {verdict && !verdict.ok && (
          <List.Item data-testid="publish-problem">{rejectionText(t, verdict.rejection)}</List.Item>
        )}
      </List>
    </Alert>
  );
}
