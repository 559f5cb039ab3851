import { Alert, Timeline, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Enrollment, Referral } from '../../../../shared/domain/index.js';
import { statusAt } from '../claims/referral-view.js';
import { formatDate, formatInstant } from '../format.js';
import { objectIdOf } from '../hooks/use-pending.js';
import { useList } from '../hooks/use-replica.js';
import { useServerNow } from '../hooks/use-server-now.js';
import { rejectionText } from '../sync/rejection-text.js';

type Event = { at: string; title: string; detail?: string };

/** A child's full history: claim, contract, enrollment, departure or closing — automatic ones explained. */
export function ChildHistory({ referral, enrollment }: { referral: Referral | null; enrollment: Enrollment | null }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const now = useServerNow();
  const enrollments = useList('enrollments');
  const departures = useList('departures');
  const commands = [...useList('pending'), ...useList('rejected')];
  const child = enrollment ?? enrollments.find((e) => e.referralId === referral?.id) ?? null;
  const departure = departures.find((d) => d.id === child?.departureId);
  const events: Event[] = [];
  if (referral) {
    events.push({
      at: formatInstant(referral.claimedAt, lang),
      title: t('history.claimed', { number: referral.number }),
      detail: t(`claimPhase.${referral.claimedInPhase}`),
    });
    if (referral.contractConcludedAt)
      events.push({
        at: formatInstant(referral.contractConcludedAt, lang),
        title: t('history.contract'),
        detail: t(`contractBy.${referral.contractConcludedBy ?? 'parent'}`),
      });
  }
  if (child) {
    events.push({
      at: formatDate(child.enrolledOn, lang),
      title: t('history.enrolled'),
      detail: t('history.order', { number: child.orderNumber, date: formatDate(child.orderDate, lang) }),
    });
  }
  const status = referral ? statusAt(referral, now) : null;
  if (referral && status && ['refused', 'declined', 'expired', 'terminated'].includes(status)) {
    events.push({
      at: referral.closedAt ? formatInstant(referral.closedAt, lang) : formatInstant(referral.contractDeadline, lang),
      title: t(`referralStatus.${status}`),
      detail: referral.closeReason
        ? t(`closeReason.${referral.closeReason}`, { defaultValue: referral.closeReason })
        : undefined,
    });
  }
  if (child?.departedOn)
    events.push({
      at: formatDate(child.departedOn, lang),
      title: t('history.departed'),
      detail: departure ? t(`departureKind.${departure.kind}`) : undefined,
    });
  const ids = new Set([referral?.id, child?.id].filter(Boolean));
  const mine = commands.filter((c) => ids.has(objectIdOf(c) ?? ''));
  const blocked = referral?.closeReason === 'account_blocked' || departure?.kind === 'account_blocked';
  return (
    <>
      {blocked && (
        <Alert color="red" title={t('history.blockedTitle')} mb="md" data-testid="blocked-explained">
          {t('history.blockedExplain')}
        </Alert>
      )}
      <Timeline bulletSize={14} lineWidth={2} data-testid="child-history">
        {events.map((e, i) => (
          <Timeline.Item key={i} title={e.title}>
            <Text size="xs" c="dimmed">
              {e.at}
            </Text>
            {e.detail && <Text size="sm">{e.detail}</Text>}
          </Timeline.Item>
        ))}
        {mine.map((c) => (
          <Timeline.Item key={c.id} title={t(`commandKind.${c.kind}`, { defaultValue: c.kind })} color="orange">
            <Text size="sm">
              {c.status === 'pending' ? t('history.pending') : c.rejection ? rejectionText(t, c.rejection) : ''}
            </Text>
          </Timeline.Item>
        ))}
      </Timeline>
    </>
  );
}
