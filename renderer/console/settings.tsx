import { Button, Checkbox, NativeSelect, NumberInput, Radio, TextInput, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DepartmentSettings } from '../../shared/department/calendar.js';
import { queueWindowUnitSchema, type RegionalSettings } from '../../shared/rules/index.js';
import { cityOffsetMinutes, formatCityInstant } from '../../shared/text/city-format.js';
import { rejectionText } from '../src/ui/sync/rejection-text.js';
import type { ConsoleApi } from './api.js';
import { NoticeLine, useGuard, type Notice } from './notice.js';

const dayMonth = (md: string) => `${md.slice(3)}.${md.slice(0, 2)}`;
/** "31.08" → "08-31", or null. */
const monthDay = (text: string) => {
  const m = /^(\d{2})\.(\d{2})$/.exec(text.trim());
  return m ? `${m[2]}-${m[1]}` : null;
};
/** "01.06.2026 09:00" (city time) → the instant, or null. */
function parseCityInstant(text: string): string | null {
  const m = /^(\d{2})\.(\d{2})\.(\d{4}) (\d{2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const [day, month, year, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  const wall = new Date(Date.UTC(year, month - 1, day, hour, minute));
  // 31.02 or 25:00 would roll over into another day: not a moment the department wrote.
  if (wall.getUTCDate() !== day || wall.getUTCMonth() !== month - 1 || wall.getUTCHours() !== hour) return null;
  return new Date(wall.getTime() - cityOffsetMinutes(wall.getTime() - 300 * 60_000) * 60_000).toISOString();
}

const keys = [
  'queueWindow',
  'contractDeadline',
  'priorityInterleave',
  'minimumAgeMonths',
  'augustPause',
  'returnedSeats',
  'maxChoices',
  'staleDeviceDays',
] as const;

/**
 * The city's regional settings, each with its unit and default: in force (since when), a stated
 * change not yet in force, and the change itself — reviewed (what differs, from when) before it is
 * confirmed; at once or from a stated moment in the city's time.
 */
export function SettingsTab({ api, onSignedOut }: { api: ConsoleApi; onSignedOut: () => void }) {
  const { t } = useTranslation();
  const [data, setData] = useState<DepartmentSettings | null>(null);
  const [draft, setDraft] = useState<RegionalSettings | null>(null);
  const [pause, setPause] = useState({ on: true, from: '', to: '' });
  const [when, setWhen] = useState<'now' | 'from'>('now');
  const [moment, setMoment] = useState('');
  const [review, setReview] = useState<{
    settings: RegionalSettings;
    effectiveFrom: string | null;
    count: number;
  } | null>(null);
  const [notice, setNotice] = useState<Notice>(null);

  const guard = useGuard(onSignedOut, setNotice);
  const load = useCallback(() => {
    api
      .settings()
      .then((d) => {
        setData(d);
        setDraft(d.settings);
        setPause({
          on: d.settings.augustPause !== null,
          from: dayMonth(d.settings.augustPause?.from ?? d.defaults.augustPause?.from ?? '08-01'),
          to: dayMonth(d.settings.augustPause?.to ?? d.defaults.augustPause?.to ?? '08-31'),
        });
        setReview(null);
      })
      .catch(guard);
  }, [api, guard]);
  useEffect(load, [load]);
  if (!data || !draft) return null;

  const show = (s: RegionalSettings, key: (typeof keys)[number]): string => {
    switch (key) {
      case 'queueWindow':
        return `${s.queueWindow.length} ${t(`console.settings.unit.${s.queueWindow.unit}`)}`;
      case 'contractDeadline':
        return `${s.contractDeadline.length} ${t(`console.settings.unit.${s.contractDeadline.unit}`)}`;
      case 'priorityInterleave':
        return `${s.priorityInterleave.firstPriority} : ${s.priorityInterleave.general}`;
      case 'minimumAgeMonths':
        return `${s.minimumAgeMonths} ${t('console.settings.unit.months')}`;
      case 'augustPause':
        return s.augustPause
          ? t('console.settings.pauseRange', { from: dayMonth(s.augustPause.from), to: dayMonth(s.augustPause.to) })
          : t('console.settings.pauseOff');
      case 'returnedSeats':
        return t(`console.settings.returned.${s.returnedSeats}`);
      case 'maxChoices':
        return `${s.maxChoices} ${t('console.settings.unit.kindergartens')}`;
      case 'staleDeviceDays':
        return `${s.staleDeviceDays} ${t('console.settings.unit.days')}`;
    }
  };
  const label = (key: (typeof keys)[number]) =>
    ({
      queueWindow: t('console.settings.queueWindow'),
      contractDeadline: t('console.settings.contractDeadline'),
      priorityInterleave: `${t('console.settings.firstPriority')} : ${t('console.settings.general')}`,
      minimumAgeMonths: t('console.settings.minimumAge'),
      augustPause: t('console.settings.augustPause'),
      returnedSeats: t('console.settings.returnedSeats'),
      maxChoices: t('console.settings.maxChoices'),
      staleDeviceDays: t('console.settings.staleDeviceDays'),
    })[key];
  const num = (value: number, set: (n: number) => void, min: number, max: number, aria: string) => (
    <NumberInput
      size="xs"
      aria-label={aria}
      value={value}
      min={min}
      max={max}
      allowDecimal={false}
      w="5rem"
      onChange={(v) => typeof v === 'number' && set(v)}
    />
  );
  const edit = (key: (typeof keys)[number]) => {
    const set = (patch: Partial<RegionalSettings>) => {
      setDraft({ ...draft, ...patch });
      setReview(null);
    };
    switch (key) {
      case 'queueWindow':
        return (
          <span className="settings-inline">
            {num(
              draft.queueWindow.length,
              (length) => set({ queueWindow: { ...draft.queueWindow, length } }),
              1,
              30,
              label(key),
            )}
            <NativeSelect
              size="xs"
              aria-label={label(key)}
              value={draft.queueWindow.unit}
              onChange={(e) =>
                set({ queueWindow: { ...draft.queueWindow, unit: queueWindowUnitSchema.parse(e.currentTarget.value) } })
              }
              data={queueWindowUnitSchema.options.map((u) => ({ value: u, label: t(`console.settings.unit.${u}`) }))}
            />
          </span>
        );
      case 'contractDeadline':
        return (
          <span className="settings-inline">
            {num(
              draft.contractDeadline.length,
              (length) => set({ contractDeadline: { ...draft.contractDeadline, length } }),
              1,
              30,
              label(key),
            )}
            {t('console.settings.unit.working_days')}
          </span>
        );
      case 'priorityInterleave':
        return (
          <span className="settings-inline">
            {num(
              draft.priorityInterleave.firstPriority,
              (firstPriority) => set({ priorityInterleave: { ...draft.priorityInterleave, firstPriority } }),
              1,
              10,
              t('console.settings.firstPriority'),
            )}
            :
            {num(
              draft.priorityInterleave.general,
              (general) => set({ priorityInterleave: { ...draft.priorityInterleave, general } }),
              1,
              10,
              t('console.settings.general'),
            )}
          </span>
        );
      case 'minimumAgeMonths':
        return (
          <span className="settings-inline">
            {num(draft.minimumAgeMonths, (minimumAgeMonths) => set({ minimumAgeMonths }), 0, 72, label(key))}
            {t('console.settings.unit.months')}
          </span>
        );
      case 'augustPause':
        return (
          <span className="settings-inline">
            <Checkbox
              label={t('console.settings.pauseOn')}
              checked={pause.on}
              onChange={(e) => (setPause({ ...pause, on: e.currentTarget.checked }), setReview(null))}
            />
            {pause.on && (
              <>
                <TextInput
                  size="xs"
                  w="5rem"
                  aria-label={t('console.settings.pauseFrom')}
                  placeholder={t('console.settings.pauseFrom')}
                  value={pause.from}
                  onChange={(e) => (setPause({ ...pause, from: e.currentTarget.value }), setReview(null))}
                />
                –
                <TextInput
                  size="xs"
                  w="5rem"
                  aria-label={t('console.settings.pauseTo')}
                  placeholder={t('console.settings.pauseTo')}
                  value={pause.to}
                  onChange={(e) => (setPause({ ...pause, to: e.currentTarget.value }), setReview(null))}
                />
              </>
            )}
          </span>
        );
      case 'returnedSeats':
        return (
          <NativeSelect
            size="xs"
            aria-label={label(key)}
            value={draft.returnedSeats}
            onChange={(e) =>
              set({ returnedSeats: e.currentTarget.value === 'open_to_all' ? 'open_to_all' : 'republish_with_window' })
            }
            data={(['republish_with_window', 'open_to_all'] as const).map((r) => ({
              value: r,
              label: t(`console.settings.returned.${r}`),
            }))}
          />
        );
      case 'maxChoices':
        return (
          <span className="settings-inline">
            {num(draft.maxChoices, (maxChoices) => set({ maxChoices }), 1, 10, label(key))}
            {t('console.settings.unit.kindergartens')}
          </span>
        );
      case 'staleDeviceDays':
        return (
          <span className="settings-inline">
            {num(draft.staleDeviceDays, (staleDeviceDays) => set({ staleDeviceDays }), 1, 90, label(key))}
            {t('console.settings.unit.days')}
          </span>
        );
    }
  };

  const prepare = () => {
    setNotice(null);
    const from = monthDay(pause.from);
    const to = monthDay(pause.to);
    if (pause.on && (!from || !to)) return setNotice({ kind: 'error', text: t('console.settings.badPause') });
    const effectiveFrom = when === 'now' ? null : parseCityInstant(moment);
    if (when === 'from' && !effectiveFrom) return setNotice({ kind: 'error', text: t('console.settings.badInstant') });
    const settings: RegionalSettings = { ...draft, augustPause: pause.on ? { from: from!, to: to! } : null };
    const count = keys.filter((k) => show(settings, k) !== show(data.settings, k)).length;
    setReview({ settings, effectiveFrom, count });
  };
  const confirm = () => {
    if (!review) return;
    api
      .command('regionalSettings.change', { settings: review.settings, effectiveFrom: review.effectiveFrom })
      .then((o) => {
        if (o.status === 'applied') {
          load();
          setNotice({
            kind: 'ok',
            text: review.effectiveFrom
              ? t('console.settings.savedPending', { at: formatCityInstant(review.effectiveFrom) })
              : t('console.settings.saved'),
          });
        } else {
          const reason = o.rejection ? rejectionText(t, o.rejection) : t('rejection.forbidden');
          setNotice({ kind: 'error', text: t('console.settings.refused', { reason }) });
        }
      })
      .catch(guard);
  };

  return (
    <section aria-labelledby="settings-title">
      <Title order={2} id="settings-title">
        {t('console.settings.title')}
      </Title>
      <p data-testid="settings-since">
        {data.effectiveFrom
          ? t('console.settings.inForceSince', { at: formatCityInstant(data.effectiveFrom) })
          : t('console.settings.inForceAlways')}
      </p>
      <NoticeLine notice={notice} />
      <table className="calendar-list settings-table" data-testid="settings-table">
        <thead>
          <tr>
            <th>{t('console.settings.setting')}</th>
            <th>{t('console.settings.current')}</th>
            {data.pending && (
              <th data-testid="settings-pending">
                {t('console.settings.pending', { at: formatCityInstant(data.pending.effectiveFrom) })}
              </th>
            )}
            <th>{t('console.settings.defaultValue')}</th>
            <th>{t('console.settings.newValue')}</th>
          </tr>
        </thead>
        <tbody>
          {keys.map((key) => (
            <tr key={key} data-testid="settings-row">
              <th scope="row">{label(key)}</th>
              <td>{show(data.settings, key)}</td>
              {data.pending && <td>{show(data.pending.settings, key)}</td>}
              <td>{show(data.defaults, key)}</td>
              <td>{edit(key)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Radio.Group
        label={t('console.settings.effective')}
        value={when}
        onChange={(v) => (setWhen(v === 'from' ? 'from' : 'now'), setReview(null))}
      >
        <Radio value="now" label={t('console.settings.atOnce')} />
        <span className="settings-inline">
          <Radio value="from" label={t('console.settings.fromInstant')} />
          {when === 'from' && (
            <TextInput
              size="xs"
              aria-label={t('console.settings.fromInstant')}
              placeholder="01.06.2026 09:00"
              value={moment}
              onChange={(e) => (setMoment(e.currentTarget.value), setReview(null))}
            />
          )}
        </span>
      </Radio.Group>
      <p>
        <Button onClick={prepare}>{t('console.settings.review')}</Button>
      </p>
      {review && (
        <div className="console-confirm" data-testid="settings-review">
          {review.count === 0 ? (
            <p>{t('console.settings.noChange')}</p>
          ) : (
            <>
              <p>
                {t('console.settings.summary', {
                  count: review.count,
                  when: review.effectiveFrom
                    ? t('console.settings.whenFrom', { at: formatCityInstant(review.effectiveFrom) })
                    : t('console.settings.whenAtOnce'),
                })}
              </p>
              {data.pending && (
                <p>{t('console.settings.replaces', { at: formatCityInstant(data.pending.effectiveFrom) })}</p>
              )}
              <p>{t('console.settings.keepsStored')}</p>
              <Button onClick={confirm}>{t('console.settings.confirm')}</Button>{' '}
            </>
          )}
          <Button variant="default" onClick={() => setReview(null)}>
            {t('console.settings.cancel')}
          </Button>
        </div>
      )}
    </section>
  );
}
