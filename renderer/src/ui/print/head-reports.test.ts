import i18next from 'i18next';
import type { Publication, Referral } from '../../../../shared/domain/index.js';
import { kk } from '../../i18n/kk.js';
import { ru } from '../../i18n/ru.js';
import { documentKindsFor, headReport, type HeadReportInput } from './head-reports.js';

const i18n = i18next.createInstance();
await i18n.init({
  resources: { ru: { translation: ru }, kk: { translation: kk } },
  lng: 'ru',
  interpolation: { escapeValue: false },
});
const options = (language: 'ru' | 'kk') => {
  const t = i18n.getFixedT(language);
  return { language, t: (key: string, values?: Record<string, unknown>) => String(t(key, values as never)) };
};

const id = (n: number) => `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`;
const stamp = { rev: 1, updatedAt: '2026-06-01T00:00:00.000Z' };
const publication: Publication = {
  id: id(1),
  kindergartenId: id(9),
  groupId: id(2),
  scheduleEntryId: id(3),
  vacancyId: null,
  previousPublicationId: null,
  birthYear: 2024,
  language: 'ru',
  seats: 3,
  availableFrom: '2026-09-01',
  publishedAt: '2026-06-01T05:00:00.000Z',
  windowClosesAt: '2026-06-04T13:00:00.000Z',
  withdrawnAt: null,
  round: 1,
  ...stamp,
};
const referral = (n: number, applicantPriority: Referral['applicantPriority']): Referral => ({
  id: id(100 + n),
  number: `2026-00000${n}`,
  seatId: id(200 + n),
  publicationId: publication.id,
  kindergartenId: id(9),
  groupId: id(2),
  applicantId: id(300 + n),
  applicantPriority,
  childFullName: `Ребёнок ${n}`,
  childBirthDate: '2024-02-02',
  childIin: '240202500017',
  representativeFullName: 'Мама',
  representativePhone: '',
  availableFrom: '2026-09-01',
  claimedAt: '2026-06-02T05:00:00.000Z',
  claimedInPhase: 'queue_window',
  contractDeadline: '2026-06-09T18:59:59.999Z',
  status: 'active',
  contractConcludedAt: null,
  contractConcludedBy: null,
  enrollmentId: null,
  closedAt: null,
  closeReason: null,
  closeNote: '',
  ...stamp,
});

describe("the head's reports on the desk", () => {
  it('are offered to the head only; a staff member keeps the documents of the daily work', () => {
    expect(documentKindsFor('head')).toEqual([
      'enrollmentOrder',
      'groupList',
      'movementRegister',
      'unitCalendar',
      'intakeStatistics',
      'occupancyForecast',
    ]);
    expect(documentKindsFor('staff')).toEqual(['enrollmentOrder', 'groupList', 'movementRegister', 'unitCalendar']);
  });

  it('break the intake statistics down by the category each referral carries, in ru and kk, numbers in XLSX', () => {
    const referrals = [
      referral(1, 'first'),
      referral(2, 'general'),
      referral(3, 'general'),
      referral(4, 'out_of_turn'),
    ];
    const input: HeadReportInput = {
      groups: [],
      sources: {
        enrollments: [],
        seats: [],
        referrals: new Map(referrals.map((r) => [r.id, r])),
        publications: [publication],
      },
      from: '2026-06-01',
      to: '2026-06-30',
      today: '2026-06-03',
      now: new Date('2026-06-03T05:00:00.000Z'),
    };
    const scope = { name: 'Балапан', signatory: null };
    const rowsOf = (language: 'ru' | 'kk') => {
      const doc = headReport('intakeStatistics', input, scope, options(language))!;
      return Object.fromEntries(doc.rows.map((r) => [r.id, r]));
    };
    const ru = rowsOf('ru');
    // The columns: slice, seats published, issued, …
    expect(ru['priority:out_of_turn']?.cells.slice(0, 3)).toEqual(['Категория: внеочередная', '0', '1']);
    expect(ru['priority:first']?.cells.slice(0, 3)).toEqual(['Категория: первоочередная', '0', '1']);
    expect(ru['priority:general']?.cells.slice(0, 3)).toEqual(['Категория: общая очередь', '0', '2']);
    expect(ru['priority:general']?.xlsx?.slice(0, 3)).toEqual(['Категория: общая очередь', 0, 2]);
    expect(ru.total?.cells.slice(0, 3)).toEqual(['Всего', '3', '4']);
    const kkRows = rowsOf('kk');
    expect(kkRows['priority:first']?.cells.slice(0, 3)).toEqual(['Санат: бірінші кезектегі', '0', '1']);
  });
});
