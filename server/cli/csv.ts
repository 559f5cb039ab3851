/** One record of a CSV file, with the line it starts on (the header is line 1, as a spreadsheet numbers rows). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

export type CsvDelimiter = ',' | ';';

/**
 * The delimiter of a file whose header names contain neither: ';' when the first line has more
 * semicolons than commas (Excel writes ';' under Russian and Kazakh regional settings), else ','.
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const count = (c: string) => firstLine.split(c).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

/**
 * RFC 4180: fields separated by the delimiter, records by CRLF or LF; a field in double quotes may
 * hold delimiters, line breaks and doubled quotes (""). A UTF-8 byte-order mark is dropped, and
 * records whose fields are all empty (blank lines) are skipped.
 */
export function parseCsv(input: string, delimiter: CsvDelimiter = ','): CsvRecord[] {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let fieldWasQuoted = false;
  let line = 1;
  let recordLine = 1;

  const endField = () => {
    fields.push(field);
    field = '';
    fieldWasQuoted = false;
  };
  const endRecord = () => {
    endField();
    if (fields.some((f) => f.trim() !== '')) records.push({ line: recordLine, fields });
    fields = [];
  };

  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') {
        if (c === '\n') line++;
        field += c;
      } else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else {
        quoted = false;
        const next = text[i + 1];
        if (next !== undefined && next !== delimiter && next !== '\n' && next !== '\r') {
          throw new CsvSyntaxError(line, 'a closing quote must be followed by the delimiter or the end of the line');
        }
      }
    } else if (c === '"') {
      if (field !== '' || fieldWasQuoted) {
        throw new CsvSyntaxError(
          line,
          'a quote inside an unquoted field (quote the whole field and double the quote: "")',
        );
      }
      quoted = true;
      fieldWasQuoted = true;
    } else if (c === delimiter) {
      endField();
    } else if (c === '\n' || c === '\r') {
      endRecord();
      if (c === '\r' && text[i + 1] === '\n') i++;
      line++;
      recordLine = line;
    } else {
      field += c;
    }
  }
  if (quoted) throw new CsvSyntaxError(recordLine, 'a quoted field is never closed');
  endRecord();
  return records;
}
