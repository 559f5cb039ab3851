import { Badge, Button, Table, TextInput, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DepartmentCommandOutcome } from '../../shared/commands/department-commands.js';
import {
  SCHEDULE_PAGE_LIMIT,
  type DepartmentKindergarten,
  type DepartmentScheduleEntry,
  type ScheduleFilter,
} from '../../shared/department/schedule.js';
import { ageGroupSchema } from '../../shared/domain/group.js';
import { languageSchema } from '../../shared/domain/kindergarten.js';
import { scheduleEntryStatusSchema } from '../../shared/domain/schedule-entry.js';
import { formatDate, formatNumber } from '../src/ui/format.js';
import { SignedOut, type ConsoleApi } from './api.js';

type Notice = { kind: 'ok' | 'error'; text: string } | null;

/** Every schedule entry (submitted ones unless another state is chosen) of the city in one list: filter, approve, return with a reason, bulk approve after a summary. */
export function Approvals({
  api,
  onSignedOut,
  kindergartenId,
}: {
  api: ConsoleApi;
  onSignedOut: () => void;
  /** Opened from the dashboard: the kindergarten's entries first. */
  kindergartenId?: string | undefined;
}) {
  const { t, i18n } = useTranslation();
  const [filter, setFilter] = useState<ScheduleFilter>(kindergartenId ? { kindergartenId } : {});
  const [kindergartens, setKindergartens] = useState<DepartmentKindergarten[]>([]);
  const [entries, setEntries] = useState<DepartmentScheduleEntry[]>([]);
  const [truncated, setTruncated] = useState(false);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [returning, setReturning] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  const nameOf = (k: { nameRu: string; nameKk: string }) => (i18n.language === 'kk' ? k.nameKk : k.nameRu);

  const guard = useCallback(
    (error: unknown) => {
      if (error instanceof SignedOut) onSignedOut();
      else setNotice({ kind: 'error', text: t('console.signIn.failed') });
    },
    [onSignedOut, t],
  );
  const load = useCallback(() => {
    api
      .schedule(filter)
      .then((list) => {
        setEntries(list.entries);
        setTruncated(list.truncated);
        setSelected(new Set());
      })
      .catch(guard);
  }, [api, filter, guard]);
  useEffect(load, [load]);
  useEffect(() => {
    api.kindergartens().then(setKindergartens).catch(guard);
  }, [api, guard]);

  const explain = (outcome: DepartmentCommandOutcome, done: string) => {
    if (outcome.status === 'applied') setNotice({ kind: 'ok', text: done });
    else {
      const why = t(`rejection.${outcome.rejection?.code ?? 'forbidden'}`, outcome.rejection?.params ?? {});
      setNotice({ kind: 'error', text: t('console.approvals.refused', { reason: why }) });
    }
    load();
  };
  const approve = (ids: string[]) =>
    api
      .command('scheduleEntry.approve', { entryIds: ids })
      .then((o) => explain(o, t('console.approvals.approved', { count: ids.length })))
      .catch(guard);
  const sendReturn = (entryId: string) =>
    api
      .command('scheduleEntry.return', { entryId, reason })
      .then((o) => {
        setReturning(null);
        setReason('');
        explain(o, t('console.approvals.returned'));
      })
      .catch(guard);

  const chosen = entries.filter((e) => selected.has(e.id));
  const set = (key: keyof ScheduleFilter) => (value: string) =>
    setFilter((f) => ({ ...f, [key]: value === '' ? undefined : value }));
  const select = (
    label: string,
    key: keyof ScheduleFilter,
    options: readonly { value: string; label: string }[],
    anyLabel: string,
  ) => (
    <label>
      {label}
      <select value={filter[key] ?? ''} onChange={(e) => set(key)(e.target.value)}>
        <option value="">{anyLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <section aria-labelledby="approvals-title">
      <Title order={2} id="approvals-title">
        {t('console.approvals.title')}
      </Title>
      <div className="console-filters">
        {select(
          t('console.approvals.kindergarten'),
          'kindergartenId',
          kindergartens.map((k) => ({ value: k.id, label: nameOf(k) })),
          t('console.approvals.allKindergartens'),
        )}
        <label>
          {t('console.approvals.from')}
          <input type="date" value={filter.from ?? ''} onChange={(e) => set('from')(e.target.value)} />
        </label>
        <label>
          {t('console.approvals.to')}
          <input type="date" value={filter.to ?? ''} onChange={(e) => set('to')(e.target.value)} />
        </label>
        {select(
          t('console.approvals.ageGroup'),
          'ageGroup',
          ageGroupSchema.options.map((g) => ({ value: g, label: t(`ageGroup.${g}`) })),
          t('console.approvals.any'),
        )}
        {select(
          t('console.approvals.language'),
          'language',
          languageSchema.options.map((l) => ({ value: l, label: t(`languageOfInstruction.${l}`) })),
          t('console.approvals.any'),
        )}
        {select(
          t('console.approvals.status'),
          'status',
          scheduleEntryStatusSchema.options
            .filter((s) => s !== 'submitted')
            .map((s) => ({ value: s, label: t(`scheduleStatus.${s}`) })),
          t('scheduleStatus.submitted'),
        )}
      </div>
      {notice && (
        <p
          role={notice.kind === 'error' ? 'alert' : 'status'}
          className={notice.kind === 'error' ? 'console-error' : 'console-notice'}
        >
          {notice.text}
        </p>
      )}
      {chosen.length > 0 && !confirming && (
        <Button onClick={() => setConfirming(true)}>
          {t('console.approvals.approveSelected', { count: chosen.length })}
        </Button>
      )}
      {confirming && chosen.length > 0 && (
        <div className="console-confirm" data-testid="bulk-summary">
          <p>
            {t('console.approvals.summary', {
              entries: chosen.length,
              seats: formatNumber(
                chosen.reduce((sum, e) => sum + e.seats, 0),
                i18n.language,
              ),
              kindergartens: new Set(chosen.map((e) => e.kindergartenId)).size,
            })}
          </p>
          <Button
            onClick={() => {
              setConfirming(false);
              void approve(chosen.map((e) => e.id));
            }}
          >
            {t('console.approvals.confirm')}
          </Button>{' '}
          <Button variant="default" onClick={() => setConfirming(false)}>
            {t('console.approvals.cancel')}
          </Button>
        </div>
      )}
      {truncated && <p>{t('console.approvals.truncated', { count: SCHEDULE_PAGE_LIMIT })}</p>}
      {entries.length === 0 ? (
        <p>{t('console.approvals.empty')}</p>
      ) : (
        <Table striped data-testid="approvals-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>
                <input
                  type="checkbox"
                  aria-label={t('console.approvals.selectAll')}
                  checked={entries.every((e) => e.status !== 'submitted' || selected.has(e.id)) && chosen.length > 0}
                  onChange={(e) =>
                    setSelected(
                      e.target.checked
                        ? new Set(entries.filter((x) => x.status === 'submitted').map((x) => x.id))
                        : new Set(),
                    )
                  }
                />
              </Table.Th>
              <Table.Th>{t('console.approvals.kindergarten')}</Table.Th>
              <Table.Th>{t('console.approvals.availableFrom')}</Table.Th>
              <Table.Th>{t('console.approvals.birthYear')}</Table.Th>
              <Table.Th>{t('console.approvals.ageGroup')}</Table.Th>
              <Table.Th>{t('console.approvals.language')}</Table.Th>
              <Table.Th>{t('console.approvals.seats')}</Table.Th>
              <Table.Th>{t('console.approvals.status')}</Table.Th>
              <Table.Th>{t('console.approvals.note')}</Table.Th>
              <Table.Th>{t('console.approvals.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entries.map((e) => (
              <Table.Tr key={e.id} data-testid="approval-entry">
                <Table.Td>
                  {e.status === 'submitted' && (
                    <input
                      type="checkbox"
                      aria-label={t('console.approvals.select')}
                      checked={selected.has(e.id)}
                      onChange={(ev) => {
                        const next = new Set(selected);
                        if (ev.target.checked) next.add(e.id);
                        else next.delete(e.id);
                        setSelected(next);
                      }}
                    />
                  )}
                </Table.Td>
                <Table.Td>{nameOf({ nameRu: e.kindergartenNameRu, nameKk: e.kindergartenNameKk })}</Table.Td>
                <Table.Td>{formatDate(e.availableFrom, i18n.language)}</Table.Td>
                <Table.Td>{e.birthYear}</Table.Td>
                <Table.Td>{e.ageGroup ? t(`ageGroup.${e.ageGroup}`) : '—'}</Table.Td>
                <Table.Td>{t(`languageOfInstruction.${e.language}`)}</Table.Td>
                <Table.Td>{formatNumber(e.seats, i18n.language)}</Table.Td>
                <Table.Td>
                  <Badge data-testid="approval-status">{t(`scheduleStatus.${e.status}`)}</Badge>
                  {e.decisionNote && <div>{e.decisionNote}</div>}
                </Table.Td>
                <Table.Td>{e.note}</Table.Td>
                <Table.Td>
                  {e.status === 'submitted' && returning !== e.id && (
                    <>
                      <Button size="xs" onClick={() => void approve([e.id])}>
                        {t('console.approvals.approve')}
                      </Button>{' '}
                      <Button size="xs" variant="default" onClick={() => setReturning(e.id)}>
                        {t('console.approvals.return')}
                      </Button>
                    </>
                  )}
                  {returning === e.id && (
                    <form
                      onSubmit={(ev) => {
                        ev.preventDefault();
                        void sendReturn(e.id);
                      }}
                    >
                      <TextInput
                        size="xs"
                        label={t('console.approvals.reason')}
                        value={reason}
                        onChange={(ev) => setReason(ev.currentTarget.value)}
                        required
                        maxLength={500}
                      />
                      <Button size="xs" type="submit">
                        {t('console.approvals.confirmReturn')}
                      </Button>{' '}
                      <Button size="xs" variant="default" onClick={() => setReturning(null)}>
                        {t('console.approvals.cancel')}
                      </Button>
                    </form>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </section>
  );
}
