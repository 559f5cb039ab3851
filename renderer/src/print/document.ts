/** A printable list: what the sheets, the XLSX and the CSV are all made from. */
/** The desk prints in Russian and Kazakh; the department console's reports also in English. */
export type DocumentLanguage = 'ru' | 'kk' | 'en';
export type DocumentKind =
  | 'enrollmentOrder'
  | 'groupList'
  | 'movementRegister'
  | 'unitCalendar'
  | 'queueWaiting'
  | 'queueMissed'
  | 'intakeStatistics'
  | 'occupancyForecast';

export interface DocumentColumn {
  label: string;
  /** Share of the table's width, in percent. */
  width: number;
  /** Numbers and dates are kept on one line and centred. */
  align?: 'left' | 'center';
}

export interface DocumentRow {
  id: string;
  cells: string[];
  /** Not yet accepted by the server (an enrollment still waiting to be sent). */
  pending: boolean;
  /** The cells as the spreadsheet takes them, when some are numbers or dates (else `cells`). */
  xlsx?: XlsxCell[];
}

/** A spreadsheet cell: text, a number, or a real date (YYYY-MM-DD) shown in the given format. */
export type XlsxCell = string | number | { date: string; format: string };

export interface PrintDocument {
  kind: DocumentKind;
  language: DocumentLanguage;
  landscape: boolean;
  kindergartenName: string;
  /** The document's title as it runs on every page ("Приказ № 15-к от 01.06.2026"). */
  title: string;
  /** The document's date, formatted in its language. */
  date: string;
  /** Lines of the first page's heading, above the table (the order's heading and preamble). */
  heading: string[];
  preamble: string;
  columns: DocumentColumn[];
  rows: DocumentRow[];
  /**
   * Shown under the table on every page when some rows are marked as not yet synced: how many
   * rows carry a change the server has not confirmed.
   */
  legend: string | null;
  /** The pending commands whose changes the document shows (its marked rows), for the print record. */
  unconfirmed: string[];
  /** Printed in every page's footer: how the IIN is shown (masked, or in full by the head's choice). */
  iinNote: string | null;
  /** Lines under the table on the last page (signature and stamp). */
  signatures: string[];
  /** Which one of its kind it is, for the documents screen to open it again: an order's key, a list's group. */
  source?: string;
  /** The file name without extension, for PDF, XLSX and CSV. */
  fileName: string;
  emptyText: string;
}

/** The mark put after a child's name whose enrollment is not yet synced. */
export const PENDING_MARK = '†';
