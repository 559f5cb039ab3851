import { Button, Checkbox, NativeSelect, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { daysInMonth, formatIsoDate, weekdayOf } from '../../shared/calendar/dates.js';
import { calendarDayKindSchema, type CalendarDay, type CalendarDayKind } from '../../shared/calendar/index.js';
import type { DepartmentCommandOutcome } from '../../shared/commands/department-commands.js';
import type { CalendarPreview, DepartmentCalendarYear } from '../../shared/department/calendar.js';
import { formatCityDate, formatCityInstant } from '../../shared/text/city-format.js';
import { rejectionText } from '../src/ui/sync/rejection-text.js';
import type { ConsoleApi } from './api.js';
import { NoticeLine, useGuard, type Notice } from './notice.js';
import './calendar.css';

interface Draft {
  kind: CalendarDayKind;
  nameRu: string;
  nameKk: string;
  nameEn: string;
  source: string;
  provisional: boolean;
}

/**
 * The national working-day calendar of a year as a month grid (each day's kind; the table's dates
 * with their names and sources below), the rules' check of the year, and — for a role the command table lets
 * edit it — the edit of a date from today on: checked and previewed (the city's open windows and deadlines
 * that would have ended differently) before it is confirmed.
 */
export function CalendarTab({
  api,
  canEdit,
  onSignedOut,
}: {
  api: ConsoleApi;
  canEdit: boolean;
  onSignedOut: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [year, setYear] = useState<number | null>(null);
  const [data, setData] = useState<DepartmentCalendarYear | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [preview, setPreview] = useState<{ remove: boolean; result: CalendarPreview } | null>(null);
  const [notice, setNotice] = useState<Notice>(null);

  const guard = useGuard(onSignedOut, setNotice);
  // null: the year of the server's today (asked with the PC's year first, then followed).
  const [requested, setRequested] = useState<number | null>(null);
  const [reloads, setReloads] = useState(0);
  useEffect(() => {
    api
      .calendarYear(requested ?? new Date().getUTCFullYear())
      .then((d) => {
        const serverYear = Number(d.today.slice(0, 4));
        if (requested === null && serverYear !== d.year) return setRequested(serverYear);
        setYear(d.year);
        setData(d);
      })
      .catch(guard);
  }, [api, guard, requested, reloads]);
  const load = (y: number) => (y === requested ? setReloads((n) => n + 1) : setRequested(y));

  if (!data || year === null) return null;
  const rows = new Map(data.days.map((d) => [d.date, d]));
  const kindOf = (date: string, weekday: number) =>
    rows.get(date)?.kind ?? (weekday >= 6 ? ('weekend' as const) : ('ordinary' as const));
  const nameOf = (d: CalendarDay) => (i18n.language === 'kk' ? d.nameKk : i18n.language === 'en' ? d.nameEn : d.nameRu);
  const years = [...new Set([...data.years, data.years.at(-1)! + 1, year])].sort();

  const choose = (date: string) => {
    const row = rows.get(date);
    setSelected(date);
    setPreview(null);
    setNotice(null);
    setDraft(
      row ? { ...row } : { kind: 'holiday', nameRu: '', nameKk: '', nameEn: '', source: '', provisional: false },
    );
  };
  const check = (remove: boolean) => {
    if (!selected || !draft) return;
    api
      .calendarPreview(remove ? { date: selected } : { date: selected, kind: draft.kind })
      .then((result) => setPreview({ remove, result }))
      .catch(guard);
  };
  const explain = (outcome: DepartmentCommandOutcome, done: string) => {
    if (outcome.status === 'applied') {
      setNotice({ kind: 'ok', text: done });
      setSelected(null);
      setDraft(null);
    } else {
      const reason = outcome.rejection ? rejectionText(t, outcome.rejection) : t('rejection.forbidden');
      setNotice({ kind: 'error', text: t('console.calendar.refused', { reason }) });
    }
    setPreview(null);
    setReloads((n) => n + 1);
  };
  const confirm = () => {
    if (!selected || !draft || !preview) return;
    const date = formatCityDate(selected);
    const sent = preview.remove
      ? api
          .command('calendarDay.delete', { date: selected })
          .then((o) => explain(o, t('console.calendar.removed', { date })))
      : api
          .command('calendarDay.set', { date: selected, ...draft })
          .then((o) => explain(o, t('console.calendar.saved', { date })));
    sent.catch(guard);
  };
  const kgName = (a: { kindergartenNameRu: string; kindergartenNameKk: string }) =>
    i18n.language === 'kk' ? a.kindergartenNameKk : a.kindergartenNameRu;
  const filled = draft && [draft.nameRu, draft.nameKk, draft.nameEn, draft.source].every((v) => v.trim() !== '');

  return (
    <section aria-labelledby="calendar-title">
      <Title order={2} id="calendar-title">
        {t('console.calendar.title')}
      </Title>
      <p>{t('console.calendar.national')}</p>
      <div className="console-filters">
        <label>
          {t('console.calendar.year')}
          <select value={year} onChange={(e) => load(Number(e.target.value))} data-testid="calendar-year">
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        <ul className="calendar-legend">
          {(['holiday', 'day_off', 'working_day', 'weekend', 'ordinary'] as const).map((k) => (
            <li key={k} className={`calendar-${k}`}>
              {t(`console.calendar.kind.${k}`)}
            </li>
          ))}
        </ul>
      </div>
      <NoticeLine notice={notice} />
      <div className="calendar-grid" data-testid="calendar-grid">
        {Array.from({ length: 12 }, (_, i) => i + 1).map((month) => {
          const lead = weekdayOf(formatIsoDate({ year, month, day: 1 })) - 1;
          const cells = [
            ...Array.from({ length: lead }, () => null),
            ...Array.from({ length: daysInMonth(year, month) }, (_, d) => d + 1),
          ];
          return (
            <table key={month} className="calendar-month" aria-label={t(`console.calendar.month.m${month}`)}>
              <caption>{t(`console.calendar.month.m${month}`)}</caption>
              <thead>
                <tr>
                  {[1, 2, 3, 4, 5, 6, 7].map((d) => (
                    <th key={d} scope="col">
                      {t(`console.calendar.weekday.d${d}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {Array.from({ length: Math.ceil(cells.length / 7) }, (_, w) => (
                  <tr key={w}>
                    {cells.slice(w * 7, w * 7 + 7).map((day, d) => {
                      if (day === null) return <td key={d} />;
                      const date = formatIsoDate({ year, month, day });
                      const kind = kindOf(date, d + 1);
                      const row = rows.get(date);
                      const label = `${formatCityDate(date)}: ${t(`console.calendar.kind.${kind}`)}${row ? ` — ${nameOf(row)}` : ''}`;
                      const editable = canEdit && date >= data.today;
                      return (
                        <td key={d} className={`calendar-${kind}${date === selected ? ' calendar-selected' : ''}`}>
                          {editable ? (
                            <button type="button" title={label} aria-label={label} onClick={() => choose(date)}>
                              {day}
                            </button>
                          ) : (
                            <span title={label}>{day}</span>
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          );
        })}
      </div>
      {canEdit ? !selected && <p>{t('console.calendar.edit.pick')}</p> : <p>{t('console.calendar.edit.readOnly')}</p>}
      {selected && draft && (
        <div className="console-confirm calendar-edit" data-testid="calendar-edit">
          <Title order={3}>{t('console.calendar.edit.title', { date: formatCityDate(selected) })}</Title>
          <p>
            {t('console.calendar.edit.now', {
              kind: t(`console.calendar.kind.${kindOf(selected, weekdayOf(selected))}`),
            })}
          </p>
          <div className="calendar-form">
            <NativeSelect
              label={t('console.calendar.edit.kind')}
              value={draft.kind}
              onChange={(e) => {
                setDraft({ ...draft, kind: e.currentTarget.value as CalendarDayKind });
                setPreview(null);
              }}
              data={calendarDayKindSchema.options.map((k) => ({ value: k, label: t(`console.calendar.kind.${k}`) }))}
            />
            {(['nameRu', 'nameKk', 'nameEn', 'source'] as const).map((field) => (
              <TextInput
                key={field}
                label={t(`console.calendar.edit.${field}`)}
                value={draft[field]}
                maxLength={field === 'source' ? 500 : 200}
                onChange={(e) => setDraft({ ...draft, [field]: e.currentTarget.value })}
              />
            ))}
            <Checkbox
              label={t('console.calendar.edit.provisional')}
              checked={draft.provisional}
              onChange={(e) => setDraft({ ...draft, provisional: e.currentTarget.checked })}
            />
          </div>
          <Button onClick={() => check(false)} disabled={!filled}>
            {t('console.calendar.edit.preview')}
          </Button>{' '}
          {rows.has(selected) && (
            <Button variant="default" onClick={() => check(true)}>
              {t('console.calendar.edit.remove')}
            </Button>
          )}{' '}
          <Button variant="default" onClick={() => (setSelected(null), setPreview(null))}>
            {t('console.calendar.edit.cancel')}
          </Button>
          {preview && (
            <div data-testid="calendar-preview">
              {preview.result.refusal ? (
                <p role="alert" className="console-error">
                  {t('console.calendar.refused', { reason: rejectionText(t, preview.result.refusal) })}
                </p>
              ) : (
                <>
                  <p>
                    {preview.result.affected.length === 0
                      ? t('console.calendar.preview.none')
                      : t('console.calendar.preview.affected')}
                  </p>
                  {preview.result.affected.length > 0 && (
                    <ul data-testid="calendar-affected">
                      {preview.result.affected.map((a) => (
                        <li key={a.id}>
                          {a.object === 'window'
                            ? t('console.calendar.preview.window', {
                                kindergarten: kgName(a),
                                year: a.birthYear,
                                language: a.language ? t(`languageOfInstruction.${a.language}`) : '',
                              })
                            : t('console.calendar.preview.deadline', {
                                kindergarten: kgName(a),
                                number: a.referralNumber,
                              })}
                          {': '}
                          {t('console.calendar.preview.ends', {
                            stored: formatCityInstant(a.storedEnd),
                            edited: a.editedEnd
                              ? formatCityInstant(a.editedEnd)
                              : t('console.calendar.preview.notCounted'),
                          })}
                        </li>
                      ))}
                    </ul>
                  )}
                  {preview.result.discrepanciesAfter !== null && preview.result.discrepanciesAfter > 0 && (
                    <p>{t('console.calendar.preview.checkAfter', { count: preview.result.discrepanciesAfter })}</p>
                  )}
                  <Button onClick={confirm}>{t('console.calendar.edit.confirm')}</Button>
                </>
              )}
            </div>
          )}
        </div>
      )}
      <Title order={3}>{t('console.calendar.listTitle', { year })}</Title>
      {data.discrepancies === null ? (
        <p>{t('console.calendar.check.unknown', { year })}</p>
      ) : data.discrepancies.length === 0 ? (
        <p data-testid="calendar-check">{t('console.calendar.check.ok')}</p>
      ) : (
        <div data-testid="calendar-check">
          <p>{t('console.calendar.check.problems', { count: data.discrepancies.length })}</p>
          <ul>
            {data.discrepancies.map((p) => (
              <li key={`${p.date}-${p.issue}`}>
                {t(`console.calendar.check.${p.issue}`, {
                  date: formatCityDate(p.date),
                  have: p.have ? t(`console.calendar.kind.${p.have}`) : '',
                  want: p.want ? t(`console.calendar.kind.${p.want}`) : '',
                })}
              </li>
            ))}
          </ul>
        </div>
      )}
      {data.days.length === 0 ? (
        <p>{t('console.calendar.empty', { year })}</p>
      ) : (
        <table className="calendar-list" data-testid="calendar-list">
          <thead>
            <tr>
              <th>{t('console.calendar.date')}</th>
              <th>{t('console.calendar.edit.kind')}</th>
              <th>{t('console.calendar.name')}</th>
              <th>{t('console.calendar.source')}</th>
            </tr>
          </thead>
          <tbody>
            {data.days.map((d) => (
              <tr key={d.date} data-testid="calendar-row">
                <td>{formatCityDate(d.date)}</td>
                <td className={`calendar-${d.kind}`}>{t(`console.calendar.kind.${d.kind}`)}</td>
                <td>
                  {nameOf(d)}
                  {d.provisional && <em> ({t('console.calendar.provisional')})</em>}
                </td>
                <td>{d.source}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
