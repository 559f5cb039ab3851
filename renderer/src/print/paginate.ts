/** The rows of one page: indexes [start, end) of the document's rows. */
export interface PageRange {
  start: number;
  end: number;
}

export interface PageSpace {
  /** Height left for rows on the first page (its heading and preamble taken). */
  first: number;
  /** Height left for rows on every later page. */
  rest: number;
  /** Height the last page must keep free under its rows (signature lines). */
  tail: number;
}

/**
 * Splits rows of measured heights into pages, never splitting a row: each page takes rows while
 * they fit; the last page must also hold the tail, and when it does not, its last row moves to a
 * new page with the tail, so signatures stand alone only when the last page holds a single row.
 * A row taller than a whole page gets a page of its own (it is clipped, never split).
 */
export function paginate(heights: readonly number[], space: PageSpace): PageRange[] {
  const pages: PageRange[] = [];
  let start = 0;
  let used = 0;
  let capacity = space.first;
  heights.forEach((height, index) => {
    if (index > start && used + height > capacity) {
      pages.push({ start, end: index });
      start = index;
      used = 0;
      capacity = space.rest;
    }
    used += height;
  });
  pages.push({ start, end: heights.length });
  const last = pages[pages.length - 1];
  if (last && last.end > last.start && used + space.tail > capacity) {
    const moved = last.end - 1;
    if (moved > last.start) {
      last.end = moved;
      pages.push({ start: moved, end: heights.length });
    } else {
      pages.push({ start: heights.length, end: heights.length });
    }
  }
  return pages;
}
