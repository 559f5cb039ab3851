import { Checkbox, NativeSelect, TextInput, Title } from '@mantine/core';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PrinterInfo } from '../../../../shared/host-api.js';
import { cityDate } from '../../../../shared/calendar/index.js';
import { enrollmentOrder, groupList, movementRegister, type DocumentSources } from '../../print/build-documents.js';
import type { DocumentKind, DocumentLanguage, PrintDocument } from '../../print/document.js';
import { enrolledChildren, enrollmentOrders, orderKey } from '../../print/enrolled-children.js';
import { preloadXlsx } from '../../print/export-table.js';
import { PrintSheets, preloadPrintFonts } from '../../print/print-sheets.js';
import { useDesk } from '../desk-context.js';
import { formatDate } from '../format.js';
import { useList } from '../hooks/use-replica.js';
import { DocumentActions } from './document-actions.js';
import { plusDays } from '../../../../shared/calendar/dates.js';
import { unitCalendarDocument } from '../../print/unit-calendar-document.js';
import { documentKindsFor, headReport } from './head-reports.js';
import { groupCalendar } from '../dashboard/group-seats.js';
import { useLoadSources } from '../dashboard/use-load-sources.js';
import { useNavigation } from '../navigation.js';
import './documents-screen.css';

/**
 * The documents a head puts on paper — enrollment order, group list, movement register — from the
 * local replica (so offline too), in Russian or Kazakh, previewed as the A4 sheets that print.
 */
/** What printing needs from the server in browser mode, fetched while online (the shell calls it once). */
export function preloadPrinting(): void {
  preloadPrintFonts();
  preloadXlsx();
}

export function DocumentsScreen() {
  const { t, i18n } = useTranslation();
  const { session, clock, host } = useDesk();
  const [today] = useState(() => cityDate(clock.now()));
  const enrollments = useList('enrollments');
  const referrals = useList('referrals');
  const groups = useList('groups');
  const departures = useList('departures');
  const pendingCommands = useList('pending');
  // A link opens a document kind, or one order or group list of it (`kind/source`, see printed-documents.ts).
  const { row } = useNavigation();
  const [rowKind = '', source = ''] = row.split('/');
  // The head's reports are offered to the head only (head-reports.ts: documentKindsFor).
  const kinds = useMemo(() => documentKindsFor(session.info.staff.role), [session.info.staff.role]);
  const [kind, setKind] = useState<DocumentKind>(() =>
    kinds.includes(rowKind as DocumentKind) ? (rowKind as DocumentKind) : 'enrollmentOrder',
  );
  const loadSources = useLoadSources();
  const [language, setLanguage] = useState<DocumentLanguage>(i18n.language === 'kk' ? 'kk' : 'ru');
  const [chosenOrder, setChosenOrder] = useState(rowKind === 'enrollmentOrder' ? source : '');
  const [chosenGroup, setChosenGroup] = useState(rowKind === 'groupList' ? source : '');
  const [asOf, setAsOf] = useState(today);
  const [from, setFrom] = useState(`${today.slice(0, 8)}01`);
  const [to, setTo] = useState(today);
  const [fullIin, setFullIin] = useState(false);
  const [pending, setPending] = useState<'exclude' | 'mark'>('mark');
  const [printers, setPrinters] = useState<PrinterInfo[]>([]);
  const [layout, setLayout] = useState<{ doc: PrintDocument; pages: number } | null>(null);
  const onLayout = useCallback((laidOut: PrintDocument, pages: number) => setLayout({ doc: laidOut, pages }), []);

  useEffect(() => {
    void host.listPrinters().then(setPrinters, () => setPrinters([]));
  }, [host]);

  const children = useMemo(
    () => enrolledChildren(enrollments, referrals, pendingCommands),
    [enrollments, referrals, pendingCommands],
  );
  const orders = useMemo(() => enrollmentOrders(children), [children]);
  const order = orders.find((o) => orderKey(o) === chosenOrder) ?? orders[0];
  const group = groups.find((g) => g.id === chosenGroup) ?? groups[0];
  const kindergarten = session.info.kindergarten;
  const isHead = session.info.staff.role === 'head';
  // The kindergarten's head signs; a session stored before the server named her falls back to the signed-in head.
  const signatory = useMemo(
    () =>
      kindergarten.head ??
      (isHead ? { fullName: session.info.staff.fullName, position: session.info.staff.position } : null),
    [kindergarten.head, isHead, session.info.staff.fullName, session.info.staff.position],
  );
  // The IIN is masked unless the head chooses to print it in full (the sheets' footer says which).
  const showsIin = kind === 'enrollmentOrder' || kind === 'groupList';

  const doc = useMemo<PrintDocument | null>(() => {
    const sources: DocumentSources = { kindergarten, groups, children, departures };
    const fixed = i18n.getFixedT(language);
    const options = {
      language,
      t: (key: string, values?: Record<string, unknown>) => String(fixed(key, values as never)),
      fullIin: fullIin && isHead,
      pending,
      signatory,
    };
    if (kind === 'enrollmentOrder') return order ? enrollmentOrder(sources, options, order) : null;
    if (kind === 'groupList') return group && asOf ? groupList(sources, options, group.id, asOf) : null;
    if (kind === 'intakeStatistics' || kind === 'occupancyForecast') {
      const scope = { name: language === 'kk' ? kindergarten.nameKk : kindergarten.nameRu, signatory };
      return headReport(kind, { groups, sources: loadSources, from, to, today, now: clock.now() }, scope, options);
    }
    if (kind === 'unitCalendar') {
      const now = clock.now();
      const calendars = groups.map((g) => ({ group: g, months: groupCalendar(g, today, loadSources, now) }));
      return unitCalendarDocument(calendars, kindergarten, { ...options, today, nextDay: (d) => plusDays(d, 1) });
    }
    return from && to ? movementRegister(sources, options, { from, to, today }) : null;
  }, [
    kind,
    language,
    fullIin,
    isHead,
    signatory,
    pending,
    order,
    group,
    asOf,
    from,
    to,
    today,
    kindergarten,
    groups,
    children,
    departures,
    i18n,
    loadSources,
    clock,
  ]);

  return (
    <section className="documents-screen" aria-labelledby="documents-title">
      <Title order={2} id="documents-title">
        {t('print.title')}
      </Title>
      <div className="documents-controls">
        <NativeSelect
          label={t('print.kind')}
          value={kind}
          onChange={(e) => setKind(e.currentTarget.value as DocumentKind)}
          data={kinds.map((k) => ({ value: k, label: t(`print.kinds.${k}`) }))}
        />
        <NativeSelect
          label={t('print.language')}
          value={language}
          onChange={(e) => setLanguage(e.currentTarget.value as DocumentLanguage)}
          data={(['ru', 'kk'] as const).map((l) => ({ value: l, label: t(`language.${l}`) }))}
        />
        {kind === 'enrollmentOrder' && orders.length > 0 && (
          <NativeSelect
            label={t('print.order')}
            value={order ? orderKey(order) : ''}
            onChange={(e) => setChosenOrder(e.currentTarget.value)}
            data={orders.map((o) => ({
              value: orderKey(o),
              label: t('doc.orderRefValue', { number: o.number, date: formatDate(o.date, i18n.language) }),
            }))}
          />
        )}
        {kind === 'groupList' && (
          <>
            <NativeSelect
              label={t('print.group')}
              value={group?.id ?? ''}
              onChange={(e) => setChosenGroup(e.currentTarget.value)}
              data={groups.map((g) => ({ value: g.id, label: g.name }))}
            />
            <TextInput
              type="date"
              label={t('print.asOf')}
              value={asOf}
              onChange={(e) => setAsOf(e.currentTarget.value)}
            />
          </>
        )}
        {(kind === 'movementRegister' || kind === 'intakeStatistics') && (
          <>
            <TextInput
              type="date"
              label={t('print.from')}
              value={from}
              onChange={(e) => setFrom(e.currentTarget.value)}
            />
            <TextInput type="date" label={t('print.to')} value={to} onChange={(e) => setTo(e.currentTarget.value)} />
          </>
        )}
        <NativeSelect
          label={t('print.pending')}
          value={pending}
          onChange={(e) => setPending(e.currentTarget.value as 'exclude' | 'mark')}
          data={[
            { value: 'mark', label: t('print.pendingMark') },
            { value: 'exclude', label: t('print.pendingExclude') },
          ]}
        />
        {isHead && showsIin && (
          <Checkbox
            label={t('print.fullIin')}
            checked={fullIin}
            onChange={(e) => setFullIin(e.currentTarget.checked)}
          />
        )}
      </div>
      {doc ? (
        <>
          <DocumentActions doc={doc} printers={printers} pages={layout?.doc === doc ? layout.pages : null} />
          <PrintSheets doc={doc} onLayout={onLayout} />
        </>
      ) : (
        <p role={kind === 'intakeStatistics' ? 'alert' : undefined}>
          {kind === 'intakeStatistics' ? t('report.badPeriod') : t('print.noOrders')}
        </p>
      )}
    </section>
  );
}
