import { matchesSearch } from './referral-view.js';

describe('searching children', () => {
  const child = { childFullName: 'Сейткали Айару', childIin: '250115600011' };
  it('finds a child by any part of the name, in any case', () => {
    expect(matchesSearch(child, 'айару')).toBe(true);
    expect(matchesSearch(child, 'Иванов')).toBe(false);
  });
  it('finds a child by the IIN’s leading digits', () => {
    expect(matchesSearch(child, '2501156')).toBe(true);
    expect(matchesSearch(child, '600011')).toBe(false);
  });
});
