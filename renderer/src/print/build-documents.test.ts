import i18next from 'i18next';
import type { Command } from '../../../shared/commands/command.js';
import type { Enrollment, Group, Referral } from '../../../shared/domain/index.js';
import { kk } from '../i18n/kk.js';
import { ru } from '../i18n/ru.js';
import { documentDate, enrollmentOrder, groupList, movementRegister, type DocumentOptions } from './build-documents.js';
import { enrolledChildren, enrollmentOrders } from './enrolled-children.js';
import { documentToCsv, documentToXlsx } from './export-table.js';

const i18n = i18next.createInstance();
await i18n.init({
  resources: { ru: { translation: ru }, kk: { translation: kk } },
  lng: 'ru',
  interpolation: { escapeValue: false },
});
const options = (language: 'ru' | 'kk', more: Partial<DocumentOptions> = {}): DocumentOptions => {
  const t = i18n.getFixedT(language);
  return {
    language,
    t: (key, values) => String(t(key, values as never)),
    fullIin: false,
    pending: 'mark',
    signatory: null,
    ...more,
  };
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
    expect(marked.legend).toBe(
      '† — 1 строка с изменением, ещё не подтверждённым сервером (не синхронизировано): сверьте документ после синхронизации',
    );
    expect(marked.unconfirmed).toEqual([pendingEnroll.id]);

    const excluded = enrollmentOrder(sources, options('ru', { pending: 'exclude' }), order);
    expect(excluded.rows).toHaveLength(2);
    expect(excluded.legend).toBeNull();
    expect(excluded.unconfirmed).toEqual([]);
  });

  it('counts the unconfirmed rows on paper in every document and language, and names their commands', () => {
    const second: Command = {
      ...pendingEnroll,
      id: id(301),
      payload: { ...pendingEnroll.payload, referralId: id(201) },
    };
    const twoPending = {
      ...sources,
      children: enrolledChildren(
        [enrollment(1)],
        [referral, { ...referral, id: id(201), number: 'KZ-2026-0043', childFullName: 'Ерасыл Нұрланов' }],
        [pendingEnroll, second],
      ),
    };
    const ids = [pendingEnroll.id, second.id];
    const ruOrder = enrollmentOrder(twoPending, options('ru'), order);
    expect(ruOrder.legend).toMatch(/^† — 2 строки с изменениями, ещё не подтверждёнными сервером/);
    expect(ruOrder.unconfirmed.sort()).toEqual(ids);
    expect(ruOrder.rows.filter((r) => r.pending)).toHaveLength(2);
    expect(enrollmentOrder(twoPending, options('kk'), order).legend).toBe(
      '† — сервер әлі растамаған өзгерісі бар жолдар: 2 (синхрондалмаған): синхрондаудан кейін құжатты тексеріңіз',
    );
    const list = groupList(twoPending, options('ru'), sunny.id, '2026-06-03');
    expect(list.legend).toMatch(/^† — 2 строки/);
    expect(list.unconfirmed.sort()).toEqual(ids);
    const register = (from: string, to: string) =>
      movementRegister(twoPending, options('ru'), { from, to, today: '2026-06-03' });
    expect(register('2026-06-01', '2026-06-03').legend).toMatch(/^† — 2 строки/);
    expect(register('2026-06-01', '2026-06-03').unconfirmed.sort()).toEqual(ids);
    // Outside the register's period the pending enrollments are not on paper, so not counted.
    const before = register('2026-05-01', '2026-05-31');
    expect(before.legend).toBeNull();
    expect(before.unconfirmed).toEqual([]);
  });

  it('masks the IIN unless the full one is chosen, and says which in every page’s footer', () => {
    const masked = enrollmentOrder(sources, options('ru'), order);
    expect(masked.rows[1]?.cells[3]).toBe('••••••••0017');
    expect(masked.iinNote).toBe('ИИН скрыт: указаны только последние 4 цифры');
    const full = enrollmentOrder(sources, options('ru', { fullIin: true }), order);
    expect(full.rows[1]?.cells[3]).toBe('240305500017');
    expect(full.iinNote).toBe('ИИН указан полностью по решению заведующей');
    expect(groupList(sources, options('kk', { fullIin: true }), sunny.id, '2026-06-01').iinNote).toBe(
      'ЖСН меңгерушінің шешімімен толық көрсетілген',
    );
    // The register lists no IIN: nothing to say.
    expect(
      movementRegister(sources, options('ru'), { from: '2026-06-01', to: '2026-06-30', today: '2026-06-30' }).iinNote,
    ).toBeNull();
  });

  it('puts the head’s position and name beside the signature line, blank lines for a pen when unknown', () => {
    const signatory = { fullName: 'Ахметова Гульнара Сериковна', position: 'И. о. заведующей' };
    expect(enrollmentOrder(sources, options('ru', { signatory }), order).signatures).toEqual([
      'Всего детей: 3',
      'И. о. заведующей ______________________ / Ахметова Гульнара Сериковна /',
      'М. П.',
    ]);
    expect(
      groupList(sources, options('kk', { signatory: { ...signatory, position: '' } }), sunny.id, '2026-06-01')
        .signatures[1],
    ).toBe('Меңгеруші ______________________ / Ахметова Гульнара Сериковна /');
    expect(enrollmentOrder(sources, options('ru'), order).signatures[1]).toBe(
      'Заведующая ______________________ / ______________________ /',
    );
  });

  it('writes dates into the XLSX as real dates and the row number as a number; CSV keeps 01.06.2026', async () => {
    const doc = enrollmentOrder(sources, options('ru'), order);
    const { default: ExcelJS } = await import('exceljs');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await documentToXlsx(doc)).buffer as ArrayBuffer);
    const row = book.worksheets[0]!.getRow(4);
    expect(row.getCell(1).value).toBe(2);
    expect(row.getCell(2).value).toBe('Ребёнок 1');
    expect(row.getCell(3).value).toEqual(new Date('2024-03-05T00:00:00.000Z'));
    expect(row.getCell(3).numFmt).toBe('dd.mm.yyyy');
    expect(row.getCell(6).value).toEqual(new Date('2026-06-01T00:00:00.000Z'));
    expect(row.getCell(6).numFmt).toBe('dd.mm.yyyy');
    expect(doc.rows[1]?.cells[2]).toBe('05.03.2024');

    const list = groupList(sources, options('kk'), sunny.id, '2026-06-01');
    await book.xlsx.load((await documentToXlsx(list)).buffer as ArrayBuffer);
    const listRow = book.worksheets[0]!.getRow(3);
    expect(listRow.getCell(3).value).toEqual(new Date('2024-01-02T00:00:00.000Z'));
    expect(listRow.getCell(5).value).toEqual(new Date('2026-06-01T00:00:00.000Z'));
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

  it('enters admissions and departures of the period in the movement register, by date', async () => {
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
    expect(register.signatures[0]).toBe('Прибыло: 3; выбыло: 1; переведено: 0');

    const { default: ExcelJS } = await import('exceljs');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await documentToXlsx(register)).buffer as ArrayBuffer);
    const line = book.worksheets[0]!.getRow(6);
    expect(line.getCell(1).value).toBe(4);
    expect(line.getCell(2).value).toEqual(new Date('2026-06-02T00:00:00.000Z'));
    expect(line.getCell(2).numFmt).toBe('dd.mm.yyyy');
    expect(line.getCell(5).value).toEqual(new Date('2024-03-05T00:00:00.000Z'));
    expect(line.getCell(7).value).toBe('№ 16-к от 02.06.2026');
  });

  it('enters a group’s move-up as a transfer of the whole group, not as children leaving; totals say from which age group to which', () => {
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
    expect(register.rows[0]?.cells[7]).toBe('перевод: Ясельная → Младшая');
    expect(register.signatures[0]).toBe('Прибыло: 0; выбыло: 0; переведено: 14 (Ясельная → Младшая: 14)');

    // A relabel recorded on the group itself: the age group is read on the day before the move.
    const relabelled = {
      ...sunny,
      ageGroup: 'junior' as const,
      nextAgeGroup: 'middle' as const,
      nextAgeGroupOn: '2026-08-25',
    };
    const older = { ...sunny, id: id(2), name: 'Радуга', ageGroup: 'middle' as const };
    const second = { ...moveUp, id: id(501), groupId: older.id, children: 3 };
    const both = movementRegister(
      { ...sources, groups: [relabelled, older], departures: [moveUp, second] },
      options('kk'),
      { from: '2026-08-01', to: '2026-08-31', today: '2026-08-31' },
    );
    expect(both.signatures[0]).toBe('Келді: 0; шықты: 0; ауыстырылды: 17 (Кіші → Ортаңғы: 14; Ортаңғы → Ересек: 3)');
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
    expect(register.signatures[0]).toBe('Прибыло: 0; выбыло: 0; переведено: 0');
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
