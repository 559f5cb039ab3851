/** Where a command writes: results to `line` (stdout), problems to `error` (stderr). */
export interface CliOutput {
  line(text?: string): void;
  error(text: string): void;
}

export const processOutput: CliOutput = {
  line: (text = '') => void process.stdout.write(`${text}\n`),
  error: (text) => void process.stderr.write(`${text}\n`),
};

/** An output that keeps what was written (tests, and callers that post-process). */
export function bufferOutput() {
  const lines: string[] = [];
  const errors: string[] = [];
  const out: CliOutput = {
    line: (text = '') => void lines.push(...text.split('\n')),
    error: (text) => void errors.push(...text.split('\n')),
  };
  return { out, lines, errors, text: () => lines.join('\n'), errorText: () => errors.join('\n') };
}

export type Row = Record<string, string | number | boolean | null>;

/**
 * Prints rows as an aligned table, or as one JSON array when `json` is set (for scripts).
 * `columns` picks and orders what the table shows; JSON carries every field.
 */
export function printRows(out: CliOutput, rows: readonly Row[], columns: readonly string[], json = false): void {
  if (json) {
    out.line(JSON.stringify(rows, null, 2));
    return;
  }
  if (rows.length === 0) {
    out.line('(none)');
    return;
  }
  const cell = (row: Row, column: string) => String(row[column] ?? '');
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r, c).length)));
  const format = (values: string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  out.line(format([...columns]));
  out.line(format(widths.map((w) => '-'.repeat(w))));
  for (const row of rows) out.line(format(columns.map((c) => cell(row, c))));
}
