import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listPrinters, printPage, printPageToPdf } from './printing.js';
import { safeFileName, saveDialog } from './save-dialog.js';
import { FakeWebContents } from './testing/fake-electron.js';

describe('printing', () => {
  let contents: FakeWebContents;
  beforeEach(() => {
    contents = new FakeWebContents();
  });

  it('lists the system’s printers', async () => {
    contents.printers = [
      { name: 'hp', displayName: 'HP LaserJet', description: '', options: {} },
      { name: 'pdf', displayName: '', description: '', options: {} },
    ];
    expect(await listPrinters(contents)).toEqual([
      { name: 'hp', displayName: 'HP LaserJet', isDefault: false },
      { name: 'pdf', displayName: 'pdf', isDefault: false },
    ]);
  });

  it('prints straight to the chosen printer, with the chosen copies, on A4', async () => {
    expect(await printPage(contents, { deviceName: 'office', copies: 3, landscape: true })).toEqual({ printed: true });
    expect(contents.printed).toEqual([
      {
        silent: true,
        deviceName: 'office',
        copies: 3,
        landscape: true,
        pageSize: 'A4',
        margins: { marginType: 'none' },
        printBackground: true,
      },
    ]);
  });

  it('asks through the system print dialog when no printer is chosen', async () => {
    await printPage(contents, { copies: 1, landscape: false });
    expect(contents.printed).toEqual([
      {
        silent: false,
        copies: 1,
        landscape: false,
        pageSize: 'A4',
        margins: { marginType: 'none' },
        printBackground: true,
      },
    ]);
  });

  it('refuses a printer the system does not know', async () => {
    expect(await printPage(contents, { deviceName: 'nowhere', copies: 1, landscape: false })).toEqual({
      printed: false,
      reason: 'unknown-printer',
    });
    expect(contents.printed).toEqual([]);
  });

  it('says why printing failed', async () => {
    contents.printResult = [false, 'cancelled'];
    expect(await printPage(contents, { copies: 1, landscape: false })).toEqual({ printed: false, reason: 'cancelled' });
  });
});

describe('printing to PDF', () => {
  it('writes an A4 PDF where the user chose in the save dialog, opened in Documents', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kg-pdf-'));
    const contents = new FakeWebContents();
    const dialog = { showSaveDialog: vi.fn(async () => ({ canceled: false, filePath: join(dir, 'list.pdf') })) };
    const result = await printPageToPdf(
      contents,
      { suggestedName: 'Список группы', landscape: false },
      saveDialog(dialog, null, '/home/head/Documents'),
    );
    expect(result).toEqual({ saved: true, path: join(dir, 'list.pdf') });
    expect(dialog.showSaveDialog).toHaveBeenCalledWith({
      defaultPath: '/home/head/Documents/Список группы.pdf',
      filters: [{ name: 'PDF', extensions: ['pdf'] }],
    });
    expect(contents.printed).toEqual([
      expect.objectContaining({ pageSize: 'A4', landscape: false, margins: { top: 0, bottom: 0, left: 0, right: 0 } }),
    ]);
    expect((await readFile(join(dir, 'list.pdf'), 'utf8')).startsWith('%PDF')).toBe(true);
  });

  it('makes nothing when the user cancels', async () => {
    const contents = new FakeWebContents();
    const dialog = { showSaveDialog: vi.fn(async () => ({ canceled: true, filePath: '' })) };
    const result = await printPageToPdf(
      contents,
      { suggestedName: 'a.pdf', landscape: true },
      saveDialog(dialog, null, '/d'),
    );
    expect(result).toEqual({ saved: false });
    expect(contents.printed).toEqual([]);
  });

  it('takes only a bare, harmless file name from the page', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\Windows\\evil.pdf')).toBe('evil.pdf');
    expect(safeFileName('a<b>:c?.pdf')).toBe('a_b__c_.pdf');
    expect(safeFileName('..')).toBe('document');
    expect(safeFileName('Қабылдау бұйрығы.pdf')).toBe('Қабылдау бұйрығы.pdf');
  });
});
