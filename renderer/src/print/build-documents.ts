import type { Departure, Group, Kindergarten } from '../../../shared/domain/index.js';
import { maskIin } from '../../../shared/domain/iin.js';
import { groupAgeGroupOn } from '../../../shared/rules/index.js';
import {
  PENDING_MARK,
  type DocumentColumn,
  type DocumentLanguage,
  type DocumentRow,
  type PrintDocument,
} from './document.js';
import type { EnrolledChild, OrderRef } from './enrolled-children.js';
import { formatCityDate } from '../../../shared/text/city-format.js';

/** i18next's `t` fixed to the document's language. */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

export interface DocumentOptions {
  language: DocumentLanguage;
  t: Translate;
  /** The IIN in full, or masked (the last 4 digits only). */
  fullIin: boolean;
  /** Enrollments not yet synced: left out, or listed with the † mark and its legend. */
  pending: 'exclude' | 'mark';
}

export interface DocumentSources {
  kindergarten: Pick<Kindergarten, 'nameRu' | 'nameKk'>;
  groups: readonly Group[];
  children: readonly EnrolledChild[];
  departures: readonly Departure[];
}

/** A date as documents in Kazakhstan write it in both languages: 01.06.2026 (the one date format, shared/text). */
export const documentDate = (iso: string): string => formatCityDate(iso);

const collator = (language: DocumentLanguage) => new Intl.Collator(language === 'kk' ? 'kk-KZ' : 'ru-RU');
const safeName = (text: string) => text.replace(/[\\/:*?"<>|]+/g, '-').trim();

function context(sources: DocumentSources, options: DocumentOptions) {
  const { language, t } = options;
  const groupById = new Map(sources.groups.map((g) => [g.id, g]));
  const kindergartenName = language === 'kk' ? sources.kindergarten.nameKk : sources.kindergarten.nameRu;
  const date = (iso: string | null) => (iso ? documentDate(iso) : '—');
  const included = sources.children.filter((c) => options.pending === 'mark' || !c.pending);
  const name = (c: EnrolledChild) => (c.pending ? `${c.childFullName} ${PENDING_MARK}` : c.childFullName);
  const iin = (value: string) => (options.fullIin ? value : maskIin(value));
  const legend = included.some((c) => c.pending) ? t('doc.legend') : null;
  const order = (o: { number: string; date: string | null }) =>
    o.number || o.date ? t('doc.orderRefValue', { number: o.number || '—', date: date(o.date) }) : '—';
  const byName = (a: EnrolledChild, b: EnrolledChild) => collator(language).compare(a.childFullName, b.childFullName);
  return { language, t, groupById, kindergartenName, date, included, name, iin, legend, order, byName };
}

const numbered = (rows: Array<Omit<DocumentRow, 'cells'> & { cells: string[] }>): DocumentRow[] =>
  rows.map((row, i) => ({ ...row, cells: [String(i + 1), ...row.cells] }));

/** Приказ о зачислении: the children enrolled by one order, with its heading, preamble and signature lines. */
export function enrollmentOrder(sources: DocumentSources, options: DocumentOptions, ref: OrderRef): PrintDocument {
  const c = context(sources, options);
  const { t } = c;
  const children = c.included.filter((x) => x.orderNumber === ref.number && x.orderDate === ref.date).sort(c.byName);
  const columns: DocumentColumn[] = [
    { label: t('doc.no'), width: 4, align: 'center' },
    { label: t('doc.childName'), width: 20 },
    { label: t('doc.birthDate'), width: 9, align: 'center' },
    { label: t('doc.iin'), width: 11, align: 'center' },
    { label: t('doc.group'), width: 11 },
    { label: t('doc.enrolledOn'), width: 10, align: 'center' },
    { label: t('doc.referral'), width: 12, align: 'center' },
    { label: t('doc.representative'), width: 23 },
  ];
  const title = t('doc.orderTitle', { number: ref.number, date: c.date(ref.date) });
  return {
    kind: 'enrollmentOrder',
    language: c.language,
    landscape: true,
    kindergartenName: c.kindergartenName,
    title,
    date: c.date(ref.date),
    heading: [t('doc.orderHeading'), title, t('doc.orderSubject')],
    preamble: t('doc.orderPreamble', { kindergarten: c.kindergartenName }),
    columns,
    rows: numbered(
      children.map((x) => ({
        id: x.id,
        pending: x.pending,
        cells: [
          c.name(x),
          c.date(x.childBirthDate),
          c.iin(x.childIin),
          c.groupById.get(x.groupId)?.name ?? '—',
          c.date(x.enrolledOn),
          x.referralNumber ?? '—',
          x.representativeFullName || '—',
        ],
      })),
    ),
    legend: children.some((x) => x.pending) ? c.legend : null,
    signatures: [t('doc.childrenCount', { count: children.length }), t('doc.headSignature'), t('doc.stamp')],
    fileName: safeName(`${t('doc.orderFile')} ${ref.number} ${ref.date}`),
    emptyText: t('doc.empty'),
  };
}

/** Список группы: the children attending a group on a date (enrolled by then, not yet departed). */
export function groupList(sources: DocumentSources, options: DocumentOptions, groupId: string, asOf: string) {
  const c = context(sources, options);
  const { t } = c;
  const group = c.groupById.get(groupId);
  const children = c.included
    .filter((x) => x.groupId === groupId && x.enrolledOn <= asOf && (!x.departedOn || x.departedOn > asOf))
    .sort(c.byName);
  const title = t('doc.groupTitle', { group: group?.name ?? '—' });
  const document: PrintDocument = {
    kind: 'groupList',
    language: c.language,
    landscape: false,
    kindergartenName: c.kindergartenName,
    title,
    date: c.date(asOf),
    heading: [
      title,
      group
        ? t('doc.groupSubtitle', {
            ageGroup: t(`ageGroup.${groupAgeGroupOn(group, asOf)}`),
            language: t(`languageOfInstruction.${group.language}`),
            date: c.date(asOf),
          })
        : '',
    ],
    preamble: '',
    columns: [
      { label: t('doc.no'), width: 6, align: 'center' },
      { label: t('doc.childName'), width: 29 },
      { label: t('doc.birthDate'), width: 13, align: 'center' },
      { label: t('doc.iin'), width: 16, align: 'center' },
      { label: t('doc.enrolledOn'), width: 14, align: 'center' },
      { label: t('doc.representative'), width: 22 },
    ],
    rows: numbered(
      children.map((x) => ({
        id: x.id,
        pending: x.pending,
        cells: [
          c.name(x),
          c.date(x.childBirthDate),
          c.iin(x.childIin),
          c.date(x.enrolledOn),
          x.representativeFullName || '—',
        ],
      })),
    ),
    legend: children.some((x) => x.pending) ? c.legend : null,
    signatures: [t('doc.childrenCount', { count: children.length }), t('doc.headSignature')],
    fileName: safeName(`${t('doc.groupFile')} ${group?.name ?? ''} ${asOf}`),
    emptyText: t('doc.empty'),
  };
  return document;
}

/** Admitted to the kindergarten, left it, or moved up to the next age group within it. */
type MovementKind = 'admission' | 'departure' | 'transfer' | 'cancellation';
const movementOrder: Record<MovementKind, number> = { admission: 0, transfer: 1, departure: 2, cancellation: 3 };

interface Movement {
  id: string;
  date: string;
  kind: MovementKind;
  /** Children the line stands for (a whole group's line stands for all of them). */
  children: number;
  child: string;
  birthDate: string | null;
  groupId: string;
  order: string;
  basis: string;
  pending: boolean;
}

/** Журнал движения контингента: admissions and departures in a period, by date, with orders and reasons. */
export function movementRegister(
  sources: DocumentSources,
  options: DocumentOptions,
  period: { from: string; to: string; today: string },
): PrintDocument {
  const c = context(sources, options);
  const { t } = c;
  const within = (d: string) => d >= period.from && d <= period.to;
  // A child moved up into another group starts a new stay on the move's date: that is the move-up's
  // transfer line (dated the move's date), not an admission.
  const moveUps = new Set(sources.departures.filter((d) => d.kind === 'move_up').map((d) => d.id));
  const movedIn = new Set(
    sources.children
      .filter((x) => x.departureId !== null && moveUps.has(x.departureId) && x.departedOn !== null)
      .map((x) => `${x.childIin}|${x.departedOn}`),
  );
  const admissions = c.included
    .filter((x) => within(x.enrolledOn) && !movedIn.has(`${x.childIin}|${x.enrolledOn}`))
    .map<Movement>((x) => ({
      id: `in:${x.id}`,
      date: x.enrolledOn,
      kind: 'admission',
      children: 1,
      child: c.name(x),
      birthDate: x.childBirthDate,
      groupId: x.groupId,
      order: c.order({ number: x.orderNumber, date: x.orderDate }),
      basis: x.referralNumber ? t('doc.byReferral', { number: x.referralNumber }) : '—',
      pending: x.pending,
    }));
  // A departure cancelled by an order of its own keeps its line and gains the cancellation's, on the cancellation order's date.
  const cancelled = new Set(sources.departures.filter((d) => d.cancelledAt !== null).map((d) => d.id));
  const departureLines = sources.departures
    .filter((d) => within(d.departsOn) || (d.cancelOrderDate !== null && within(d.cancelOrderDate)))
    .flatMap<Movement>((d) => {
      const basis = [t(`departureKind.${d.kind}`), reasonText(t, d.reason)].filter(Boolean).join(': ');
      const left = sources.children.filter(
        (x) => x.departureId === d.id || (d.enrollmentId && x.id === d.enrollmentId),
      );
      const base = {
        date: d.departsOn,
        kind: d.kind === 'move_up' ? ('transfer' as const) : ('departure' as const),
        groupId: d.groupId,
        order: c.order({ number: d.orderNumber, date: d.orderDate }),
        basis,
        pending: false,
      };
      const lines: Movement[] =
        left.length === 0
          ? [
              {
                ...base,
                id: `out:${d.id}`,
                child: t('doc.wholeGroup', { count: d.children }),
                birthDate: null,
                children: d.children,
              },
            ]
          : left.map((x) => ({
              ...base,
              id: `out:${d.id}:${x.id}`,
              child: x.childFullName,
              birthDate: x.childBirthDate,
              children: 1,
            }));
      const cancelledOn = d.cancelOrderDate ?? d.departsOn;
      return [
        ...(within(d.departsOn) ? lines : []),
        ...(d.cancelledAt !== null && within(cancelledOn)
          ? lines.map((line) => ({
              ...line,
              id: `cancel:${line.id}`,
              date: cancelledOn,
              kind: 'cancellation' as const,
              order: c.order({ number: d.cancelOrderNumber, date: d.cancelOrderDate }),
              basis: t('doc.cancelsDeparture', { basis, date: c.date(d.departsOn) }),
            }))
          : []),
      ];
    });
  const departures = departureLines.filter((m) => m.kind !== 'cancellation');
  const names = collator(c.language);
  const movements = [...admissions, ...departureLines].sort(
    (a, b) =>
      a.date.localeCompare(b.date) || movementOrder[a.kind] - movementOrder[b.kind] || names.compare(a.child, b.child),
  );
  const title = t('doc.registerTitle');
  const periodText = t('doc.registerPeriod', { from: c.date(period.from), to: c.date(period.to) });
  return {
    kind: 'movementRegister',
    language: c.language,
    landscape: true,
    kindergartenName: c.kindergartenName,
    title: `${title} ${periodText}`,
    date: c.date(period.today),
    heading: [title, periodText],
    preamble: '',
    columns: [
      { label: t('doc.no'), width: 4, align: 'center' },
      { label: t('doc.date'), width: 9, align: 'center' },
      { label: t('doc.movement'), width: 8, align: 'center' },
      { label: t('doc.childName'), width: 21 },
      { label: t('doc.birthDate'), width: 9, align: 'center' },
      { label: t('doc.group'), width: 11 },
      { label: t('doc.orderRef'), width: 16, align: 'center' },
      { label: t('doc.basis'), width: 22 },
    ],
    rows: numbered(
      movements.map((m) => ({
        id: m.id,
        pending: m.pending,
        cells: [
          c.date(m.date),
          t(`doc.${m.kind}`),
          m.child,
          c.date(m.birthDate),
          c.groupById.get(m.groupId)?.name ?? '—',
          m.order,
          m.basis,
        ],
      })),
    ),
    legend: admissions.some((m) => m.pending) ? c.legend : null,
    signatures: [
      t('doc.registerTotals', {
        admitted: admissions.length,
        departed: departures
          .filter((m) => m.kind === 'departure' && !cancelled.has(m.id.split(':')[1]!))
          .reduce((sum, m) => sum + m.children, 0),
      }),
      t('doc.headSignature'),
    ],
    fileName: safeName(`${t('doc.registerFile')} ${period.from} ${period.to}`),
    emptyText: t('doc.empty'),
  };
}

/** A termination's reason code in words (other departures keep the department's text). */
function reasonText(t: Translate, reason: string): string {
  if (!reason) return '';
  const key = `terminationReason.${reason}`;
  const text = t(key);
  return text === key ? reason : text;
}
