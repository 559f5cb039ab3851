import i18next from 'i18next';
import { answerableCodes } from '../../../shared/commands/by-kind.js';
import { commandRejections } from '../../../shared/commands/command.js';
import { departmentCommandRejections } from '../../../shared/commands/department-commands.js';
import { rejectionCodeSchema } from '../../../shared/commands/rejection.js';
import { en } from './en.js';
import { kk } from './kk.js';
import { ru } from './ru.js';

type Tree = { [key: string]: string | Tree };
function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`),
  );
}
const placeholders = (text: string) => [...text.matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort();
function leaf(tree: Tree, path: string): string {
  return path.split('.').reduce<string | Tree>((node, k) => (node as Tree)[k] ?? '', tree) as string;
}

describe('the three catalogues', () => {
  const catalogues = { kk: kk as Tree, en: en as Tree };

  it('have exactly the Russian catalogue’s keys', () => {
    const expected = keys(ru as Tree).sort();
    for (const catalogue of Object.values(catalogues)) expect(keys(catalogue).sort()).toEqual(expected);
  });

  const kinds = [...Object.entries(commandRejections), ...Object.entries(departmentCommandRejections)];

  it('translate every code each command kind may answer, read off the command tables', () => {
    expect(kinds.length).toBeGreaterThan(0);
    for (const [kind, own] of kinds) {
      for (const code of answerableCodes(own)) {
        for (const [language, catalogue] of Object.entries({ ru, kk, en })) {
          expect(catalogue.rejection[code], `${language}: ${kind} → ${code}`).toMatch(/\S/);
        }
      }
    }
  });

  it('translate every other rejection code the server can send (a parent’s claim, contract or refusal answers)', () => {
    const commandCodes = new Set(kinds.flatMap(([, own]) => answerableCodes(own)));
    const others = rejectionCodeSchema.options.filter((code) => !commandCodes.has(code));
    expect(others).toContain('not_your_turn');
    for (const code of others) {
      for (const catalogue of [ru, kk, en]) expect(catalogue.rejection[code], code).toMatch(/\S/);
    }
  });

  it('use the same placeholders as the Russian text', () => {
    for (const key of keys(ru as Tree)) {
      for (const [name, catalogue] of Object.entries(catalogues)) {
        expect(placeholders(leaf(catalogue, key)), `${name}: ${key}`).toEqual(placeholders(leaf(ru as Tree, key)));
      }
    }
  });

  it('have no untranslated words: no Latin-only word in Russian or Kazakh, no Cyrillic word in English', () => {
    const stray = (catalogue: Tree, wrong: RegExp, allowed: ReadonlySet<string>) =>
      keys(catalogue).flatMap((key) => {
        const text = leaf(catalogue, key).replace(/{{\w+}}/g, ' ');
        return (text.match(wrong) ?? []).filter((word) => !allowed.has(word)).map((word) => `${key}: ${word}`);
      });
    // A word of Latin letters only (no Cyrillic letter in it), or a word with a Cyrillic letter.
    const latinWord = /(?<![\p{L}\d])[A-Za-z][A-Za-z'’-]*(?![\p{L}\d])/gu;
    const cyrillicWord = /[\p{L}'’-]*\p{Script=Cyrillic}[\p{L}'’-]*/gu;
    expect(stray(ru as Tree, latinWord, latinInRuKk)).toEqual([]);
    expect(stray(kk as Tree, latinWord, latinInRuKk)).toEqual([]);
    expect(stray(en as Tree, cyrillicWord, cyrillicInEn)).toEqual([]);
  });

  it('pick the plural form by the language’s rules: Russian one/few/many, Kazakh and English one/other', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({
      resources: { ru: { translation: ru }, kk: { translation: kk }, en: { translation: en } },
      interpolation: { escapeValue: false },
    });
    const counts = [1, 2, 5, 11, 21, 22];
    const say = (lng: string, key: string) => counts.map((count) => i18n.t(key, { lng, count }));
    expect(say('ru', 'claims.workingDaysLeft')).toEqual([
      'остался 1 рабочий день',
      'осталось 2 рабочих дня',
      'осталось 5 рабочих дней',
      'осталось 11 рабочих дней',
      'остался 21 рабочий день',
      'осталось 22 рабочих дня',
    ]);
    expect(say('ru', 'common.seats')).toEqual(['1 место', '2 места', '5 мест', '11 мест', '21 место', '22 места']);
    expect(say('kk', 'claims.workingDaysLeft')).toEqual(counts.map((n) => `${n} жұмыс күні қалды`));
    expect(say('en', 'common.seats')).toEqual(['1 seat', '2 seats', '5 seats', '11 seats', '21 seats', '22 seats']);
  });

  it('glue no Kazakh case ending to a value (its form depends on the value’s last sound)', () => {
    // "{{group}}ға", "{{count}}-ке": the ending must agree with a word the catalogue cannot see.
    const glued = (tree: Tree) => keys(tree).filter((key) => /\}\}-?\p{L}/u.test(leaf(tree, key)));
    expect(glued(kk as Tree)).toEqual([]);
    expect(glued({ sample: '{{group}} тобына', glued: '{{count}}-ке дейін' })).toEqual(['glued']);
  });

  it('flag an untranslated word (the check above can fail)', () => {
    const latinWord = /(?<![\p{L}\d])[A-Za-z][A-Za-z'’-]*(?![\p{L}\d])/gu;
    expect('Статус: pending'.match(latinWord)).toEqual(['pending']);
    expect('Group №3'.match(/[\p{L}'’-]*\p{Script=Cyrillic}[\p{L}'’-]*/gu)).toBeNull();
    expect('Group Солнышко'.match(/[\p{L}'’-]*\p{Script=Cyrillic}[\p{L}'’-]*/gu)).toEqual(['Солнышко']);
  });
});

/** Names and codes that stay in Latin letters in Russian and Kazakh text (file formats, a shell command). */
const latinInRuKk: ReadonlySet<string> = new Set([
  'English',
  'PDF',
  'XLSX',
  'CSV',
  'Excel',
  'deb',
  'sudo',
  'apt',
  'install',
]);
/**
 * Cyrillic words English text keeps on purpose: the language names in the switch, and the
 * Kazakh and Russian letters the search folds together.
 */
const cyrillicInEn: ReadonlySet<string> = new Set([
  'Русский',
  'Қазақша',
  'ұ',
  'ү',
  'у',
  'қ',
  'к',
  'ғ',
  'г',
  'ң',
  'н',
  'ә',
  'а',
  'ө',
  'о',
  'і',
  'и',
  'һ',
  'х',
  'ё',
  'е',
]);
