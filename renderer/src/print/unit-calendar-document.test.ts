import { plusDays } from '../../../shared/calendar/dates.js';
import type { Group } from '../../../shared/domain/index.js';
import { monthlyLoad } from '../../../shared/rules/index.js';
import { documentToXlsx } from './export-table.js';
import { overCapacityText, unitCalendarDocument } from './unit-calendar-document.js';

const nextDay = (d: string) => plusDays(d, 1);
const group = { id: 'g1', name: 'Солнышко', capacity: 2 } as Group;
const t = (key: string) => key;

describe('the unit calendar document', () => {
  it('writes days over capacity as city dates, consecutive days as one range', () => {
    expect(overCapacityText(['2026-09-01', '2026-09-02', '2026-09-03', '2026-09-20'], nextDay)).toBe(
      '01.09.2026–03.09.2026, 20.09.2026',
    );
    expect(overCapacityText([], nextDay)).toBe('');
  });

  it('is A4 landscape with one row per group and month, a held seat counted among the promised', async () => {
    const months = monthlyLoad(2, '2026-08-15', {
      attending: [{ enrolledOn: '2026-01-01', departedOn: null }],
      promised: [
        { availableFrom: '2026-09-01', kind: 'held' },
        { availableFrom: '2026-09-10', kind: 'referral' },
      ],
    });
    const doc = unitCalendarDocument(
      [{ group, months }],
      { nameRu: 'Ясли-сад', nameKk: 'Бөбекжай' },
      {
        language: 'ru',
        t,
        today: '2026-08-15',
        nextDay,
      },
    );
    expect(doc.landscape).toBe(true);
    expect(doc.rows).toHaveLength(12);
    const september = doc.rows[1]!;
    expect(september.cells).toEqual(['Солнышко', '09.2026', '2', '1', '2', '1', '0', '-1', '10.09.2026–30.09.2026']);

    const { default: ExcelJS } = await import('exceljs');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await documentToXlsx(doc)).buffer as ArrayBuffer);
    const row = book.worksheets[0]!.getRow(4);
    expect(row.getCell(2).value).toEqual(new Date('2026-09-01T00:00:00.000Z'));
    expect(row.getCell(2).numFmt).toBe('mm.yyyy');
    expect(row.getCell(8).value).toBe(-1);
    expect(row.getCell(9).value).toBe('10.09.2026–30.09.2026');
  });
});
