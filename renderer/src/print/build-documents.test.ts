import i18next from 'i18next';
import type { Command } from '../../../shared/commands/command.js';
import type { Enrollment, Group, Referral } from '../../../shared/domain/index.js';
import { kk } from '../i18n/kk.js';
import { ru } from '../i18n/ru.js';
import { documentDate, enrollmentOrder, groupList, movementRegister, type DocumentOptions } from './build-documents.js';
import { enrolledChildren, enrollmentOrders } from './enrolled-children.js';
import { documentToCsv } from './export-table.js';

const i18n = i18next.createInstance();
await i18n.init({
  resources: { ru: { translation: ru }, kk: { translation: kk } },
  lng: 'ru',
  interpolation: { escapeValue: false },
});
const options = (language: 'ru' | 'kk', more: Partial<DocumentOptions> = {}): DocumentOptions => {
  const t = i18n.getFixedT(language);
  return { language, t: (key, values) => String(t(key, values as never)), fullIin: false, pending: 'mark', ...more };
};

const id = (n: number) => `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`;
const sunny: Group = {
  id: id(1),
  kindergartenId: id(9),
  name: 'Солнышко',
  ageGroup: 'early',
  nextAgeGroup: null,
  nextAgeGroupOn: null,
  language: 'ru',
  capacity: 15,
  rev: 1,
  updatedAt: '2026-06-01T00:00:00.000Z',
};
const enrollment = (n: number, more: Partial<Enrollment> = {}): Enrollment => ({
  id: id(100 + n),
  kindergartenId: id(9),
  groupId: sunny.id,
  referralId: null,
  applicantId: null,
  childFullName: `Ребёнок ${n}`,
  childBirthDate: '2024-03-05',
  childIin: '240305500017',
  representativeFullName: 'Мама',
  representativePhone: '',
  enrolledOn: '2026-06-01',
  orderNumber: '15-к',
  orderDate: '2026-06-01',
  departedOn: null,
  departureId: null,
  rev: 1,
  updatedAt: '2026-06-01T00:00:00.000Z',
  ...more,
});
const referral = {
  id: id(200),
  number: 'KZ-2026-0042',
  groupId: sunny.id,
  childFullName: 'Әлия Қасымова',
  childBirthDate: '2024-01-02',
  childIin: '240102600018',
  representativeFullName: 'Қасымова Гүлнара',
  representativePhone: '',
} as Referral;
const pendingEnroll: Command = {
  id: id(300),
  kind: 'referral.enroll',
  payload: { referralId: referral.id, enrollmentDate: '2026-06-01', orderNumber: '15-к', orderDate: '2026-06-01' },
  deviceId: 'pc',
  deviceTime: '2026-06-01T05:00:00.000Z',
  status: 'pending',
  rejection: null,
  executedAt: null,
  rev: 0,
  updatedAt: '2026-06-01T05:00:00.000Z',
};

const children = enrolledChildren(
  [enrollment(1), enrollment(2, { departedOn: '2026-06-02' })],
  [referral],
  [pendingEnroll],
);
const sources = {
  kindergarten: { nameRu: 'Ясли-сад № 1', nameKk: '№ 1 бөбекжай' },
  groups: [sunny],
  children,
  departures: [],
};
const order = { number: '15-к', date: '2026-06-01' };

describe('the documents built from the replica', () => {
  it('lists an enrollment still waiting to be sent with the † mark and its legend, or leaves it out', () => {
    const marked = enrollmentOrder(sources, options('ru'), order);
    // Sorted by name as Russian sorts it: Ә beside А.
    expect(marked.rows.map((r) => r.cells[1])).toEqual(['Әлия Қасымова †', 'Ребёнок 1', 'Ребёнок 2']);
    expect(marked.rows.map((r) => r.pending)).toEqual([true, false, false]);
    expect(marked.rows[0]?.cells[6]).toBe('KZ-2026-0042');
    expect(marked.legend).toMatch(/^† — зачисление ещё не отправлено/);

    const excluded = enrollmentOrder(sources, options('ru', { pending: 'exclude' }), order);
    expect(excluded.rows).toHaveLength(2);
    expect(excluded.legend).toBeNull();
  });

  it('masks the IIN unless the full one is chosen', () => {
    expect(enrollmentOrder(sources, options('ru'), order).rows[1]?.cells[3]).toBe('••••••••0017');
    expect(enrollmentOrder(sources, options('ru', { fullIin: true }), order).rows[1]?.cells[3]).toBe('240305500017');
  });

  it('titles the order in the document’s language, with its number and date', () => {
    expect(enrollmentOrder(sources, options('ru'), order).title).toBe('Приказ № 15-к от 01.06.2026');
    const kazakh = enrollmentOrder(sources, options('kk'), order);
    expect(kazakh.title).toBe('01.06.2026 № 15-к бұйрық');
    expect(kazakh.kindergartenName).toBe('№ 1 бөбекжай');
    expect(kazakh.columns[3]?.label).toBe('ЖСН');
  });

  it('lists a group as of a date: enrolled by then and not yet departed', () => {
    expect(groupList(sources, options('ru'), sunny.id, '2026-06-01').rows).toHaveLength(3);
    expect(groupList(sources, options('ru'), sunny.id, '2026-06-02').rows.map((r) => r.cells[1])).toEqual([
      'Әлия Қасымова †',
      'Ребёнок 1',
    ]);
    expect(groupList(sources, options('ru'), sunny.id, '2026-05-31').rows).toEqual([]);
  });

  it('enters admissions and departures of the period in the movement register, by date', () => {
    const departure = {
      id: id(400),
      kindergartenId: id(9),
      groupId: sunny.id,
      kind: 'termination' as const,
      departsOn: '2026-06-02',
      orderNumber: '16-к',
      orderDate: '2026-06-02',
      reason: 'parent_request',
      enrollmentId: id(102),
      children: 1,
      cancelledAt: null,
      cancelOrderNumber: '',
      cancelOrderDate: null,
      rev: 1,
      updatedAt: '2026-06-02T00:00:00.000Z',
    };
    const register = movementRegister({ ...sources, departures: [departure] }, options('ru'), {
      from: '2026-06-01',
      to: '2026-06-30',
      today: '2026-06-03',
    });
    expect(register.rows.map((r) => [r.cells[1], r.cells[2], r.cells[3]])).toEqual([
      ['01.06.2026', 'прибыл', 'Әлия Қасымова †'],
      ['01.06.2026', 'прибыл', 'Ребёнок 1'],
      ['01.06.2026', 'прибыл', 'Ребёнок 2'],
      ['02.06.2026', 'выбыл', 'Ребёнок 2'],
    ]);
    expect(register.rows[3]?.cells[6]).toBe('№ 16-к от 02.06.2026');
    expect(register.rows[3]?.cells[7]).toBe('расторжение договора: заявление родителя');
    expect(register.signatures[0]).toBe('Прибыло: 3; выбыло: 1');
  });

  it('enters a group’s move-up as a transfer of the whole group, not as children leaving', () => {
    const moveUp = {
      id: id(500),
      kindergartenId: id(9),
      groupId: sunny.id,
      kind: 'move_up' as const,
      departsOn: '2026-08-25',
      orderNumber: '30-к',
      orderDate: '2026-08-20',
      reason: '',
      enrollmentId: null,
      children: 14,
      cancelledAt: null,
      cancelOrderNumber: '',
      cancelOrderDate: null,
      rev: 1,
      updatedAt: '2026-08-20T00:00:00.000Z',
    };
    const register = movementRegister({ ...sources, departures: [moveUp] }, options('ru'), {
      from: '2026-08-01',
      to: '2026-08-31',
      today: '2026-08-31',
    });
    expect(register.rows.map((r) => r.cells.slice(1, 4))).toEqual([
      ['25.08.2026', 'переведены', 'группа целиком: 14 дет.'],
    ]);
    expect(register.signatures[0]).toBe('Прибыло: 0; выбыло: 0');
  });

  it('keeps a cancelled graduation’s line and adds the cancellation’s, on its order’s date; the children did not leave', () => {
    const graduation = {
      id: id(600),
      kindergartenId: id(9),
      groupId: sunny.id,
      kind: 'graduation' as const,
      departsOn: '2026-06-30',
      orderNumber: '40-к',
      orderDate: '2026-06-10',
      reason: '',
      enrollmentId: null,
      children: 3,
      cancelledAt: '2026-06-12T05:00:00.000Z',
      cancelOrderNumber: '41-к',
      cancelOrderDate: '2026-06-12',
      rev: 2,
      updatedAt: '2026-06-12T05:00:00.000Z',
    };
    const register = movementRegister({ ...sources, departures: [graduation] }, options('ru'), {
      from: '2026-06-02',
      to: '2026-06-30',
      today: '2026-06-30',
    });
    expect(register.rows.map((r) => [...r.cells.slice(1, 4), r.cells[6], r.cells[7]])).toEqual([
      [
        '12.06.2026',
        'отмена выбытия',
        'группа целиком: 3 дет.',
        '№ 41-к от 12.06.2026',
        'отменяет: выпуск в школу с 30.06.2026',
      ],
      ['30.06.2026', 'выбыл', 'группа целиком: 3 дет.', '№ 40-к от 10.06.2026', 'выпуск в школу'],
    ]);
    expect(register.signatures[0]).toBe('Прибыло: 0; выбыло: 0');
  });

  it('offers each enrollment order once, the newest first', () => {
    const later = enrolledChildren([enrollment(3, { orderNumber: '20-к', orderDate: '2026-07-01' })], [], []);
    expect(enrollmentOrders([...children, ...later])).toEqual([
      { number: '20-к', date: '2026-07-01' },
      { number: '15-к', date: '2026-06-01' },
    ]);
  });

  it('writes CSV for Excel: a BOM, semicolons, quoted fields where needed', () => {
    const csv = documentToCsv(enrollmentOrder(sources, options('ru'), order));
    expect(csv.startsWith('\uFEFFЯсли-сад № 1 · Приказ № 15-к от 01.06.2026 · 01.06.2026\r\n')).toBe(true);
    expect(csv).toContain('\r\n№;Фамилия, имя, отчество ребёнка;Дата рождения;ИИН;');
    expect(csv).toContain('\r\n2;Ребёнок 1;05.03.2024;••••••••0017;Солнышко;01.06.2026;—;Мама\r\n');
  });

  it('writes dates as 01.06.2026 in both languages', () => {
    expect(documentDate('2026-06-01')).toBe('01.06.2026');
  });
});
