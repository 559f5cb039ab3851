import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { BrowserContext, Page, Route } from 'playwright-core';
import { demoAccounts, demoKindergarten } from '../../server/demo/seed-kindergarten.js';
import { apiClient, newCommand } from '../support/api-client.js';
import { groupId, makeApplicant, nextIin, publishApprovedSeats } from '../support/intake-fixtures.js';
import { parentSignIn } from '../support/parent-client.js';
import { readPdfPages } from '../support/pdf-text.js';
import { loginAs } from '../support/test-server.js';
import { startDeskFixture, type DeskFixture } from './desk-fixture.js';
import { eventually, expectText } from './expect-text.js';
import { DeskPage } from './pages/desk-page.js';
import { GroupsPage } from './pages/groups-page.js';
import { PrintPage } from './pages/print-page.js';
import { languageLabels, rawKeys, screens, type Language } from './pages/screens.js';
import { SignInPage } from './pages/sign-in-page.js';

const head = demoAccounts[0];
const tab = (id: string, language: Language) => screens.find((s) => s.id === id)!.tab[language];

/** What cannot be read at 1366×768 on the first screen: small buttons, cut chips, things off screen, ISO dates. */
function unreadable(page: Page) {
  return page.evaluate(() => {
    const visible = (el: Element) => (el as HTMLElement).offsetParent !== null;
    const main = document.querySelector('main')!;
    return {
      pageWidth: document.documentElement.scrollWidth <= window.innerWidth,
      smallButtons: [...main.querySelectorAll('button')]
        .filter(visible)
        .map((b) => ({ text: b.textContent, r: b.getBoundingClientRect() }))
        .filter(({ r }) => r.width < 24 || r.height < 24)
        .map(({ text, r }) => `${text} ${r.width}×${r.height}`),
      cutChips: [...document.querySelectorAll('.mantine-Badge-root, .mantine-Badge-label')]
        .filter((el) => visible(el) && el.scrollWidth > el.clientWidth)
        .map((el) => el.textContent),
      offScreen: [...main.querySelectorAll('button, input, td, th, h2, h3, h4, li')]
        .filter(visible)
        .filter((el) => {
          const r = el.getBoundingClientRect();
          return r.left < 0 || r.right > window.innerWidth;
        })
        .map((el) => el.textContent),
      isoDates: (main.textContent ?? '').match(/\d{4}-\d\d-\d\d/g) ?? [],
    };
  });
}
const readable = { pageWidth: true, smallButtons: [], cutChips: [], offScreen: [], isoDates: [] };

const texts = {
  ru: {
    today: 'Сегодня',
    windows: 'Открытые окна очереди',
    left: /осталось \d+ рабочих? д/,
    over: 'Сверх вместимости',
    newClaims: '2 новые заявки',
    deadline: /^\S+ · Сейткали Дана Тест · 05\.06\.2026, 23:59 · осталось 2 рабочих дня$/,
    enrollment: /^\S+ · Ахметов Арман Тест · Колокольчик · с 01\.06\.2026$/,
    unsent: 'Изменение числа мест · Ақбота',
    refusal: 'Изменение числа мест · Радуга · Нельзя уменьшить до 20: на 05.10.2026 занято 26.',
  },
  kk: {
    today: 'Бүгін',
    windows: 'Ашық кезек терезелері',
    left: /\d+ жұмыс күні қалды/,
    over: 'Сыйымдылықтан тыс',
    newClaims: '2 жаңа өтінім',
    deadline: /^\S+ · Сейткали Дана Тест · 05\.06\.2026, 23:59 · 2 жұмыс күні қалды$/,
    enrollment: /^\S+ · Ахметов Арман Тест · Колокольчик · 01\.06\.2026 күнінен бастап$/,
    unsent: 'Орын санын өзгерту · Ақбота',
    refusal: 'Орын санын өзгерту · Радуга · Орын санын 20 етіп азайту мүмкін емес: 05.10.2026 күні 26 орын бос емес.',
  },
  en: {
    today: 'Today',
    windows: 'Open queue windows',
    left: /\d+ working days? left/,
    over: 'Over capacity',
    newClaims: '2 new claims',
    deadline: /^\S+ · Сейткали Дана Тест · 05\.06\.2026, 23:59 · 2 working days left$/,
    enrollment: /^\S+ · Ахметов Арман Тест · Колокольчик · from 01\.06\.2026$/,
    unsent: 'Capacity change · Ақбота',
    refusal: 'Capacity change · Радуга · Cannot lower to 20: 26 seats are taken on 05.10.2026.',
  },
} satisfies Record<Language, Record<string, string | RegExp>>;

/**
 * "Today" on the first screen and the unit calendar (issue 21 points 1 and 2), in Chromium at
 * 1366×768: open windows with working days left, new claims counted on the tab and highlighted,
 * a deadline within 2 working days opening its row, days over capacity with their dates, a
 * returned seat held, and the calendar printed A4 landscape and exported to XLSX.
 */
describe('Today and the unit calendar on the first screen', () => {
  let desk: DeskFixture;
  let context: BrowserContext;
  let page: Page;
  let dir: string;
  /** The desk's pushes held back while a change is to stay unsent. */
  const heldPushes: Route[] = [];
  let holdingPushes = true;

  beforeAll(async () => {
    desk = await startDeskFixture();
    dir = await mkdtemp(join(tmpdir(), 'today-'));
    const { db, url } = desk.server;
    const api = apiClient(url, (await loginAs(url)).token);
    const bell = await groupId(db, 'Колокольчик');
    const rainbow = await groupId(db, 'Радуга');
    for (const [i, name] of ['Сейткали Дана', 'Ахметов Арман'].entries()) {
      await makeApplicant(db, {
        birthDate: '2024-03-03',
        appliedAt: `2025-02-0${i + 1}T04:00:00Z`,
        name,
        // Дана is in the first-priority queue: the head's statistics count her referral there.
        priority: i === 0 ? 'first' : 'general',
        login: `td${i}`,
        password: 'parent-pass-1',
      });
    }
    // September's seats, both claimed, and a third returned during the August pause: held until republished.
    const september = await publishApprovedSeats(db, api, { groupId: bell, seats: 2 });
    const referrals: string[] = [];
    for (const i of [0, 1]) {
      const claim = await (await parentSignIn(url, `td${i}`, 'parent-pass-1')).claim(september);
      expect(claim.status).toBeLessThan(300);
      referrals.push(String(claim.body.referralId ?? claim.body.id));
    }
    await db.query(
      `insert into seats (id, publication_id, kindergarten_id, group_id, available_from, status, updated_at)
       values ($1, $2, $3, $4, '2026-09-01', 'returned', now())`,
      [randomUUID(), september, demoKindergarten.id, bell],
    );
    // The first referral's contract is due on Friday: 2 working days after Wednesday.
    await db.query(
      `update referrals set contract_deadline = '2026-06-05T18:59:00Z', updated_at = now() where id = $1`,
      [referrals[0]],
    );
    // The second contract concluded, its seat free since 1 June: an enrollment due.
    const concluded = await api.push([newCommand('referral.concludeContract', { referralId: referrals[1] })]);
    expect(concluded.body[0]).toMatchObject({ status: 'applied' });
    await db.query(`update referrals set available_from = '2026-06-01', updated_at = now() where id = $1`, [
      referrals[1],
    ]);
    await db.query(`update seats set available_from = '2026-06-01', updated_at = now() where referral_id = $1`, [
      referrals[1],
    ]);
    // Early booking: seats freeing up on 1 July.
    await publishApprovedSeats(db, api, { groupId: bell, seats: 1, availableFrom: '2026-07-01' });
    // Радуга (capacity 25) over capacity from 5 to 9 October: 26 children, one leaving on the 10th.
    for (let i = 0; i < 26; i++) {
      await db.query(
        `insert into enrollments (id, kindergarten_id, group_id, child_full_name, child_birth_date, child_iin, enrolled_on, departed_on, order_number, order_date, updated_at)
         values ($1, $2, $3, $4, '2021-03-03', $5, '2026-10-05', $6, '9-к', '2026-06-01', now())`,
        [
          randomUUID(),
          demoKindergarten.id,
          rainbow,
          `Радуга Ребёнок ${i}`,
          nextIin('2021-03-03'),
          i === 0 ? '2026-10-10' : null,
        ],
      );
    }
    // A change the server refuses (sent from another PC): Радуга cannot go below its 26 children in October.
    const refused = await api.push([newCommand('group.setCapacity', { groupId: rainbow, capacity: 20 })]);
    expect(refused.body[0]).toMatchObject({ status: 'rejected' });
    ({ context, page } = await desk.newPage());
    await page.setViewportSize({ width: 1366, height: 768 });
    const signIn = new SignInPage(page);
    await signIn.open(url);
    await signIn.signIn(head.login, head.password);
    await page.getByTestId('today-windows').waitFor();
    // A change made on this desk and not sent yet (its push held until the links are followed).
    await page.route('**/api/replication/*/*/push', (route) =>
      holdingPushes ? void heldPushes.push(route) : void route.continue(),
    );
    const groups = new GroupsPage(page);
    await groups.open();
    await groups.changeCapacity('Ақбота', '24');
    await new DeskPage(page).open(tab('dashboard', 'ru'));
  });
  afterAll(async () => {
    await context?.close();
    await desk?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  afterEach(() => expect(desk.cspViolations.splice(0)).toEqual([]));

  it('lists what needs the head today in each block and counts new claims on the tab', async () => {
    const count = (id: string) => page.getByTestId(`today-${id}`).getByTestId('today-count');
    await expectText(count('windows'), '2');
    await expectText(count('new-claims'), '2');
    await expectText(count('deadlines'), '1');
    await expectText(count('enrollments'), '1');
    await expectText(count('early-booking'), '1');
    await expectText(count('unsent'), '1');
    await expectText(count('refusals'), '1');
    await expectText(
      page.getByTestId('today-windows').getByRole('listitem').filter({ hasText: '2 места' }),
      /^Колокольчик · 2 места · закрывается \d\d\.06\.2026, \d\d:\d\d · осталось \d+ рабоч/,
    );
    await expectText(page.getByTestId('today-early-booking'), /Колокольчик · 1 место · с 01\.07\.2026/);
    await expectText(page.getByRole('tab', { name: /Направления/ }), 'Направления2');
  });

  it('marks the days over capacity with their dates, counts the held seat, and prints and exports the calendar', async () => {
    const calendar = page.getByTestId('unit-calendar');
    const rainbow = calendar.getByRole('table', { name: 'Радуга' });
    await expectText(
      rainbow.locator('tr[data-over]').getByTestId('calendar-over'),
      '5 · Сверх вместимости: 05.10.2026–09.10.2026',
    );
    const bell = calendar.getByRole('table', { name: 'Колокольчик' });
    await expectText(bell.getByRole('row', { name: /^09\.2026/ }).getByTestId('calendar-held'), '(из них удержано 1)');

    await page.getByTestId('calendar-print').click();
    const print = new PrintPage(page);
    expect(await print.pageCount()).toBeGreaterThan(0);
    const pdf = await readPdfPages(await print.pdf());
    for (const p of pdf) expect(p.width).toBeGreaterThan(p.height);
    const text = pdf.map((p) => p.text).join('\n');
    expect(text).toContain('Календарь мест на 12 месяцев');
    expect(text).toMatch(/Радуга 10\.2026 25 26 0 0 1 -1 05\.10\.2026–09\.10\.2026/);

    const xlsx = join(dir, 'calendar.xlsx');
    await (await print.export('Excel (XLSX)')).saveAs(xlsx);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsx);
    const sheet = workbook.worksheets[0]!;
    const october = [...Array(sheet.rowCount).keys()]
      .map((i) => sheet.getRow(i + 1))
      .find((r) => r.getCell(1).value === 'Радуга' && String(r.getCell(9).value).startsWith('05.10.2026'));
    expect(october?.getCell(2).value).toEqual(new Date('2026-10-01T00:00:00.000Z'));
    expect(october?.getCell(2).numFmt).toBe('mm.yyyy');
    expect(october?.getCell(4).value).toBe(26);

    // The head's own reports from the replica: this year's statistics and the forecast, printable and exportable.
    await print.choose(/^Документ$/, 'Статистика комплектования');
    await print.dates({ 'Период с': '2026-01-01', по: '2026-12-31' });
    expect(await print.pageCount()).toBe(1);
    await expectText(print.sheets().first().locator('.sheet__heading'), /за период с 01\.01\.2026 по 31\.12\.2026/);
    // Two claims today, one contract concluded: counted from the replica like the department counts,
    // and by the category each referral carries (Дана's first priority, Арман's general queue).
    const figures = async (label: string) =>
      (await page.getByTestId('sheet-row').filter({ hasText: label }).locator('td').allTextContents()).slice(2, 4);
    expect(await figures('Всего')).toEqual(['2', '1']);
    expect(await figures('Категория: первоочередная')).toEqual(['1', '0']);
    expect(await figures('Категория: общая очередь')).toEqual(['1', '1']);
    expect(await figures('Категория: внеочередная')).toEqual(['0', '0']);
    const statisticsFile = join(dir, 'statistics.xlsx');
    await (await print.export('Excel (XLSX)')).saveAs(statisticsFile);
    const statistics = new ExcelJS.Workbook();
    await statistics.xlsx.readFile(statisticsFile);
    const first = statistics.worksheets[0]!.getRows(1, statistics.worksheets[0]!.rowCount)!.find(
      (r) => r.getCell(1).value === 'Категория: первоочередная',
    );
    expect([first?.getCell(3).value, first?.getCell(4).value]).toEqual([1, 0]);
    // No word split or past its cell's edge, no ISO date, in either document language.
    const isoDates = async () => (await print.sheets().first().textContent())?.match(/\d{4}-\d\d-\d\d/g) ?? [];
    expect(await print.brokenWords()).toEqual([]);
    expect(await isoDates()).toEqual([]);
    if (process.env.LOOK) await print.sheets().first().screenshot({ path: '/tmp/look-ru-statistics.png' });
    await print.language('Қазақша');
    expect(await figures('Санат: бірінші кезектегі')).toEqual(['1', '0']);
    expect(await print.brokenWords()).toEqual([]);
    expect(await isoDates()).toEqual([]);
    if (process.env.LOOK) await print.sheets().first().screenshot({ path: '/tmp/look-kk-statistics.png' });
    await print.dates({ 'Период с': '2026-12-31', по: '2026-01-01' });
    await expectText(page.getByRole('alert'), /Период указан неверно/);
    await print.choose(/^Документ$/, 'Прогноз наполняемости (12 месяцев)');
    expect(await print.pageCount()).toBe(1);
    await expectText(page.getByTestId('sheet-row').nth(4), /^10\.2026/);
    expect(await print.brokenWords()).toEqual([]);
    await print.language('Русский');
    expect(await print.brokenWords()).toEqual([]);
    const forecastFile = join(dir, 'forecast.xlsx');
    await (await print.export('Excel (XLSX)')).saveAs(forecastFile);
    const forecast = new ExcelJS.Workbook();
    await forecast.xlsx.readFile(forecastFile);
    expect(forecast.worksheets[0]!.getRow(3).getCell(1).value).toEqual(new Date('2026-06-01T00:00:00.000Z'));
  });

  for (const language of ['ru', 'kk', 'en'] as const) {
    it(`shows Today and the calendar readably in ${language}`, async () => {
      const shell = new DeskPage(page);
      await shell.open(/^(Сводка|Жиынтық|Dashboard)$/);
      await shell.switchLanguage(languageLabels[language]);
      const t = texts[language];
      await expectText(page.locator('#today-title'), t.today);
      await expectText(page.getByTestId('today-windows').getByRole('heading'), new RegExp(`^${t.windows} 2$`));
      await expectText(page.getByTestId('today-windows').getByRole('listitem').first(), t.left);
      const item = (id: string) => page.getByTestId(`today-${id}`).getByRole('listitem');
      await expectText(item('deadlines'), t.deadline);
      await expectText(item('enrollments'), t.enrollment);
      await expectText(item('unsent'), t.unsent);
      await expectText(item('refusals'), t.refusal);
      // The claims tab's counter, read out with the language's plural.
      expect(await page.getByRole('tab').getByLabel(t.newClaims, { exact: true }).isVisible()).toBe(true);
      await expectText(page.getByTestId('unit-calendar').locator('.calendar-over').first(), new RegExp(t.over));
      if (process.env.LOOK) await page.screenshot({ path: `/tmp/look-${language}-today.png`, fullPage: true });
      // The guide's pictures, rewritten only when asked (UPDATE_SCREENSHOTS=1), as in languages.test.ts.
      if (process.env.UPDATE_SCREENSHOTS === '1' && language !== 'en') {
        await page.getByTestId('today').screenshot({ path: `docs/screenshots/${language}-today.png` });
        await page.getByTestId('unit-calendar').screenshot({ path: `docs/screenshots/${language}-calendar.png` });
      }
      expect(await unreadable(page)).toEqual(readable);
      expect(await rawKeys(page)).toEqual([]);
    });
  }

  it('opens each item’s row: a refusal’s and an unsent change’s group, a deadline’s and an enrollment’s referral', async () => {
    const shell = new DeskPage(page);
    await shell.switchLanguage(languageLabels.ru);
    const link = (id: string) => page.getByTestId(`today-${id}`).getByRole('button');
    const focusedGroup = page.locator('tr[data-focused]').getByRole('rowheader');
    await link('refusals').click();
    await expectText(focusedGroup, 'Радуга');
    await shell.open(tab('dashboard', 'ru'));
    await link('unsent').click();
    await expectText(focusedGroup, 'Ақбота');
    expect(await focusedGroup.isVisible()).toBe(true);
    // Let the change go: it leaves "Today".
    holdingPushes = false;
    for (const route of heldPushes.splice(0)) await route.continue();
    await shell.open(tab('dashboard', 'ru'));
    const count = (id: string) => page.getByTestId(`today-${id}`).getByTestId('today-count');
    await expectText(count('unsent'), '0');

    const claimsTab = page.getByRole('tab', { name: /Направления/ });
    await link('deadlines').click();
    const row = page.locator('[data-testid="claim"].row-focused');
    await expectText(row.getByRole('rowheader'), /Сейткали Дана/);
    expect(await row.isVisible()).toBe(true);
    expect(await row.getByTestId('claim-new').isVisible()).toBe(true);
    // Looked at: the tab's counter is gone, and "Today" has no new claims left.
    await eventually(async () => (await claimsTab.textContent()) === 'Направления', 'the counter cleared');
    await shell.open(tab('dashboard', 'ru'));
    await expectText(count('new-claims'), '0');
    await link('enrollments').click();
    await expectText(row.getByRole('rowheader'), /Ахметов Арман/);
    expect(await row.isVisible()).toBe(true);
  });

  it('says it is loading during the first sync instead of showing zeros', async () => {
    const fresh = await desk.newPage();
    try {
      // Hold the departures' first pull: the first sync cannot finish until it is let through.
      const held: Route[] = [];
      let holding = true;
      await fresh.page.route('**/api/replication/*/departures/pull*', (route) =>
        holding ? void held.push(route) : void route.continue(),
      );
      const signIn = new SignInPage(fresh.page);
      await signIn.open(desk.server.url);
      await signIn.signIn(head.login, head.password);
      await expectText(
        fresh.page.getByTestId('today-loading'),
        'Загружаем данные детского сада — первая синхронизация ещё идёт…',
      );
      expect(await fresh.page.getByTestId('today-windows').count()).toBe(0);
      await eventually(async () => held.length > 0, 'the departures pull held');
      holding = false;
      for (const route of held.splice(0)) await route.continue();
      await expectText(fresh.page.getByTestId('today-windows').getByTestId('today-count'), '2');
      expect(await fresh.page.getByTestId('today-loading').count()).toBe(0);
    } finally {
      await fresh.context.close();
    }
  });
});
