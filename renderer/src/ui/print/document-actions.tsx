import { Button, NativeSelect, NumberInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PrinterInfo } from '../../../../shared/host-api.js';
import type { PrintDocument } from '../../print/document.js';
import { documentToCsv, documentToXlsx } from '../../print/export-table.js';
import { useDesk } from '../desk-context.js';
import { recordPrinted } from './printed-documents.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Print (printer and copies), save as PDF, export to XLSX and CSV — all through the HostApi. */
export function DocumentActions({
  doc,
  printers,
  pages,
}: {
  doc: PrintDocument;
  printers: readonly PrinterInfo[];
  /** The preview's page count once laid out; printing waits for it. */
  pages: number | null;
}) {
  const { t } = useTranslation();
  const { host, session, clock } = useDesk();
  // What went on paper and which unconfirmed changes it showed (see printed-documents.ts). The
  // desktop app knows when the printer took the document or the PDF was saved. A browser says only
  // that its print dialog closed ("afterprint": printed, saved as PDF or cancelled, from the buttons
  // or Ctrl+P alike), so in browser mode that is what records the laid-out document.
  const kindergartenId = session.info.kindergarten.id;
  const browser = host.kind === 'browser';
  const onPaper = () => {
    if (!browser) recordPrinted(kindergartenId, doc, clock.now());
  };
  useEffect(() => {
    if (!browser || pages === null) return;
    const afterPrint = () => recordPrinted(kindergartenId, doc, clock.now());
    window.addEventListener('afterprint', afterPrint);
    return () => window.removeEventListener('afterprint', afterPrint);
  }, [browser, pages, kindergartenId, doc, clock]);
  const [printer, setPrinter] = useState(() => printers.find((p) => p.isDefault)?.name ?? '');
  const [copies, setCopies] = useState(1);
  const [message, setMessage] = useState('');
  const [working, setBusy] = useState(false);
  const busy = working || pages === null;

  async function run(action: () => Promise<string>) {
    setBusy(true);
    setMessage('');
    try {
      setMessage(await action());
    } catch (error) {
      setMessage(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  }
  const saved = (result: { saved: boolean; path?: string | undefined }) =>
    !result.saved ? '' : result.path ? t('print.savedTo', { path: result.path }) : t('print.saved');
  /** A button that saves the document one way and says where it went. */
  const saveButton = (label: string, save: () => Promise<{ saved: boolean; path?: string | undefined }>) => (
    <Button variant="default" disabled={busy} onClick={() => void run(async () => saved(await save()))}>
      {label}
    </Button>
  );

  return (
    <>
      <div className="documents-actions">
        {printers.length > 0 && (
          <NativeSelect
            label={t('print.printer')}
            value={printer}
            onChange={(e) => setPrinter(e.currentTarget.value)}
            data={[
              { value: '', label: t('print.systemDialog') },
              ...printers.map((p) => ({ value: p.name, label: p.displayName })),
            ]}
          />
        )}
        <NumberInput
          className="documents-copies"
          label={t('print.copies')}
          min={1}
          max={99}
          value={copies}
          onChange={(value) => setCopies(Math.min(99, Math.max(1, Number(value) || 1)))}
        />
        <Button
          disabled={busy}
          onClick={() =>
            void run(async () => {
              const result = await host.print({
                ...(printer ? { deviceName: printer } : {}),
                copies,
                landscape: doc.landscape,
              });
              if (!result.printed) return t('print.notPrinted', { reason: result.reason ?? '' });
              onPaper();
              return t('print.printed');
            })
          }
        >
          {t('print.print')}
        </Button>
        {saveButton(t('print.savePdf'), async () => {
          const result = await host.printToPdf({ landscape: doc.landscape, suggestedName: doc.fileName });
          if (result.saved) onPaper();
          return result;
        })}
        {saveButton(t('print.xlsx'), async () =>
          host.saveFile({
            suggestedName: `${doc.fileName}.xlsx`,
            mimeType: XLSX_TYPE,
            data: await documentToXlsx(doc),
          }),
        )}
        {saveButton(t('print.csv'), () =>
          host.saveFile({
            suggestedName: `${doc.fileName}.csv`,
            mimeType: 'text/csv;charset=utf-8',
            data: documentToCsv(doc),
          }),
        )}
        {pages !== null && <span data-testid="page-count">{t('print.pages', { count: pages })}</span>}
      </div>
      {message && (
        <p className="documents-message" role="status">
          {message}
        </p>
      )}
    </>
  );
}
