import type { Departure, Group, Kindergarten } from '../../../shared/domain/index.js';
import { maskIin } from '../../../shared/domain/iin.js';
import { groupAgeGroupOn, nextAgeGroup } from '../../../shared/rules/index.js';
import { plusDays } from '../../../shared/calendar/dates.js';
import {
  PENDING_MARK,
  type DocumentColumn,
  type DocumentLanguage,
  type DocumentRow,
  type PrintDocument,
  type XlsxCell,
} from './document.js';
import { orderKey, type EnrolledChild, type OrderRef } from './enrolled-children.js';
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
  /** Who signs: the kindergarten's head (name and position); blank lines for a pen when unknown. */
  signatory: Signatory | null;
}

export interface Signatory {
  fullName: string;
  position: string;
}

/** The head's signature line: her position and name beside the line for the pen (blank lines when unknown). */
export function headSignature(t: Translate, signatory: Signatory | null): string {
  const blank = '______________________';
  return t('doc.headSignature', {
    position: signatory?.position || t('doc.headPosition'),
    name: signatory?.fullName || blank,
  });
}

export interface DocumentSources {
  kindergarten: Pick<Kindergarten, 'nameRu' | 'nameKk'>;
  groups: readonly Group[];
  children: readonly EnrolledChild[];
  departures: readonly Departure[];
}

/** A date as documents in Kazakhstan write it in both languages: 01.06.2026 (the one date format, shared/text). */
export const documentDate = (iso: string): string => formatCityDate(iso);
const documentDateOrDash = (iso: string | null) => (iso ? documentDate(iso) : '—');

const collator = (language: DocumentLanguage) => new Intl.Collator(language === 'kk' ? 'kk-KZ' : 'ru-RU');
const safeName = (text: string) => text.replace(/[\\/:*?"<>|]+/g, '-').trim();

function context(sources: DocumentSources, options: DocumentOptions) {
  const { language, t } = options;
  const groupById = new Map(sources.groups.map((g) => [g.id, g]));
  const kindergartenName = language === 'kk' ? sources.kindergarten.nameKk : sources.kindergarten.nameRu;
  const date = documentDateOrDash;
  const included = sources.children.filter((c) => options.pending === 'mark' || !c.pending);
  const name = (c: EnrolledChild) => (c.pending ? `${c.childFullName} ${PENDING_MARK}` : c.childFullName);
  const iin = (value: string) => (options.fullIin ? value : maskIin(value));
  /** The marked rows' commands, and the footer line that counts them. */
  const unconfirmed = (shown: readonly EnrolledChild[]) => {
    const ids = shown.filter((x) => x.pending).map((x) => x.id);
    return { unconfirmed: ids, legend: ids.length > 0 ? t('doc.unconfirmed', { count: ids.length }) : null };
  };
  const order = (o: { number: string; date: string | null }) =>
    o.number || o.date ? t('doc.orderRefValue', { number: o.number || '—', date: date(o.date) }) : '—';
  const byName = (a: EnrolledChild, b: EnrolledChild) => collator(language).compare(a.childFullName, b.childFullName);
  const iinNote = t(options.fullIin ? 'doc.iinFull' : 'doc.iinMasked');
  const signature = headSignature(t, options.signatory);
  return {
    language,
    t,
    groupById,
    kindergartenName,
    date,
    included,
    name,
    iin,
    unconfirmed,
    order,
    byName,
    iinNote,
    signature,
  };
}

/** A cell of a list: text, or a date (DD.MM.YYYY on paper and in CSV, a real date in the XLSX). */
type Cell = string | { date: string | null };
const DATE_FORMAT = 'dd.mm.yyyy';

/** Rows numbered from 1, each with its paper cells and its spreadsheet cells (numbers and real dates). */
const numbered = (rows: Array<Omit<DocumentRow, 'cells' | 'xlsx'> & { cells: Cell[] }>): DocumentRow[] =>
  rows.map((row, i) => ({
    ...row,
    cells: [
      String(i + 1),
      ...row.cells.map((cell) => (typeof cell === 'string' ? cell : documentDateOrDash(cell.date))),
    ],
    xlsx: [
      i + 1,
      ...row.cells.map<XlsxCell>((cell) =>
        typeof cell === 'string' ? cell : cell.date ? { date: cell.date, format: DATE_FORMAT } : '—',
      ),
    ],
  }));

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
    source: orderKey(ref),
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
          { date: x.childBirthDate },
          c.iin(x.childIin),
          c.groupById.get(x.groupId)?.name ?? '—',
          { date: x.enrolledOn || null },
          x.referralNumber ?? '—',
          x.representativeFullName || '—',
        ],
      })),
    ),
    ...c.unconfirmed(children),
    iinNote: c.iinNote,
    signatures: [t('doc.childrenCount', { count: children.length }), c.signature, t('doc.stamp')],
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
    source: groupId,
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
          { date: x.childBirthDate },
          c.iin(x.childIin),
          { date: x.enrolledOn || null },
          x.representativeFullName || '—',
        ],
      })),
    ),
    ...c.unconfirmed(children),
    iinNote: c.iinNote,
    signatures: [t('doc.childrenCount', { count: children.length }), c.signature],
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
  /** A move-up's age groups: from the group's on the day before the move to the next one. */
  ages?: { from: string; to: string };
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
  const admitted = new Set(admissions.map((m) => m.id));
  // A departure cancelled by an order of its own keeps its line and gains the cancellation's, on the cancellation order's date.
  const cancelled = new Set(sources.departures.filter((d) => d.cancelledAt !== null).map((d) => d.id));
  const departureLines = sources.departures
    .filter((d) => within(d.departsOn) || (d.cancelOrderDate !== null && within(d.cancelOrderDate)))
    .flatMap<Movement>((d) => {
      const ages = d.kind === 'move_up' ? moveUpAges(t, c.groupById.get(d.groupId), d.departsOn) : undefined;
      const basis = [t(`departureKind.${d.kind}`), ages ? `${ages.from} → ${ages.to}` : reasonText(t, d.reason)]
        .filter(Boolean)
        .join(': ');
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
        ...(ages ? { ages } : {}),
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
  /** Departures and transfers that took effect: a cancelled one keeps its line but not its count. */
  const inEffect = departures.filter((m) => !cancelled.has(m.id.split(':')[1]!));
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
          { date: m.date },
          t(`doc.${m.kind}`),
          m.child,
          { date: m.birthDate },
          c.groupById.get(m.groupId)?.name ?? '—',
          m.order,
          m.basis,
        ],
      })),
    ),
    ...c.unconfirmed(c.included.filter((x) => admitted.has(`in:${x.id}`))),
    iinNote: null,
    signatures: [
      t('doc.registerTotals', {
        admitted: admissions.length,
        departed: inEffect.filter((m) => m.kind === 'departure').reduce((sum, m) => sum + m.children, 0),
        transferred: transferTotals(t, inEffect),
      }),
      c.signature,
    ],
    fileName: safeName(`${t('doc.registerFile')} ${period.from} ${period.to}`),
    emptyText: t('doc.empty'),
  };
}

/** A move-up's age groups in words: the group's on the day before the move, and the next one. */
export function moveUpAges(
  t: Translate,
  group: Group | undefined,
  movesOn: string,
): { from: string; to: string } | undefined {
  if (!group) return undefined;
  const from = groupAgeGroupOn(group, plusDays(movesOn, -1));
  const to = nextAgeGroup(from);
  return { from: t(`ageGroup.${from}`), to: t(to === 'school' ? 'doc.school' : `ageGroup.${to}`) };
}

/** The transfers' total, and how many moved from which age group to which: "14 (Ясельная → Младшая: 14)". */
function transferTotals(t: Translate, movements: readonly Movement[]): string {
  const byAges = new Map<string, number>();
  let total = 0;
  for (const m of movements) {
    if (m.kind !== 'transfer') continue;
    total += m.children;
    const key = m.ages ? `${m.ages.from} → ${m.ages.to}` : '—';
    byAges.set(key, (byAges.get(key) ?? 0) + m.children);
  }
  if (total === 0) return '0';
  const parts = [...byAges].map(([ages, count]) => `${ages}: ${count}`);
  return `${total} (${parts.join('; ')})`;
}

/** A termination's reason code in words (other departures keep the department's text). */
function reasonText(t: Translate, reason: string): string {
  if (!reason) return '';
  const key = `terminationReason.${reason}`;
  const text = t(key);
  return text === key ? reason : text;
}
