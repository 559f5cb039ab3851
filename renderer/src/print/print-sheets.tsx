import { useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentRow, PrintDocument } from './document.js';
import { fitCells, type CellFit } from './fit-words.js';
import { paginate, type PageRange } from './paginate.js';
import './print.css';

/**
 * Both faces of the bundled font must be loaded before anything is measured. Should they fail to
 * load (browser mode, offline, never fetched), the fallback font is measured and printed alike.
 */
const fontsLoaded = () =>
  Promise.all([document.fonts.load('400 9pt "KG Print Sans"'), document.fonts.load('700 9pt "KG Print Sans"')]).catch(
    () => undefined,
  );

/** Fetches the print font while the app is online, so documents print alike after it goes offline. */
export function preloadPrintFonts(): void {
  void fontsLoaded();
}

/** Sub-pixel rounding of collapsed borders, kept free on every page so no row is clipped. */
const SAFETY_PX = 4;

/**
 * The document as A4 sheets: the same DOM is the preview and the print. Rows are measured in a
 * hidden sheet, then split into pages with no row split; each sheet repeats the running header
 * (kindergarten, title), the table header row, and the footer (date, "page X of Y").
 */
export function PrintSheets({
  doc,
  onLayout,
}: {
  doc: PrintDocument;
  onLayout?(doc: PrintDocument, pages: number): void;
}) {
  const { t } = useTranslation();
  const measureRef = useRef<HTMLDivElement>(null);
  const [measured, setMeasured] = useState<{ doc: PrintDocument; pages: PageRange[]; fits: Fits } | null>(null);
  const ready = measured?.doc === doc ? measured.pages : null;

  useLayoutEffect(() => {
    let current = true;
    void fontsLoaded().then(() => {
      const layer = measureRef.current;
      if (!current || !layer) return;
      // Cells are fitted first: a smaller font makes a row lower, which the page split must know.
      const fits = fitTable(layer, doc);
      const pages = paginate(...measure(layer));
      setMeasured({ doc, pages, fits });
      onLayout?.(doc, pages.length);
    });
    return () => {
      current = false;
    };
  }, [doc, onLayout]);

  return (
    <div
      className="print-preview"
      aria-label={t('print.preview')}
      data-testid="print-preview"
      data-ready={ready ? 'true' : 'false'}
      data-pages={ready?.length ?? 0}
      data-landscape={doc.landscape ? 'true' : 'false'}
    >
      {ready ? (
        ready.map((range, i) => (
          <Sheet
            key={i}
            doc={doc}
            rows={doc.rows.slice(range.start, range.end)}
            page={i + 1}
            pages={ready.length}
            fits={measured?.fits}
          />
        ))
      ) : (
        <>
          <p className="print-preview__status">{t('print.preparing')}</p>
          <div ref={measureRef} className="print-measure" aria-hidden="true">
            <Sheet doc={doc} rows={[]} page={1} pages={1} frame />
            <Sheet doc={doc} rows={doc.rows} page={1} pages={1} grow />
          </div>
        </>
      )}
    </div>
  );
}

/** Font sizes of the cells fitted to their widest word, by `head:<column>` or `<row id>:<column>`. */
type Fits = ReadonlyMap<string, CellFit>;

/** Fits the growing sheet's header and body cells (see fit-words.ts), keyed as the sheets render them. */
function fitTable(layer: HTMLElement, doc: PrintDocument): Fits {
  const grow = layer.querySelectorAll<HTMLElement>('.sheet')[1];
  const keyed = new Map<HTMLElement, string>();
  grow?.querySelectorAll<HTMLElement>('thead th').forEach((cell, j) => keyed.set(cell, `head:${j}`));
  grow?.querySelectorAll<HTMLElement>('tbody > tr').forEach((row, i) => {
    const id = doc.rows[i]?.id;
    row.querySelectorAll<HTMLElement>(':scope > td').forEach((cell, j) => keyed.set(cell, `${id}:${j}`));
  });
  const fits = new Map<string, CellFit>();
  for (const [cell, fit] of fitCells(keyed.keys())) fits.set(keyed.get(cell) ?? '', fit);
  return fits;
}

/** The style of a fitted cell: its smaller font, and (past the floor) breaks anywhere inside it. */
const fitStyle = (fit: CellFit | undefined) =>
  fit && { fontSize: `${fit.pt}pt`, ...(fit.breakAnywhere ? { overflowWrap: 'anywhere' as const } : {}) };

/** Heights from the hidden layer: the frame sheet gives the room between header and footer. */
function measure(layer: HTMLElement): [number[], { first: number; rest: number; tail: number }] {
  const [frame, grow] = [...layer.querySelectorAll<HTMLElement>('.sheet')];
  const height = (el: Element | null | undefined) => el?.getBoundingClientRect().height ?? 0;
  const style = frame ? getComputedStyle(frame) : null;
  const inner = frame
    ? frame.clientHeight - parseFloat(style?.paddingTop ?? '0') - parseFloat(style?.paddingBottom ?? '0')
    : 0;
  const room = inner - height(frame?.querySelector('.sheet__running')) - height(frame?.querySelector('.sheet__footer'));
  const thead = height(grow?.querySelector('thead'));
  const rows = [...(grow?.querySelectorAll('tbody > tr') ?? [])].map((row) => row.getBoundingClientRect());
  const tbodyBottom = grow?.querySelector('tbody')?.getBoundingClientRect().bottom ?? 0;
  const heights = rows.map((rect, i) => (rows[i + 1]?.top ?? tbodyBottom) - rect.top);
  const heading = height(grow?.querySelector('.sheet__heading'));
  const tail = height(grow?.querySelector('.sheet__tail'));
  return [heights, { first: room - heading - thead - SAFETY_PX, rest: room - thead - SAFETY_PX, tail }];
}

interface SheetProps {
  doc: PrintDocument;
  rows: readonly DocumentRow[];
  page: number;
  pages: number;
  /** The measuring frame: header and footer only. */
  frame?: boolean;
  /** The measuring sheet: grows to hold every row. */
  grow?: boolean;
  /** Cells whose font was made smaller to fit their widest word. */
  fits?: Fits | undefined;
}

function Sheet({ doc, rows, page, pages, frame = false, grow = false, fits }: SheetProps) {
  const { i18n } = useTranslation();
  const t = i18n.getFixedT(doc.language);
  const first = page === 1;
  const last = page === pages;
  const classes = ['sheet', doc.landscape ? 'sheet--landscape' : '', grow ? 'sheet--grow' : ''].filter(Boolean);
  const pageText = t('doc.page', { page, pages });
  return (
    <section className={classes.join(' ')} lang={doc.language} aria-label={pageText} data-testid="sheet">
      <header className="sheet__running">
        <span>{doc.kindergartenName}</span>
        <span>{doc.title}</span>
      </header>
      {!frame && first && (
        <div className="sheet__heading">
          {doc.heading.filter(Boolean).map((line, i) => (
            <p key={i}>{line}</p>
          ))}
          {doc.preamble && <p className="sheet__preamble">{doc.preamble}</p>}
        </div>
      )}
      {!frame && (
        <table className="sheet__table">
          <colgroup>
            {doc.columns.map((column, i) => (
              <col key={i} style={{ width: `${column.width}%` }} />
            ))}
          </colgroup>
          <thead>
            <tr>
              {doc.columns.map((column, i) => (
                <th
                  key={i}
                  scope="col"
                  className={column.align === 'center' ? 'cell--center' : undefined}
                  style={fitStyle(fits?.get(`head:${i}`))}
                >
                  {column.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} className={row.pending ? 'sheet__row--pending' : undefined} data-testid="sheet-row">
                {row.cells.map((cell, i) => (
                  <td
                    key={i}
                    className={doc.columns[i]?.align === 'center' ? 'cell--center' : undefined}
                    style={fitStyle(fits?.get(`${row.id}:${i}`))}
                  >
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!frame && doc.rows.length === 0 && <p className="sheet__empty">{doc.emptyText}</p>}
      {!frame && last && (
        <div className="sheet__tail">
          {doc.signatures.map((line, i) => (
            <p key={i}>{line}</p>
          ))}
        </div>
      )}
      <footer className="sheet__footer">
        {doc.legend && <p>{doc.legend}</p>}
        {doc.iinNote && <p data-testid="iin-note">{doc.iinNote}</p>}
        <div className="sheet__footer-line">
          <span>{t('doc.dateLine', { date: doc.date })}</span>
          <span>{pageText}</span>
        </div>
      </footer>
    </section>
  );
}
