/**
 * The rows of the first Markdown table after `heading` whose first header cell is `firstColumn`,
 * each as its cells (trimmed; `\|` kept as `|`). Throws when there is no such table.
 */
export function markdownTable(markdown: string, heading: string, firstColumn: string): string[][] {
  const lines = markdown.split('\n');
  const from = lines.findIndex((line) => line.trim() === heading);
  if (from < 0) throw new Error(`no heading "${heading}"`);
  const header = lines.findIndex((line, i) => i > from && cellsOf(line)[0] === firstColumn);
  if (header < 0) throw new Error(`no table with a "${firstColumn}" column after "${heading}"`);
  const rows: string[][] = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(cellsOf(line));
  }
  return rows;
}

function cellsOf(line: string): string[] {
  if (!line.startsWith('|')) return [];
  return line
    .trim()
    .replace(/^\||\|$/g, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim().replaceAll('\\|', '|'));
}

/** `NAME` → NAME: the text inside one pair of backticks, or the cell as it is. */
export const unquoted = (cell: string) => /^`([^`]*)`$/.exec(cell)?.[1] ?? cell;
