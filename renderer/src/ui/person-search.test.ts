import { matchesPerson, personQuery } from './person-search.js';

const aigerim = { childFullName: 'Жұмабекова Айгерім Серікқызы', childIin: '250115600123', childIinHash: 'h1' };
const timur = { childFullName: 'Ахметов Тимур', childIin: '240301500452', childIinHash: 'h2' };
const found = (search: string, hash: string | null = null) =>
  [aigerim, timur].filter((p) => matchesPerson(p, personQuery(search), hash)).map((p) => p.childFullName);

describe('finding a child', () => {
  it('by the last 4 digits of the IIN, what the mask shows, with or without the mask’s dots', () => {
    expect(found('0123')).toEqual([aigerim.childFullName]);
    expect(found('••••••••0452')).toEqual([timur.childFullName]);
    expect(found('23')).toEqual([aigerim.childFullName]);
  });

  it('by all 12 digits, through the keyed hash when it is known', () => {
    expect(found('240301500452')).toEqual([timur.childFullName]);
    expect(found('240301500452', 'h2')).toEqual([timur.childFullName]);
    expect(found('250115600123', 'h2')).toEqual([timur.childFullName]);
  });

  it('never by hidden digits (5–11), which the screen explains', () => {
    expect(personQuery('2501156')).toEqual({ kind: 'digits', digits: '2501156' });
    expect(found('250115')).toEqual([]);
  });

  it('by name whatever the case and the Kazakh/Russian letters', () => {
    expect(found('жумабекова')).toEqual([aigerim.childFullName]);
    expect(found('АЙГЕРИМ СЕРИККЫЗЫ')).toEqual([aigerim.childFullName]);
    expect(found('тимур ахметов')).toEqual([timur.childFullName]);
    expect(found('')).toHaveLength(2);
  });
});
