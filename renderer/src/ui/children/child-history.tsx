import { Alert, Timeline, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Departure, Enrollment, Group, Referral } from '../../../../shared/domain/index.js';
import { moveUpAges } from '../../print/build-documents.js';
import { statusAt } from '../claims/referral-view.js';
import { formatDate, formatInstant } from '../format.js';
import { objectIdOf } from '../hooks/use-pending.js';
import { useList } from '../hooks/use-replica.js';
import { useServerNow } from '../hooks/use-server-now.js';
import { rejectionText } from '../sync/rejection-text.js';

type Event = { at: string; title: string; details: string[] };
type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * A child's full history: claim, contract, enrollment, every move-up, departure or closing — each
 * step with what the head typed (order number and date, reason, note); automatic ones explained.
 */
export function ChildHistory({ referral, enrollment }: { referral: Referral | null; enrollment: Enrollment | null }) {
  const { t: translate, i18n } = useTranslation();
  const t: Translate = (key, options) => String(translate(key, options as never));
  const lang = i18n.language;
  const now = useServerNow();
  const enrollments = useList('enrollments');
  const departures = useList('departures');
  const groups = useList('groups');
  const commands = [...useList('pending'), ...useList('rejected')];
  const child = enrollment ?? enrollments.find((e) => e.referralId === referral?.id) ?? null;
  // Every stay of the child: a move-up into another group ends one stay and starts the next.
  const stays = enrollments
    .filter((e) => e.id === child?.id || (referral !== null && e.referralId === referral.id))
    .sort((a, b) => a.enrolledOn.localeCompare(b.enrolledOn));
  const groupById = new Map(groups.map((g) => [g.id, g]));
  const departureById = new Map(departures.map((d) => [d.id, d]));
  const order = (number: string, date: string | null) =>
    t('history.order', { number: number || '—', date: date ? formatDate(date, lang) : '—' });
  const groupName = (id: string) => t('history.group', { group: groupById.get(id)?.name ?? '—' });
  const events: Event[] = [];
  if (referral) {
    events.push({
      at: formatInstant(referral.claimedAt, lang),
      title: t('history.claimed', { number: referral.number }),
      details: [t(`claimPhase.${referral.claimedInPhase}`)],
    });
    if (referral.contractConcludedAt)
      events.push({
        at: formatInstant(referral.contractConcludedAt, lang),
        title: t('history.contract'),
        details: [t(`contractBy.${referral.contractConcludedBy ?? 'parent'}`)],
      });
  }
  let left: Departure | undefined;
  stays.forEach((stay, i) => {
    if (i === 0)
      events.push({
        at: formatDate(stay.enrolledOn, lang),
        title: t('history.enrolled'),
        details: [order(stay.orderNumber, stay.orderDate), groupName(stay.groupId)],
      });
    // A relabelling move-up changes the group's age group while the child stays in it.
    for (const d of departures) {
      const relabel =
        d.kind === 'move_up' &&
        d.groupId === stay.groupId &&
        d.enrollmentId === null &&
        d.id !== stay.departureId &&
        d.departsOn > stay.enrolledOn &&
        (stay.departedOn === null || d.departsOn < stay.departedOn);
      if (relabel) events.push(moveUpEvent(t, d, groupById.get(d.groupId), lang, order, null));
    }
    const departure = stay.departureId ? departureById.get(stay.departureId) : undefined;
    const next = stays[i + 1];
    if (departure?.kind === 'move_up' && next) {
      events.push(moveUpEvent(t, departure, groupById.get(departure.groupId), lang, order, groupName(next.groupId)));
    } else if (stay.departedOn) {
      left = departure;
      events.push({
        at: formatDate(stay.departedOn, lang),
        title: departure ? `${t('history.departed')}: ${t(`departureKind.${departure.kind}`)}` : t('history.departed'),
        details: departure
          ? [
              order(departure.orderNumber, departure.orderDate),
              ...reasonAndNote(t, departure.kind === 'termination' ? departure.reason : '', referral?.closeNote ?? ''),
            ]
          : [],
      });
    }
  });
  const status = referral ? statusAt(referral, now) : null;
  // A closing the departure above already tells (a termination after enrollment) is not told twice.
  if (referral && status && ['refused', 'declined', 'expired', 'terminated'].includes(status) && !left) {
    events.push({
      at: referral.closedAt ? formatInstant(referral.closedAt, lang) : formatInstant(referral.contractDeadline, lang),
      title: t(`referralStatus.${status}`),
      details: reasonAndNote(t, referral.closeReason ?? '', referral.closeNote),
    });
  }
  const ids = new Set([referral?.id, ...stays.map((s) => s.id)].filter(Boolean));
  const mine = commands.filter((c) => ids.has(objectIdOf(c) ?? ''));
  const blocked = referral?.closeReason === 'account_blocked' || left?.kind === 'account_blocked';
  return (
    <>
      {blocked && (
        <Alert color="red" title={t('history.blockedTitle')} mb="md" data-testid="blocked-explained">
          {t('history.blockedExplain')}
        </Alert>
      )}
      <Timeline bulletSize={14} lineWidth={2} data-testid="child-history">
        {events.map((e, i) => (
          <Timeline.Item key={i} title={e.title} data-testid="history-step">
            <Text size="xs" c="dimmed">
              {e.at}
            </Text>
            {e.details.map((line, j) => (
              <Text key={j} size="sm">
                {line}
              </Text>
            ))}
          </Timeline.Item>
        ))}
        {mine.map((c) => (
          <Timeline.Item key={c.id} title={t(`commandKind.${c.kind}`, { defaultValue: c.kind })} color="orange">
            <Text size="sm">
              {c.status === 'pending' ? t('history.pending') : c.rejection ? rejectionText(translate, c.rejection) : ''}
            </Text>
          </Timeline.Item>
        ))}
      </Timeline>
    </>
  );
}

/** A move-up step: its date, its order, the age groups from and to, and the new group when the child changed group. */
function moveUpEvent(
  t: Translate,
  d: Departure,
  group: Group | undefined,
  lang: string,
  order: (number: string, date: string | null) => string,
  newGroup: string | null,
): Event {
  const ages = moveUpAges(t, group, d.departsOn);
  return {
    at: formatDate(d.departsOn, lang),
    title: ages ? t('history.movedUp', { ages: `${ages.from} → ${ages.to}` }) : t('departureKind.move_up'),
    details: [order(d.orderNumber, d.orderDate), ...(newGroup ? [newGroup] : [])],
  };
}

/** The reason code in words and the head's note, each on a line of its own when given. */
function reasonAndNote(t: Translate, reason: string, note: string): string[] {
  return [
    ...(reason ? [t('history.reason', { reason: t(`closeReason.${reason}`, { defaultValue: reason }) })] : []),
    ...(note ? [t('history.note', { note })] : []),
  ];
}
