import fc from 'fast-check';
import { nameMatches, searchKey } from './search-key.js';

const pairs: Array<[string, string]> = [
  ['ұ', 'у'],
  ['ү', 'у'],
  ['қ', 'к'],
  ['ғ', 'г'],
  ['ң', 'н'],
  ['ә', 'а'],
  ['ө', 'о'],
  ['і', 'и'],
  ['һ', 'х'],
  ['ё', 'е'],
];
const russian = 'абвгдеёжзийклмнопрстуфхцчшщъыьэюя';
const kazakh = 'әғқңөұүһі';
const letters = [...russian, ...kazakh, ...russian.toUpperCase(), ...kazakh.toUpperCase()];
const word = fc.array(fc.constantFrom(...letters), { minLength: 1, maxLength: 12 }).map((a) => a.join(''));
const name = fc.array(word, { minLength: 1, maxLength: 3 }).map((w) => w.join(' '));

describe('the search key of a name', () => {
  it('folds each Kazakh letter and ё to its Russian look-alike, in both cases', () => {
    for (const [variant, plain] of pairs) {
      expect(searchKey(variant)).toBe(plain);
      expect(searchKey(variant.toUpperCase())).toBe(plain);
    }
  });

  it('lets "Жумабекова" find "Жұмабекова" and "ЖҰМАБЕКОВА", and the other way round', () => {
    expect(nameMatches('Жұмабекова Айгерім Серікқызы', 'Жумабекова')).toBe(true);
    expect(nameMatches('ЖҰМАБЕКОВА АЙГЕРІМ', 'жумабекова айгерим')).toBe(true);
    expect(nameMatches('Жумабекова Айгерим', 'Жұмабекова Айгерім')).toBe(true);
    expect(nameMatches('Сергеев Пётр', 'петр')).toBe(true);
  });

  it('matches every typed word in any order, and no other name', () => {
    expect(nameMatches('Жұмабекова Айгерім Серікқызы', 'серикк айгер')).toBe(true);
    expect(nameMatches('Жұмабекова Айгерім', 'Жумабеков Тимур')).toBe(false);
    expect(nameMatches('Ахметов Тимур', 'Жумабекова')).toBe(false);
  });

  it('treats hyphens, apostrophes and runs of spaces as one space, and drops stress marks', () => {
    expect(searchKey('  Әли-Ханова   Ая’ру  ')).toBe('али ханова ая ру');
    expect(searchKey('Мари\u0301я')).toBe('мария');
  });

  it('keeps й (not a variant of и)', () => {
    expect(searchKey('Алий')).toBe('алий');
    expect(nameMatches('Алии', 'Алий')).toBe(false);
  });

  it('is idempotent and ignores case', () => {
    fc.assert(
      fc.property(name, (n) => {
        expect(searchKey(searchKey(n))).toBe(searchKey(n));
        expect(searchKey(n.toUpperCase())).toBe(searchKey(n.toLowerCase()));
      }),
    );
  });

  it('gives the same key whichever variant of each letter is written', () => {
    fc.assert(
      fc.property(name, fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }), (n, flips) => {
        const swapped = [...n]
          .map((ch, i) => {
            const pair = pairs.find(([v, p]) => ch.toLowerCase() === v || ch.toLowerCase() === p);
            if (!pair || !flips[i % flips.length]) return ch;
            return ch.toLowerCase() === pair[0] ? pair[1] : pair[0];
          })
          .join('');
        expect(searchKey(swapped)).toBe(searchKey(n));
      }),
    );
  });

  it('finds every part of a name typed in any case and either alphabet', () => {
    fc.assert(
      fc.property(name, fc.nat(), fc.nat(), (n, a, b) => {
        const start = a % n.length;
        const part = n.slice(start, start + 1 + (b % (n.length - start))).trim();
        fc.pre(part.length > 0);
        expect(nameMatches(n, part.toUpperCase())).toBe(true);
      }),
    );
  });
});
