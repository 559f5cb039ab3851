import { Anchor, Title } from '@mantine/core';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Command } from '../../../../shared/commands/command.js';
import { useDesk } from '../desk-context.js';
import { formatDate, formatInstant } from '../format.js';
import { useList, useRules } from '../hooks/use-replica.js';
import { screenOfCommand, useNavigation, type Screen } from '../navigation.js';
import { linkTo, useContradictedPrints } from '../print/printed-documents.js';
import { refusalObjectOf } from '../refusals/refusal-state.js';
import { useRefusals } from '../refusals/use-refusals.js';
import { useFirstSync } from '../session/first-sync.js';
import { rejectionText } from '../sync/rejection-text.js';
import { useClaimsLastLooked } from './last-looked.js';
import { todayLists } from './today-lists.js';

interface Item {
  key: string;
  text: string;
  screen: Screen;
  focus?: string;
  row?: string;
}

/**
 * One block of "Today": its title with the count, and each item a link that opens its row. A
 * block of refusals marks each item as one (red, as on its row), never in the routine look.
 */
function Block({
  id,
  title,
  items,
  refusals = false,
}: {
  id: string;
  title: string;
  items: Item[];
  refusals?: boolean;
}) {
  const { t } = useTranslation();
  const { go } = useNavigation();
  return (
    <section aria-label={title} data-testid={`today-${id}`} className="today-block">
      <Title order={4}>
        {title} <span data-testid="today-count">{items.length}</span>
      </Title>
      {items.length === 0 ? (
        <p className="today-none">{t('dashboard.none')}</p>
      ) : (
        <ul className="plain-list today-list">
          {items.map((item) => (
            <li key={item.key} className={refusals ? 'refusal' : undefined}>
              <Anchor
                component="button"
                type="button"
                className="today-link"
                onClick={() => go(item.screen, item.focus, item.row)}
              >
                {item.text}
              </Anchor>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * "Today" on the first screen: what needs the head now, each a link to its row. While an empty
 * replica is on its first sync it says it is loading rather than showing zeros.
 */
export function TodayPanel({ now }: { now: Date }): ReactNode {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { session } = useDesk();
  const { syncing } = useFirstSync();
  const rules = useRules();
  const groups = new Map(useList('groups').map((g) => [g.id, g.name]));
  const publications = useList('publications');
  const referrals = useList('referrals');
  const enrollments = useList('enrollments');
  const entries = useList('scheduleEntries');
  const pending = useList('pending');
  const { open } = useRefusals();
  const contradicted = useContradictedPrints();
  const lastLooked = useClaimsLastLooked(session.info.staff.id);
  const lists = useMemo(
    () =>
      rules &&
      todayLists({ now, calendar: rules.calendar, publications, referrals, pending, refused: open, lastLooked }),
    [now, rules, publications, referrals, pending, open, lastLooked],
  );
  if (syncing || !lists) {
    return (
      <section aria-labelledby="today-title" data-testid="today" className="today">
        <Title order={2} id="today-title">
          {t('today.title')}
        </Title>
        <p role="status" data-testid="today-loading">
          {t('today.loading')}
        </p>
      </section>
    );
  }
  // What a command is about, as the head knows it: the child's name, or the group of a group, publication or schedule line.
  const nameOf = (id: string | null) =>
    referrals.find((r) => r.id === id)?.childFullName ??
    enrollments.find((e) => e.id === id)?.childFullName ??
    groups.get(id ?? '') ??
    groups.get(publications.find((p) => p.id === id)?.groupId ?? entries.find((e) => e.id === id)?.groupId ?? '') ??
    '';
  const commandItem = (prefix: string, command: Command, objectId: string | null, extra = ''): Item => {
    const name = nameOf(objectId);
    const text = [t(`commandKind.${command.kind}`, { defaultValue: command.kind }), name, extra].filter(Boolean);
    return {
      key: `${prefix}${command.id}`,
      text: text.join(' · '),
      screen: screenOfCommand(command.kind),
      focus: name,
      row: objectId ?? '',
    };
  };
  /** A printed document a refusal contradicts: which refused change, why, and where to reprint it. */
  const reprintItems = contradicted.map<Item>(({ printed: p, refused }) => ({
    key: `reprint:${p.printedAt}:${p.title}`,
    text: t('today.reprintItem', {
      document: p.title,
      printedAt: formatInstant(p.printedAt, lang),
      changes: refused
        .map((c) =>
          [nameOf(refusalObjectOf(c)), c.rejection ? rejectionText(t, c.rejection) : ''].filter(Boolean).join(' — '),
        )
        .join(' '),
    }),
    screen: 'documents',
    row: linkTo(p),
  }));
  const claimItem = (prefix: string, r: (typeof referrals)[number], extra: string): Item => ({
    key: `${prefix}${r.id}`,
    text: `${r.number} · ${r.childFullName} · ${extra}`,
    screen: 'claims',
    focus: r.childFullName,
    row: r.id,
  });
  const publicationItem = (p: (typeof publications)[number], ...extra: string[]): Item => ({
    key: p.id,
    text: [groups.get(p.groupId), t('common.seats', { count: p.seats }), ...extra].join(' · '),
    screen: 'publications',
    row: p.id,
  });
  return (
    <section aria-labelledby="today-title" data-testid="today" className="today">
      <Title order={2} id="today-title">
        {t('today.title')}
      </Title>
      <div className="today-grid">
        <Block
          id="windows"
          title={t('today.windows')}
          items={lists.windows.map(({ publication: p, workingDaysLeft }) =>
            publicationItem(
              p,
              t('dashboard.closesAt', { time: formatInstant(p.windowClosesAt ?? '', lang) }),
              t('claims.workingDaysLeft', { count: workingDaysLeft }),
            ),
          )}
        />
        <Block
          id="new-claims"
          title={t('today.newClaims')}
          items={lists.newClaims.map((r) => claimItem('new:', r, formatInstant(r.claimedAt, lang)))}
        />
        <Block
          id="deadlines"
          title={t('today.deadlines')}
          items={lists.deadlines.map(({ referral: r, workingDaysLeft }) =>
            claimItem(
              'deadline:',
              r,
              `${formatInstant(r.contractDeadline, lang)} · ${t('claims.workingDaysLeft', { count: workingDaysLeft })}`,
            ),
          )}
        />
        <Block
          id="enrollments"
          title={t('today.enrollmentsDue')}
          items={lists.enrollmentsDue.map((r) =>
            claimItem(
              'enroll:',
              r,
              `${groups.get(r.groupId) ?? ''} · ${t('publications.availableFromDate', { date: formatDate(r.availableFrom, lang) })}`,
            ),
          )}
        />
        <Block
          id="early-booking"
          title={t('today.earlyBooking')}
          items={lists.earlyBooking.map((p) =>
            publicationItem(p, t('publications.availableFromDate', { date: formatDate(p.availableFrom, lang) })),
          )}
        />
        <Block
          id="unsent"
          title={t('today.unsent')}
          items={lists.unsent.map(({ command, objectId }) => commandItem('unsent:', command, objectId))}
        />
        <Block
          id="refusals"
          refusals
          title={t('today.refusals')}
          items={lists.refusals.map(({ command, objectId }) =>
            commandItem('refused:', command, objectId, command.rejection ? rejectionText(t, command.rejection) : ''),
          )}
        />
        {reprintItems.length > 0 && <Block id="reprint" refusals title={t('today.reprint')} items={reprintItems} />}
      </div>
    </section>
  );
}
