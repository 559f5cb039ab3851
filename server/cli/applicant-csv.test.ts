import { makeIin } from '../../shared/domain/iin.js';
import { APPLICANT_COLUMNS, readApplicantCsv } from './applicant-csv.js';

const kindergarten = '0f9a3c2e-5b7d-4e61-9a8b-2c4d6e8f0a1b';
const options = {
  cityId: 'petropavl',
  timeZone: 'Asia/Almaty',
  now: new Date('2026-05-20T05:00:00Z'),
  kindergartens: new Set([kindergarten]),
};

/** A queue file of these rows (each cell given by column; the rest those of a valid applicant). */
function file(...rows: Array<Partial<Record<(typeof APPLICANT_COLUMNS)[number], string>>>): string {
  const lines = rows.map((cells, i) => {
    const row: Record<string, string> = {
      iin: makeIin('2022-03-14', 'female', 10 + i),
      last_name: 'Сейтқали',
      first_name: 'Әлия',
      middle_name: '',
      birth_date: '2022-03-14',
      language: 'kk',
      priority: 'general',
      applied_at: '2023-01-10 09:30',
      choices: kindergarten,
      representative_full_name: 'Сейтқали Дана',
      representative_phone: '',
      parent_login: '',
      parent_password: '',
      ...cells,
    };
    return APPLICANT_COLUMNS.map((c) => row[c]).join(';');
  });
  return [APPLICANT_COLUMNS.join(';'), ...lines].join('\n');
}

describe('a queue file’s language and priority cells', () => {
  it('take the domain’s values, trimmed', () => {
    const { records, errors } = readApplicantCsv(file({ language: ' ru ', priority: 'out_of_turn' }), options);
    expect(errors).toEqual([]);
    expect(records.map((r) => [r.language, r.priority])).toEqual([['ru', 'out_of_turn']]);
  });

  it('refuse any other value, naming the domain’s values', () => {
    const { errors } = readApplicantCsv(file({ language: 'de' }, { priority: 'vip' }, { language: 'RU' }), options);
    expect(errors).toEqual([
      { row: 2, column: 'language', reason: 'must be ru or kk' },
      { row: 3, column: 'priority', reason: 'must be out_of_turn, first or general' },
      { row: 4, column: 'language', reason: 'must be ru or kk' },
    ]);
  });
});
