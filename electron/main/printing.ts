import { writeFile } from 'node:fs/promises';
import type { WebContents } from 'electron';
import type { PrinterInfo, PrintResult, SaveResult } from '../../shared/host-api.js';
import type { ChooseSaveTarget } from './save-dialog.js';
import { withExtension } from './save-dialog.js';

type Printable = Pick<WebContents, 'getPrintersAsync' | 'print' | 'printToPDF'>;

/** The printers the system knows. Electron reports no default flag on every platform: then none is marked. */
export async function listPrinters(contents: Pick<WebContents, 'getPrintersAsync'>): Promise<PrinterInfo[]> {
  return (await contents.getPrintersAsync()).map((printer) => ({
    name: printer.name,
    displayName: printer.displayName || printer.name,
    isDefault: (printer as { isDefault?: boolean }).isDefault === true,
  }));
}

export interface PrintRequest {
  deviceName?: string | undefined;
  copies: number;
  landscape: boolean;
}

/**
 * Prints the page on A4: straight to the chosen printer with the chosen number of copies, or,
 * with no printer chosen, through the system print dialog. An unknown printer name is refused.
 */
export async function printPage(contents: Printable, request: PrintRequest): Promise<PrintResult> {
  const { deviceName, copies, landscape } = request;
  if (deviceName && !(await contents.getPrintersAsync()).some((printer) => printer.name === deviceName)) {
    return { printed: false, reason: 'unknown-printer' };
  }
  return new Promise((resolve) => {
    contents.print(
      {
        silent: Boolean(deviceName),
        ...(deviceName ? { deviceName } : {}),
        copies,
        landscape,
        pageSize: 'A4',
        // The documents lay out their own A4 sheets with their margins inside (renderer/src/print).
        margins: { marginType: 'none' },
        printBackground: true,
      },
      (printed, reason) => resolve(printed ? { printed } : { printed, reason: reason || 'failed' }),
    );
  });
}

export interface PdfRequest {
  suggestedName: string;
  landscape: boolean;
}

/** Renders the page as an A4 PDF and writes it where the user chooses in the save dialog. */
export async function printPageToPdf(
  contents: Printable,
  request: PdfRequest,
  chooseTarget: ChooseSaveTarget,
): Promise<SaveResult> {
  const path = await chooseTarget(withExtension(request.suggestedName, 'pdf'), [{ name: 'PDF', extensions: ['pdf'] }]);
  if (!path) return { saved: false };
  const pdf = await contents.printToPDF({
    pageSize: 'A4',
    landscape: request.landscape,
    margins: { top: 0, bottom: 0, left: 0, right: 0 },
    printBackground: true,
    displayHeaderFooter: false,
    generateTaggedPDF: true,
  });
  await writeFile(path, pdf);
  return { saved: true, path };
}
