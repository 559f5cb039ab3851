import type { PrintDocument, XlsxCell } from './document.js';

/** A date cell is the calendar day at midnight UTC (Excel dates have no zone). */
const xlsxValue = (cell: XlsxCell): string | number | Date =>
  typeof cell === 'object' ? new Date(`${cell.date}T00:00:00.000Z`) : cell;

/** The header lines above the table in a spreadsheet: kindergarten, title, document date. */
const titleLine = (doc: PrintDocument) => `${doc.kindergartenName} · ${doc.title} · ${doc.date}`;

const loadExcelJs = () => import('exceljs');

/**
 * Loads exceljs ahead (when the desk opens): in browser mode the chunk comes from the server, so an
 * export made after the connection dropped still works.
 */
export function preloadXlsx(): void {
  void loadExcelJs().catch(() => undefined);
}

/**
 * The document's list as an XLSX workbook (exceljs, loaded only when asked): row 1 the title,
 * row 2 the column headers (frozen), then one row per table row, the legend last when present.
 */
export async function documentToXlsx(doc: PrintDocument): Promise<Uint8Array> {
  return documentsToXlsx([doc]);
}

/** Several documents as one workbook, a sheet each (named by its kind), laid out as `documentToXlsx` does. */
export async function documentsToXlsx(docs: readonly PrintDocument[]): Promise<Uint8Array> {
  const { default: ExcelJS } = await loadExcelJs();
  const workbook = new ExcelJS.Workbook();
  workbook.creator = docs[0]?.kindergartenName ?? '';
  for (const doc of docs) {
    const sheet = workbook.addWorksheet(doc.kind, {
      views: [{ state: 'frozen', ySplit: 2 }],
      pageSetup: {
        paperSize: 9,
        orientation: doc.landscape ? 'landscape' : 'portrait',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
      },
    });
    sheet.addRow([titleLine(doc)]).font = { bold: true };
    const header = sheet.addRow(doc.columns.map((c) => c.label));
    header.font = { bold: true };
    for (const row of doc.rows) {
      const added = sheet.addRow((row.xlsx ?? row.cells).map(xlsxValue));
      (row.xlsx ?? []).forEach((cell, i) => {
        if (typeof cell === 'object') added.getCell(i + 1).numFmt = cell.format;
      });
    }
    if (doc.legend) sheet.addRow([doc.legend]);
    doc.columns.forEach((column, i) => {
      sheet.getColumn(i + 1).width = Math.max(6, Math.round(column.width * 1.4));
    });
    sheet.pageSetup.printTitlesRow = '2:2';
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const quote = (value: string) => (/[";\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

/**
 * The same list as CSV for Excel in Kazakhstan: UTF-8 with a byte-order mark, `;` between
 * fields (the separator Excel expects with Russian and Kazakh regional settings), CRLF lines.
 */
export function documentToCsv(doc: PrintDocument): string {
  const lines = [[titleLine(doc)], doc.columns.map((c) => c.label), ...doc.rows.map((r) => r.cells)];
  if (doc.legend) lines.push([doc.legend]);
  return `\uFEFF${lines.map((cells) => cells.map(quote).join(';')).join('\r\n')}\r\n`;
}
