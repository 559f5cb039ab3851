/**
 * Words never break on paper, and a word wider than its column must not run out of its cell: after
 * layout, each table cell whose longest word is wider than the cell's content box gets a smaller
 * font, step by step, until that word fits. Below FLOOR_PT print stops being readable; a word still
 * too wide there (a nonsense string, not a name) may break inside its cell as a last resort, so
 * nothing ever leaves its cell or the page.
 */
export interface CellFit {
  /** The cell's font size in points. */
  pt: number;
  /** Even at the floor the word is too wide: it may break anywhere inside the cell. */
  breakAnywhere: boolean;
}

const FLOOR_PT = 6;
const STEP_PT = 0.25;
/** Sub-pixel rounding of glyph advances. */
const TOLERANCE_PX = 0.5;
const PX_PER_PT = 96 / 72;

/** Words as a line may end after them: runs of non-space, a break after a hyphen allowed. */
const WORD = /[^\s-]+-?/g;

/** The width of the cell's widest word as laid out now, in CSS pixels. */
function widestWord(cell: HTMLElement): number {
  let widest = 0;
  const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const match of (node.textContent ?? '').matchAll(WORD)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      for (const rect of range.getClientRects()) widest = Math.max(widest, rect.width);
    }
  }
  return widest;
}

/** The room a line has inside the cell: its width less padding and borders, in CSS pixels. */
function room(cell: HTMLElement): number {
  const style = getComputedStyle(cell);
  return (
    cell.getBoundingClientRect().width -
    parseFloat(style.paddingLeft) -
    parseFloat(style.paddingRight) -
    parseFloat(style.borderLeftWidth) -
    parseFloat(style.borderRightWidth)
  );
}

/** A size on the step grid at or below `pt`, never under the floor. */
const stepDown = (pt: number): number => Math.max(FLOOR_PT, Math.floor(pt / STEP_PT) * STEP_PT);

/**
 * Shrinks the font of every cell whose widest word does not fit, in place, and returns the sizes
 * chosen by cell. Every cell is measured first, with no change in between (one layout for the whole
 * table); cells of the same width, size and text (a group's name on each of its rows) are fitted
 * once. The first guess scales the size by room over width (text width follows the font size
 * almost linearly); then it steps down until the word fits or the floor is reached.
 */
export function fitCells(cells: Iterable<HTMLElement>): Map<HTMLElement, CellFit> {
  const all = [...cells];
  for (const cell of all) {
    cell.style.fontSize = '';
    cell.style.overflowWrap = '';
  }
  const tooWide = new Map<string, { space: number; widest: number; base: number; cells: HTMLElement[] }>();
  for (const cell of all) {
    const space = room(cell);
    const widest = widestWord(cell);
    if (widest <= space + TOLERANCE_PX) continue;
    const base = parseFloat(getComputedStyle(cell).fontSize) / PX_PER_PT;
    const key = `${space}|${base}|${cell.textContent ?? ''}`;
    const same = tooWide.get(key) ?? { space, widest, base, cells: [] };
    same.cells.push(cell);
    tooWide.set(key, same);
  }
  const fits = new Map<HTMLElement, CellFit>();
  for (const { space, widest: atBase, base, cells: same } of tooWide.values()) {
    const [first] = same;
    if (!first) continue;
    let pt = stepDown((base * space) / atBase);
    let widest: number;
    for (;;) {
      first.style.fontSize = `${pt}pt`;
      widest = widestWord(first);
      if (widest <= space + TOLERANCE_PX || pt <= FLOOR_PT) break;
      pt = stepDown(pt - STEP_PT);
    }
    const fit = { pt, breakAnywhere: widest > space + TOLERANCE_PX };
    for (const cell of same) {
      cell.style.fontSize = `${pt}pt`;
      if (fit.breakAnywhere) cell.style.overflowWrap = 'anywhere';
      fits.set(cell, fit);
    }
  }
  return fits;
}
