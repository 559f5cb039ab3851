import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { resolve } from 'node:path';
import { readdirSync } from 'node:fs';
import { makeIin } from '../../shared/domain/iin.js';
import { demoKindergarten } from '../../server/demo/seed-kindergarten.js';
import { PrintPage } from '../../test/e2e/pages/print-page.js';
import { repeat, summarize, type ScenarioResult } from '../harness.js';
import { assertRendererBuilt, freshPage, launchChromium, signInAsHead, staticServer } from '../support/browser.js';
import type { BenchEnvironment } from '../support/environment.js';

const CHILDREN = 400;
const RUNS = 5;
const ORDER = '15-к';

interface Row {
  name: string;
  birthDate: string;
  iin: string;
  group: string;
  representative: string;
}

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** The same 400 rows as a static HTML table: the bundled DejaVu Sans at the same size, A4 landscape. */
function staticOrder(rows: Row[], font: string): string {
  return `<!doctype html><html lang="ru"><meta charset="utf-8"><title>order</title><style>
@font-face { font-family: 'KG Print Sans'; src: url('/${font}') format('truetype'); }
@page { size: A4 landscape; margin: 0; }
body { margin: 12mm; font-family: 'KG Print Sans', sans-serif; font-size: 9pt; line-height: 1.25; }
table { border-collapse: collapse; width: 100%; } th, td { border: 0.5pt solid #000; padding: 1mm 1.5mm; text-align: left; }
thead { display: table-header-group; } tr { break-inside: avoid; }
</style><h1>ПРИКАЗ № ${ORDER} от 01.06.2026</h1><table><thead><tr><th>№</th><th>Фамилия, имя, отчество ребёнка</th><th>Дата рождения</th><th>ИИН</th><th>Группа</th><th>Дата зачисления</th><th>№ направления</th><th>Законный представитель</th></tr></thead><tbody>
${rows
  .map(
    (r, i) =>
      `<tr><td>${i + 1}</td><td>${escape(r.name)}</td><td>${r.birthDate}</td><td>••••••••${r.iin.slice(8)}</td><td>${escape(r.group)}</td><td>01.06.2026</td><td></td><td>${escape(r.representative)}</td></tr>`,
  )
  .join('\n')}
</tbody></table></html>`;
}

/**
 * Printing: the enrollment order of 400 children to PDF in Chromium through the app's documents
 * screen (choosing the order until PDF bytes, A4 landscape, no margins, as the e2e test and the
 * desktop app print it) — against page.pdf of a static HTML table of the same rows in the same font.
 */
export async function printing(env: BenchEnvironment): Promise<ScenarioResult> {
  assertRendererBuilt();
  const { url, db, drop } = await env.database('bench_printing');
  const groups = await db.query<{ id: string; name: string }>(
    `select id, name from groups where kindergarten_id = $1 order by name`,
    [demoKindergarten.id],
  );
  const rows: Row[] = [];
  let serial = 100;
  for (let i = 0; i < CHILDREN; i++) {
    const birthDate = `202${1 + (i % 4)}-0${1 + (i % 9)}-1${i % 10}`;
    let iin = '';
    while (!iin) {
      try {
        iin = makeIin(birthDate, i % 2 ? 'female' : 'male', serial++);
      } catch {
        // no check digit for this serial
      }
    }
    const group = groups[i % groups.length]!;
    const row = {
      name: `Бенчев${i} Әлия Қанатқызы`,
      birthDate,
      iin,
      group: group.name,
      representative: `Бенчева${i} Гүлнара`,
    };
    rows.push(row);
    await db.query(
      `insert into enrollments (id, kindergarten_id, group_id, child_full_name, child_birth_date, child_iin, representative_full_name,
         enrolled_on, order_number, order_date, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, '2026-06-01', $8, '2026-06-01', now())`,
      [randomUUID(), demoKindergarten.id, group.id, row.name, birthDate, iin, row.representative, ORDER],
    );
  }
  const [server] = await env.servers(url, 1);
  const browser = await launchChromium();
  const assets = resolve('out/renderer/assets');
  const font = readdirSync(assets).find(
    (f) => /^DejaVuSans-[^B].*\.ttf$/.test(f) || /^DejaVuSans-[A-Za-z0-9_]{8}\.ttf$/.test(f),
  )!;
  const html = staticOrder(rows, font);
  const statics = await staticServer(assets, { '/order.html': () => html });
  try {
    const { page } = await freshPage(browser);
    await signInAsHead(page, server!.url);
    const print = new PrintPage(page);
    await print.open();
    await print.pageCount();
    let pages = 0;
    let bytes = 0;
    const ours = await repeat(RUNS, async () => {
      await print.document('Список группы');
      await print.pageCount();
      const start = performance.now();
      await print.document('Приказ о зачислении');
      await print.choose(/^Приказ$/, `№ ${ORDER} от 01.06.2026`);
      await page.getByText(`Всего детей: ${CHILDREN}`, { exact: true }).waitFor();
      pages = await print.pageCount();
      bytes = (await print.pdf()).length;
      return performance.now() - start;
    });
    const pdfOnly = await repeat(RUNS, async () => {
      const start = performance.now();
      await print.pdf();
      return performance.now() - start;
    });
    const { page: plain } = await freshPage(browser);
    let plainBytes = 0;
    const theirs = await repeat(RUNS, async () => {
      const start = performance.now();
      await plain.goto(`${statics.url}/order.html`);
      await plain.evaluate('document.fonts.ready.then(() => true)');
      const pdf = await plain.pdf({
        width: '297mm',
        height: '210mm',
        margin: { top: '0', bottom: '0', left: '0', right: '0' },
        printBackground: true,
      });
      plainBytes = pdf.length;
      return performance.now() - start;
    });
    const subject = summarize(ours);
    const baseline = summarize(theirs);
    const ratio = subject.median / baseline.median;
    const only = summarize(pdfOnly);
    return {
      scenario: 'printing',
      unit: 'ms',
      subject: {
        label: `enrollment order of ${CHILDREN} children: choose it on the documents screen → PDF bytes (A4 landscape)`,
        ...subject,
      },
      baseline: {
        label: `page.pdf of a static HTML table of the same ${CHILDREN} rows (same font, A4 landscape)`,
        ...baseline,
      },
      ratio,
      target: { maxRatio: 3, met: ratio <= 3 },
      notes: `the order: ${pages} pages, ${(bytes / 1024).toFixed(0)} KiB; page.pdf alone of the laid-out preview: median ${only.median.toFixed(0)} ms (min ${only.min.toFixed(0)}, max ${only.max.toFixed(0)}), ratio ${(only.median / baseline.median).toFixed(2)}; static table ${(plainBytes / 1024).toFixed(0)} KiB (load + fonts + pdf)`,
    };
  } finally {
    await statics.close();
    await browser.close();
    await server!.stop();
    await drop();
  }
}
