import { CsvSyntaxError, detectDelimiter, parseCsv } from './csv.js';

describe('the CSV reader', () => {
  it('reads quoted fields with delimiters, doubled quotes and line breaks, and numbers records by their first line', () => {
    const text = 'a,b,c\r\n1,"x, ""y""",3\n"multi\nline",,z\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', 'x, "y"', '3'] },
      { line: 3, fields: ['multi\nline', '', 'z'] },
    ]);
  });

  it('drops a byte-order mark and skips blank lines, keeping the line numbers of the file', () => {
    expect(parseCsv('\uFEFFa;b\n\n;\n1;2', ';')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 4, fields: ['1', '2'] },
    ]);
  });

  it('detects the semicolon Excel writes under Russian regional settings', () => {
    expect(detectDelimiter('iin;last_name;choices\n1;2;"a;b"')).toBe(';');
    expect(detectDelimiter('iin,last_name,choices\n1,2,a;b;c')).toBe(',');
  });

  it('refuses a stray quote and an unclosed quoted field, saying on which line', () => {
    expect(() => parseCsv('a,b\n1,x"y\n')).toThrow(CsvSyntaxError);
    expect(() => parseCsv('a,b\n1,"x"y\n')).toThrow(/line 2/);
    expect(() => parseCsv('a,b\n1,2\n3,"open\n')).toThrow(/line 3: a quoted field is never closed/);
  });
});
