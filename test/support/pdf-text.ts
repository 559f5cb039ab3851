import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfPage {
  /** Width and height in points (1/72 inch), as the page's media box says. */
  width: number;
  height: number;
  /** The page's text, line by line from the top, words on a line in reading order. */
  text: string;
}

interface Run {
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
}

/** Two runs closer than this share a baseline (points). */
const SAME_LINE = 2;

/**
 * Every page's size and text (pdf.js, so the tests need no system PDF tools). Runs are put back
 * into lines by their baseline and joined with a space where a gap separates them.
 */
export async function readPdfPages(pdf: Uint8Array): Promise<PdfPage[]> {
  const document = await getDocument({ data: new Uint8Array(pdf), verbosity: 0, isEvalSupported: false }).promise;
  try {
    const pages: PdfPage[] = [];
    for (let n = 1; n <= document.numPages; n++) {
      const page = await document.getPage(n);
      const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = page.view;
      const content = await page.getTextContent();
      const runs: Run[] = [];
      for (const item of content.items) {
        if (!('str' in item) || item.str === '') continue;
        const [a = 0, b = 0, , , x = 0, y = 0] = item.transform as number[];
        runs.push({ str: item.str, x, y, width: item.width, size: Math.hypot(a, b) || 1 });
      }
      pages.push({ width: x1 - x0, height: y1 - y0, text: toLines(runs) });
      page.cleanup();
    }
    return pages;
  } finally {
    await document.destroy();
  }
}

function toLines(runs: Run[]): string {
  const lines: Run[][] = [];
  for (const run of [...runs].sort((p, q) => q.y - p.y)) {
    const line = lines.at(-1);
    if (line && Math.abs(line[0]!.y - run.y) <= SAME_LINE) line.push(run);
    else lines.push([run]);
  }
  return lines
    .map((line) => {
      let text = '';
      let end = -Infinity;
      for (const run of line.sort((p, q) => p.x - q.x)) {
        const gap = run.x - end > run.size * 0.15;
        text += (text && gap && !text.endsWith(' ') && !run.str.startsWith(' ') ? ' ' : '') + run.str;
        end = run.x + run.width;
      }
      return text;
    })
    .join('\n');
}
