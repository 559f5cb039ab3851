import { paginate } from './paginate.js';

describe('paginating rows into A4 sheets', () => {
  const space = { first: 100, rest: 150, tail: 30 };

  it('fills each page with whole rows, the first page holding less under its heading', () => {
    const pages = paginate(Array<number>(30).fill(10), space);
    expect(pages).toEqual([
      { start: 0, end: 10 },
      { start: 10, end: 25 },
      { start: 25, end: 30 },
    ]);
  });

  it('moves a row to the next page rather than split it', () => {
    expect(paginate([40, 40, 30], { ...space, tail: 0 })).toEqual([
      { start: 0, end: 2 },
      { start: 2, end: 3 },
    ]);
  });

  it('keeps the signature lines with at least one row of the list', () => {
    const pages = paginate(Array<number>(25).fill(10), space);
    // 10 rows on page 1, 15 fill page 2 with no room for the 30-high tail: the last row moves on.
    expect(pages).toEqual([
      { start: 0, end: 10 },
      { start: 10, end: 24 },
      { start: 24, end: 25 },
    ]);
  });

  it('gives an empty list one page, and an over-tall row a page of its own', () => {
    expect(paginate([], space)).toEqual([{ start: 0, end: 0 }]);
    expect(paginate([500, 10], { ...space, tail: 0 })).toEqual([
      { start: 0, end: 1 },
      { start: 1, end: 2 },
    ]);
  });

  it('puts every row on exactly one page, in order', () => {
    const heights = Array.from({ length: 300 }, (_, i) => 8 + ((i * 7) % 13));
    const pages = paginate(heights, space);
    expect(pages[0]?.start).toBe(0);
    pages.forEach((page, i) => {
      if (i > 0) expect(page.start).toBe(pages[i - 1]?.end);
    });
    expect(pages.at(-1)?.end).toBe(300);
  });
});
