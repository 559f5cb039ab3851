import type { Download, Locator, Page } from 'playwright-core';

/** The documents screen: choose a document, its language and options; print, save, export. */
export class PrintPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.getByRole('tab', { name: /^(Документы|Құжаттар|Documents)$/ }).click();
  }

  async choose(label: RegExp, option: string) {
    await this.page.getByLabel(label).selectOption({ label: option });
  }

  async document(name: 'Приказ о зачислении' | 'Список группы' | 'Журнал движения контингента') {
    await this.choose(/^Документ$/, name);
  }

  async language(name: 'Русский' | 'Қазақша') {
    await this.choose(/^(Язык документа|Құжат тілі)$/, name);
  }

  async dates(values: Record<string, string>) {
    for (const [label, value] of Object.entries(values)) await this.page.getByLabel(label, { exact: true }).fill(value);
  }

  preview(): Locator {
    return this.page.getByTestId('print-preview');
  }

  sheets(): Locator {
    return this.page.getByTestId('sheet');
  }

  /** Waits until the preview is laid out, and says how many pages it has. */
  async pageCount(): Promise<number> {
    await this.page.waitForSelector('[data-testid="print-preview"][data-ready="true"]');
    return Number(await this.preview().getAttribute('data-pages'));
  }

  /**
   * The document as the desktop app saves it (electron/main/printing.ts: printToPDF on A4 in the
   * document's orientation, no margins of the printer's own, backgrounds printed).
   */
  async pdf(): Promise<Buffer> {
    await this.pageCount();
    const landscape = (await this.preview().getAttribute('data-landscape')) === 'true';
    const margin = { top: '0', bottom: '0', left: '0', right: '0' };
    const [width, height] = landscape ? ['297mm', '210mm'] : ['210mm', '297mm'];
    return this.page.pdf({ width, height, margin, printBackground: true });
  }

  /**
   * Words the laid-out sheets split across lines or let out of their box: each word (a break after
   * a hyphen allowed) is measured as a DOM range; a word whose line boxes lie on more than one line
   * is broken, one that passes its block's content box on the left or right overflows, and in a
   * table cell the word must also lie within the cell's top and bottom.
   */
  async brokenWords(): Promise<string[]> {
    await this.pageCount();
    return this.page.evaluate(() => {
      const found: string[] = [];
      const blocks = document.querySelectorAll<HTMLElement>(
        '[data-testid="print-preview"] .sheet :is(td, th, .sheet__heading p, .sheet__tail p, .sheet__footer p, .sheet__running span)',
      );
      for (const block of blocks) {
        const style = getComputedStyle(block);
        const box = block.getBoundingClientRect();
        // A collapsed border is shared with the cell on the left: the content starts within it.
        const left = box.left + parseFloat(style.paddingLeft);
        const right = box.right - parseFloat(style.paddingRight) - parseFloat(style.borderRightWidth);
        const cell = block.matches('td, th');
        const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const text = node.textContent ?? '';
          for (const match of text.matchAll(/[^\s-]+-?/g)) {
            const range = document.createRange();
            range.setStart(node, match.index);
            range.setEnd(node, match.index + match[0].length);
            const rects = [...range.getClientRects()].filter((r) => r.width > 0);
            const tops = rects.map((r) => r.top);
            const split = tops.length > 1 && Math.max(...tops) - Math.min(...tops) > 2;
            const overflows = rects.some(
              (r) =>
                r.left < left - 0.5 ||
                r.right > right + 0.5 ||
                (cell && (r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5)),
            );
            if (split || overflows) found.push(`${split ? 'split' : 'overflows'}: ${match[0]} in "${text}"`);
          }
        }
      }
      return found;
    });
  }

  async export(button: 'Excel (XLSX)' | 'CSV'): Promise<Download> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByRole('button', { name: button }).click(),
    ]);
    return download;
  }
}
