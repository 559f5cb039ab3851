import { languages, tn, type Lang } from './i18n.js';

/** A key's plural forms a language does not have (Kazakh has one/other; Russian also few/many). */
const russianOnlyForm = /\.(few|many)$/;
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/**
 * The parent page's words (issue 21, point 5): Kazakh says everything Russian says, with the same
 * placeholders, no untranslated Latin word, no case ending glued to a value, and numbers in the
 * language's plural form. A key missing in Kazakh would silently show Russian, so it is caught here.
 */
describe('the parent page’s catalogues', () => {
  const { ru, kk } = languages;

  it('have the same keys in Kazakh as in Russian (less the plural forms Kazakh does not have)', () => {
    expect(Object.keys(kk).sort()).toEqual(
      Object.keys(ru)
        .filter((key) => !russianOnlyForm.test(key))
        .sort(),
    );
  });

  it('use the same placeholders in Kazakh as in Russian', () => {
    for (const key of Object.keys(kk)) expect(placeholders(kk[key]!), key).toEqual(placeholders(ru[key]!));
  });

  it('have no Latin-only word but the demo password, and no case ending glued to a value in Kazakh', () => {
    const latinWord = /(?<![\p{L}\d])[A-Za-z][A-Za-z'’-]*(?![\p{L}\d])/gu;
    for (const catalogue of [ru, kk]) {
      for (const [key, text] of Object.entries(catalogue)) {
        const words = text.replace(/\{\w+\}/g, ' ').match(latinWord) ?? [];
        expect(
          words.filter((w) => w !== 'demo-parent'),
          key,
        ).toEqual([]);
      }
    }
    expect(Object.entries(kk).filter(([, text]) => /\}-?\p{L}/u.test(text))).toEqual([]);
  });

  it('counts working days in the language’s plural forms', () => {
    const say = (lang: Lang) => [1, 2, 5, 21].map((n) => tn(lang, 'workingDaysLeft', n));
    expect(say('ru')).toEqual([
      'остался 1 рабочий день',
      'осталось 2 рабочих дня',
      'осталось 5 рабочих дней',
      'остался 21 рабочий день',
    ]);
    expect(say('kk')).toEqual([
      '1 жұмыс күні қалды',
      '2 жұмыс күні қалды',
      '5 жұмыс күні қалды',
      '21 жұмыс күні қалды',
    ]);
  });
});
