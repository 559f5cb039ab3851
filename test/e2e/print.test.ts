import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import type { BrowserContext, Page } from 'playwright-core';
import { makeIin } from '../../shared/domain/iin.js';
import { demoAccounts, demoKindergarten } from '../../server/demo/seed-kindergarten.js';
import { groupId, makeApplicant, makeApprovedEntry, nextIin } from '../support/intake-fixtures.js';
import { readPdfPages } from '../support/pdf-text.js';
import { startDeskFixture, type DeskFixture } from './desk-fixture.js';
import { expectText } from './expect-text.js';
import { ClaimsPage } from './pages/claims-page.js';
import { DeskPage } from './pages/desk-page.js';
import { PrintPage } from './pages/print-page.js';
import { rawKeys, unnamedControls } from './pages/screens.js';
import { SignInPage } from './pages/sign-in-page.js';

const run = promisify(execFile);
const head = demoAccounts[0];

/** 15 surnames × 20 first names: 300 distinct children, Kazakh letters in most, no name inside another. */
const surnames =
  'Әбенов Қасымов Нұрғалиев Ғабитов Өмірбеков Ұзақов Үсенов Һашимов Ілиясов Иванов Петров Смирнов Жақсылықов Серіков Байжанов'.split(
    ' ',
  );
const firstNames =
  'Айдар Әлия Данияр Ерасыл Жансая Іңкәр Қанат Мәди Нұрсұлтан Өркен Ұлан Үміт Һибатулла Аружан Вера Глеб Дарья Мирон Софья Тимур'.split(
    ' ',
  );
const children = surnames.flatMap((s) => firstNames.map((f) => `${s} ${f}`));
const groupNames = ['Солнышко', 'Балдырған', 'Колокольчик', 'Ақбота', 'Радуга', 'Жұлдыз'];

/** The order's page count at this font, these margins and these rows: a reviewed literal. */
const ORDER_PAGES = 14;
const SNAPSHOT = 'test/e2e/__snapshots__/enrollment-order-ru-page1.png';

/** 300 children enrolled by order 15-к across the six demo groups; the first of them left by order 16-к. */
async function seedOrderOf300(desk: DeskFixture) {
  const groups = await Promise.all(groupNames.map((name) => groupId(desk.server.db, name)));
  let serial = 100;
  const ids: string[] = [];
  for (const [i, name] of children.entries()) {
    const birthDate = `202${1 + (i % 4)}-0${1 + (i % 9)}-1${i % 10}`;
    let iin = '';
    while (!iin) {
      try {
        iin = makeIin(birthDate, i % 2 ? 'female' : 'male', serial++);
      } catch {
        // no check digit for this serial: the next one
      }
    }
    const id = randomUUID();
    ids.push(id);
    const representative =
      i % 7 === 0
        ? `${name.split(' ')[0]}а Гүлнара Серікқызы (опекун по решению органа опеки)`
        : `${name.split(' ')[0]}а Гүлнара`;
    await desk.server.db.query(
      `insert into enrollments (id, kindergarten_id, group_id, child_full_name, child_birth_date, child_iin, representative_full_name,
         enrolled_on, order_number, order_date, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, '2026-06-01', '15-к', '2026-06-01', now())`,
      [id, demoKindergarten.id, groups[i % groups.length], name, birthDate, iin, representative],
    );
  }
  const departureId = randomUUID();
  await desk.server.db.query(
    `insert into departures (id, kindergarten_id, group_id, kind, departs_on, order_number, order_date, reason, enrollment_id, children, updated_at)
     values ($1, $2, $3, 'termination', '2026-06-02', '16-к', '2026-06-02', 'parent_request', $4, 1, now())`,
    [departureId, demoKindergarten.id, groups[0], ids[0]],
  );
  await desk.server.db.query(
    `update enrollments set departed_on = '2026-06-02', departure_id = $2, updated_at = now() where id = $1`,
    [ids[0], departureId],
  );
}

/**
 * A group whose name is one word wider than the order's and the register's group column at 9 pt,
 * and a child in it with a double-barrelled surname, enrolled on 03.06.2026 by order 17-к.
 */
const WIDE_GROUP = 'Қызғалдақтарымыз';
const WIDE_CHILD = 'Сейітқали-Нұрмұхамбетова Аружан';
async function seedWideWords(desk: DeskFixture) {
  const group = randomUUID();
  await desk.server.db.query(
    `insert into groups (id, kindergarten_id, name, age_group, language, capacity, updated_at)
     values ($1, $2, $3, 'senior', 'kk', 25, now())`,
    [group, demoKindergarten.id, WIDE_GROUP],
  );
  await desk.server.db.query(
    `insert into enrollments (id, kindergarten_id, group_id, child_full_name, child_birth_date, child_iin, representative_full_name,
       enrolled_on, order_number, order_date, updated_at)
     values ($1, $2, $3, $4, '2021-04-15', $5, 'Сейітқали-Нұрмұхамбетова Гүлнара', '2026-06-03', '17-к', '2026-06-03', now())`,
    [randomUUID(), demoKindergarten.id, group, WIDE_CHILD, nextIin('2021-04-15')],
  );
}

/** A referral with its contract concluded (seat, publication and entry behind it), ready to enroll. */
async function seedContractedReferral(desk: DeskFixture, childName: string) {
  const db = desk.server.db;
  const group = await groupId(db, 'Солнышко');
  const entry = await makeApprovedEntry(db, { groupId: group, birthYear: 2025, seats: 1, availableFrom: '2026-06-01' });
  const applicant = await makeApplicant(db, { birthDate: '2025-01-15', appliedAt: '2025-02-01T04:00:00Z' });
  const [publication, seat, referral] = [randomUUID(), randomUUID(), randomUUID()];
  await db.query(
    `insert into publications (id, kindergarten_id, group_id, schedule_entry_id, birth_year, language, seats, available_from, published_at, window_closes_at, updated_at)
     values ($1, $2, $3, $4, 2025, 'ru', 1, '2026-06-01', '2026-05-20T05:00:00Z', '2026-05-25T18:59:59.999Z', now())`,
    [publication, demoKindergarten.id, group, entry],
  );
  await db.query(
    `insert into seats (id, publication_id, kindergarten_id, group_id, available_from, status, updated_at)
     values ($1, $2, $3, $4, '2026-06-01', 'open', now())`,
    [seat, publication, demoKindergarten.id, group],
  );
  await db.query(
    `insert into referrals (id, number, seat_id, publication_id, kindergarten_id, group_id, applicant_id, applicant_priority, child_full_name,
       child_birth_date, child_iin, representative_full_name, available_from, claimed_at, claimed_in_phase, contract_deadline, status,
       contract_concluded_at, contract_concluded_by, updated_at)
     select $1, 'KZ-2026-000777', $2, $3, $4, $5, a.id, a.priority, $6, a.birth_date, a.iin, a.representative_full_name, '2026-06-01',
       '2026-05-21T05:00:00Z', 'queue_window', '2026-05-28T18:59:59.999Z', 'contracted', '2026-05-22T05:00:00Z', 'parent', now()
     from applicants a where a.id = $7`,
    [referral, seat, publication, demoKindergarten.id, group, childName, applicant],
  );
  await db.query(`update seats set status = 'claimed', referral_id = $2, updated_at = now() where id = $1`, [
    seat,
    referral,
  ]);
}

/** Page sizes and the text of each page (pdf.js); the file stays for the page image. */
async function readPdf(pdf: Buffer, dir: string, name: string) {
  const file = join(dir, `${name}.pdf`);
  await writeFile(file, pdf);
  const read = await readPdfPages(pdf);
  return { file, sizes: read.map(({ width, height }) => ({ width, height })), pages: read.map((p) => p.text) };
}

/**
 * Every page is A4 in the given orientation: 595.28 × 841.89 pt within 1 pt (Chromium sizes pages
 * in whole 1/300-inch dots: 594.96–595.92 pt wide).
 */
function expectA4(sizes: Array<{ width: number; height: number }>, landscape: boolean) {
  const [width, height] = landscape ? [841.89, 595.28] : [595.28, 841.89];
  for (const size of sizes) {
    expect(Math.abs(size.width - width)).toBeLessThanOrEqual(1);
    expect(Math.abs(size.height - height)).toBeLessThanOrEqual(1);
  }
}

/** The cells holding `text` were given a smaller font than the body's 9 pt (12 px), not under 6 pt (8 px). */
async function expectFitted(print: PrintPage, text: string) {
  const cells = print.sheets().getByRole('cell', { name: text, exact: true });
  expect(await cells.count()).toBeGreaterThan(0);
  for (const size of await cells.evaluateAll((tds) => tds.map((td) => parseFloat(getComputedStyle(td).fontSize)))) {
    expect(size).toBeLessThan(12);
    expect(size).toBeGreaterThanOrEqual(8);
  }
}

const occurrences = (text: string, name: string) =>
  text.match(new RegExp(`(?<!\\p{L})${name}(?!\\p{L})`, 'gu'))?.length ?? 0;

describe('printing the documents a head puts on paper', () => {
  let desk: DeskFixture;
  let context: BrowserContext;
  let page: Page;
  let dir: string;

  beforeAll(async () => {
    desk = await startDeskFixture();
    await seedOrderOf300(desk);
    await seedContractedReferral(desk, 'Ожидающая Аяулым');
    await seedWideWords(desk);
    dir = await mkdtemp(join(tmpdir(), 'kg-print-'));
  });
  afterAll(async () => {
    await desk?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    ({ context, page } = await desk.newPage());
    const signIn = new SignInPage(page);
    await signIn.open(desk.server.url);
    await signIn.signIn(head.login, head.password);
  });
  afterEach(async () => {
    await context.close();
    expect(desk.cspViolations.splice(0)).toEqual([]);
  });

  async function openOrder(language: 'Русский' | 'Қазақша' = 'Русский') {
    const print = new PrintPage(page);
    await print.open();
    await print.choose(/^Приказ$/, '№ 15-к от 01.06.2026');
    await print.language(language);
    await page.getByText(language === 'Русский' ? /^Всего детей: 30[01]$/ : 'Барлық балалар: 300').waitFor();
    return print;
  }

  it('prints the order of 300 children on A4 landscape, each child on exactly one page, every page with its header row and number', async () => {
    const print = await openOrder();
    expect(await print.pageCount()).toBe(ORDER_PAGES);
    await expectText(page.getByTestId('page-count'), `Страниц: ${ORDER_PAGES}`);
    const { file, sizes, pages } = await readPdf(await print.pdf(), dir, 'order-ru');

    expect(pages).toHaveLength(ORDER_PAGES);
    expectA4(sizes, true);
    pages.forEach((text, i) => {
      // The header row (cells that fit on one line; "Дата рождения" wraps in its narrow column).
      for (const label of ['ИИН', 'Группа', '№ направления', 'Законный представитель']) {
        expect(text, `page ${i + 1}`).toContain(label);
      }
      expect(text, `page ${i + 1}`).toContain(`Страница ${i + 1} из ${ORDER_PAGES}`);
      expect(text, `page ${i + 1}`).toContain('Ясли-сад № 1 «Балапан»');
      expect(text, `page ${i + 1}`).toContain('Дата документа: 01.06.2026');
    });
    expect(pages[0]).toContain('ПРИКАЗ');
    // The head's position and name beside the signature line; the IIN masked by default, and the footer says so.
    expect(pages.at(-1)).toMatch(/Заведующая _+ \/ Ахметова Гульнара Сериковна \//);
    pages.forEach((text) => expect(text).toContain('ИИН скрыт: указаны только последние 4 цифры'));
    expect(await print.brokenWords()).toEqual([]);
    for (const name of children) {
      const perPage = pages.map((text) => occurrences(text, name));
      expect(
        perPage.reduce((a, b) => a + b, 0),
        name,
      ).toBe(1);
    }

    const png = join(dir, 'order-ru');
    await run('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', file, png]);
    const actual = await readFile(`${png}.png`);
    if (process.env.UPDATE_SNAPSHOTS === '1') {
      await mkdir('test/e2e/__snapshots__', { recursive: true });
      await writeFile(SNAPSHOT, actual);
    }
    if (!existsSync(SNAPSHOT))
      throw new Error(`no reviewed snapshot ${SNAPSHOT}: run with UPDATE_SNAPSHOTS=1, review it, commit it`);
    const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');
    if (sha(actual) !== sha(await readFile(SNAPSHOT))) {
      const seen = join(tmpdir(), 'enrollment-order-ru-page1.actual.png');
      await writeFile(seen, actual);
      throw new Error(`page 1 differs from ${SNAPSHOT}: see ${seen}; UPDATE_SNAPSHOTS=1 after review`);
    }
  });

  it('prints the order in Kazakh with the bundled font, every Kazakh letter kept in the PDF', async () => {
    const print = await openOrder('Қазақша');
    const { sizes, pages } = await readPdf(await print.pdf(), dir, 'order-kk');
    expectA4(sizes, true);
    expect(pages.length).toBe(await print.pageCount());
    expect(pages[0]).toContain('БҰЙРЫҚ');
    pages.forEach((text, i) => {
      expect(text).toContain('ЖСН');
      expect(text).toContain(`Бет ${i + 1} / ${pages.length}`);
      expect(text).toContain('№ 1 «Балапан» бөбекжай-бақшасы');
    });
    const all = pages.join('').toLowerCase();
    for (const letter of 'әғқңөұүһі') expect(all, letter).toContain(letter);
    expect(pages.at(-1)).toMatch(/Меңгеруші _+ \/ Ахметова Гульнара Сериковна \//);
    expect(await print.brokenWords()).toEqual([]);
  });

  it('prints a group list on A4 portrait and the movement register for a period', async () => {
    const print = new PrintPage(page);
    await print.open();
    await print.document('Список группы');
    await print.choose(/^Группа$/, 'Солнышко');
    await print.dates({ 'На дату': '2026-06-03' });
    await page.getByText('Всего детей: 49').waitFor();
    await page.evaluate(() => {
      const w = window as unknown as { printCalls: number; print(): void };
      w.printCalls = 0;
      w.print = () => void (w.printCalls += 1);
    });
    await page.getByRole('button', { name: 'Печать' }).click();
    await page.getByRole('status').filter({ hasText: 'Отправлено на печать.' }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { printCalls: number }).printCalls)).toBe(1);
    const list = await readPdf(await print.pdf(), dir, 'group');
    expectA4(list.sizes, false);
    expect(list.pages[0]).toContain('Список детей группы «Солнышко»');
    expect(occurrences(list.pages.join(''), children[0] ?? '')).toBe(0);
    expect(list.pages[0]).toContain('ИИН скрыт');
    expect(await print.brokenWords()).toEqual([]);
    // The head chooses the full IIN: the footer of every sheet says it was her choice.
    await page.getByLabel('ИИН полностью').check();
    await expectText(print.sheets().first().getByTestId('iin-note'), 'ИИН указан полностью по решению заведующей');
    const full = await readPdf(await print.pdf(), dir, 'group-full-iin');
    full.pages.forEach((p) => expect(p).toContain('ИИН указан полностью по решению заведующей'));
    expect(full.pages.join('')).not.toContain('••••••••');

    await print.document('Журнал движения контингента');
    await print.dates({ 'Период с': '2026-06-01', по: '2026-06-03' });
    await page.getByText('Прибыло: 301; выбыло: 1; переведено: 0').waitFor();
    const register = await readPdf(await print.pdf(), dir, 'register');
    expectA4(register.sizes, true);
    const text = register.pages.join('');
    expect(text).toContain('выбыл');
    expect(text).toContain('расторжение договора:');
    expect(text).toContain('№ 16-к от 02.06.2026');
    expect(text).toMatch(/^\s*301\s+02\.06\.2026\s+выбыл\s+Әбенов Айдар/m);
    register.pages.forEach((p, i) => expect(p).toContain(`Страница ${i + 1} из ${register.pages.length}`));
    // The group's one-word name is wider than its column: that cell's font is made smaller until
    // the word fits (never below 6 pt = 8 px), the word whole on paper.
    expect(text).toContain(WIDE_GROUP);
    expect(await print.brokenWords()).toEqual([]);
    await expectFitted(print, WIDE_GROUP);
    // The official order with the same group: its group column is as narrow.
    await print.document('Приказ о зачислении');
    await print.choose(/^Приказ$/, '№ 17-к от 03.06.2026');
    await page.getByText('Всего детей: 1', { exact: true }).waitFor();
    expect((await readPdf(await print.pdf(), dir, 'order-17')).pages.join('')).toContain(WIDE_GROUP);
    expect(await print.brokenWords()).toEqual([]);
    await expectFitted(print, WIDE_GROUP);
  });

  it('names every control of the documents screen in the Kazakh and English UI, untranslated keys nowhere', async () => {
    const print = new PrintPage(page);
    for (const language of ['Қазақша', 'English'] as const) {
      await new DeskPage(page).switchLanguage(language);
      await print.open();
      await print.pageCount();
      expect(await unnamedControls(page)).toEqual([]);
      expect(await rawKeys(page)).toEqual([]);
    }
  });

  it('exports the order to XLSX and CSV with one row per child, offline', async () => {
    const print = await openOrder();
    await context.setOffline(true);
    expect((await readPdf(await print.pdf(), dir, 'offline')).pages).toHaveLength(ORDER_PAGES);
    const xlsx = join(dir, 'order.xlsx');
    await (await print.export('Excel (XLSX)')).saveAs(xlsx);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsx);
    const sheet = workbook.worksheets[0];
    const values = (row: number) => (sheet?.getRow(row).values as unknown[]).slice(1).map(String);
    expect(values(1)[0]).toContain('Приказ № 15-к от 01.06.2026');
    expect(values(2)).toEqual([
      '№',
      'Фамилия, имя, отчество ребёнка',
      'Дата рождения',
      'ИИН',
      'Группа',
      'Дата зачисления',
      '№ направления',
      'Законный представитель',
    ]);
    const names = Array.from({ length: 300 }, (_, i) => values(i + 3)[1]);
    expect(new Set(names)).toEqual(new Set(children));
    expect(values(3)[0]).toBe('1');
    expect(values(302)[0]).toBe('300');
    expect(values(3)[3]).toMatch(/^•{8}\d{4}$/);
    // Dates are real dates in the spreadsheet (shown as 01.06.2026), the row number a number.
    expect(sheet?.getRow(3).getCell(6).value).toEqual(new Date('2026-06-01T00:00:00.000Z'));
    expect(sheet?.getRow(3).getCell(6).numFmt).toBe('dd.mm.yyyy');
    expect(sheet?.getRow(3).getCell(1).value).toBe(1);
    expect(sheet?.rowCount).toBe(302);

    const csv = await readFile((await (await print.export('CSV')).path()) ?? '', 'utf8');
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines).toHaveLength(302);
    expect(lines[1]).toBe(
      '№;Фамилия, имя, отчество ребёнка;Дата рождения;ИИН;Группа;Дата зачисления;№ направления;Законный представитель',
    );
  });

  it('marks an enrollment made offline and not yet synced with †, or leaves it out, as the user chooses', async () => {
    const claims = new ClaimsPage(page);
    await claims.open();
    await claims.claim('Ожидающая Аяулым').waitFor();
    await context.setOffline(true);
    const dialog = await claims.act('Ожидающая Аяулым', 'Зачислить');
    await dialog.getByLabel('Номер приказа').fill('15-к');
    await dialog.getByLabel('Дата приказа').fill('2026-06-01');
    await dialog.getByRole('button', { name: 'Зачислить' }).click();
    await dialog.waitFor({ state: 'detached' });

    const print = await openOrder();
    await page.getByText('Всего детей: 301').waitFor();
    const marked = (await readPdf(await print.pdf(), dir, 'pending')).pages.join('');
    expect(marked).toContain('Ожидающая Аяулым †');
    expect(marked).toContain('KZ-2026-000777');
    // The paper says how many rows carry a change the server has not confirmed (every page's footer).
    expect(marked).toContain('† — 1 строка с изменением, ещё не подтверждённым сервером');

    await print.choose(/^Ещё не отправленные зачисления$/, 'не включать');
    await page.getByText('Всего детей: 300').waitFor();
    const excluded = (await readPdf(await print.pdf(), dir, 'excluded')).pages.join('');
    expect(excluded).not.toContain('Ожидающая Аяулым');
    expect(excluded).not.toContain('† —');

    // The order with the unconfirmed enrollment goes on paper through the browser's own dialog
    // ("Save as PDF"); meanwhile the parent refused the referral, so the server refuses the
    // enrollment once the desk is back online. Headless Chromium's print dialog never closes: the
    // stand-in fires what a browser fires around it, and the desk records the document on "afterprint".
    await print.choose(/^Ещё не отправленные зачисления$/, 'отметить знаком †');
    await page.getByText('Всего детей: 301').waitFor();
    await page.evaluate(() => {
      window.print = () => {
        window.dispatchEvent(new Event('beforeprint'));
        window.dispatchEvent(new Event('afterprint'));
      };
    });
    await page.getByRole('button', { name: 'Сохранить PDF' }).click();
    await desk.server.db.query(
      `update referrals set status = 'refused', updated_at = now() where number = 'KZ-2026-000777'`,
    );
    await context.setOffline(false);
    const shell = new DeskPage(page);
    await expectText(shell.pendingCount(), 'Всё отправлено', 30_000);
    await shell.open('Сводка');
    const reprint = page.getByTestId('today-reprint');
    const printedAt = /напечатан 03\.06\.2026, \d\d:\d\d/.source;
    await expectText(
      reprint.getByRole('listitem'),
      new RegExp(
        `^Приказ № 15-к от 01\\.06\\.2026 \\(${printedAt}\\) включал изменение, которое сервер отклонил, — перепечатайте документ\\. Ожидающая Аяулым — Действие «зачисление» невозможно: направление в статусе «отказ родителя»\\.$`,
      ),
    );
    // The refusal in the rejections list says the same on itself, with the way to the document.
    const inbox = await shell.openRejections();
    const refusal = inbox.getByTestId('rejection').filter({ hasText: 'Ожидающая Аяулым' });
    await expectText(
      refusal.getByTestId('rejection-printed'),
      new RegExp(
        `^Это изменение попало на бумагу: Приказ № 15-к от 01\\.06\\.2026, ${printedAt}\\. Перепечатайте документ\\. Перепечатать$`,
      ),
    );
    // The link opens the documents screen on the order; printing it through the browser (now
    // without the refused enrollment; Chromium's own print fires "afterprint") puts it right.
    await refusal.getByRole('button', { name: 'Перепечатать' }).click();
    await page.getByText('Всего детей: 300').waitFor();
    await print.pdf();
    await shell.open('Сводка');
    await page.getByTestId('today-refusals').waitFor();
    expect(await reprint.count()).toBe(0);
    await shell.openRejections();
    await refusal.waitFor();
    expect(await refusal.getByTestId('rejection-printed').count()).toBe(0);
  });
});
