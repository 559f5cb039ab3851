import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { BrowserContext, Page } from 'playwright-core';
import { demoAccounts, demoKindergarten } from '../../server/demo/seed-kindergarten.js';
import { apiClient } from '../support/api-client.js';
import {
  makeDepartmentAccount,
  makeOtherCity,
  makeSubmittedEntry,
  signedInDepartment,
} from '../support/department-client.js';
import { groupId, makeApplicant, publishApprovedSeats } from '../support/intake-fixtures.js';
import { parentSignIn } from '../support/parent-client.js';
import { loginAs } from '../support/test-server.js';
import { startDeskFixture, type DeskFixture } from './desk-fixture.js';
import { eventually, expectText } from './expect-text.js';
import { DeskPage } from './pages/desk-page.js';
import { SchedulePage } from './pages/schedule-page.js';
import { SignInPage } from './pages/sign-in-page.js';

const head = demoAccounts[0];

/** The department's console at /console/ on the real server: sign-in and schedule approval, then the head's side. */
describe('the department console', () => {
  let desk: DeskFixture;
  let context: BrowserContext;
  let page: Page;
  const entries: string[] = [];

  const statusOf = async (id: string) =>
    (
      await desk.server.db.query<{ status: string; decision_note: string }>(
        'select status, decision_note from schedule_entries where id = $1',
        [id],
      )
    )[0]!;

  beforeAll(async () => {
    desk = await startDeskFixture();
    const db = desk.server.db;
    await makeDepartmentAccount(db, { login: 'gorono', password: 'gorono-password' });
    await makeDepartmentAccount(db, { login: 'city.admin', password: 'city-admin-pass', role: 'admin' });
    for (const [birthYear, seats] of [
      [2024, 3],
      [2023, 2],
      [2022, 4],
    ] as const) {
      entries.push(await makeSubmittedEntry(db, { kindergartenId: demoKindergarten.id, birthYear, seats }));
    }
    await makeSubmittedEntry(db, { kindergartenId: await makeOtherCity(db), seats: 9 });
    ({ context, page } = await desk.newPage());
  });
  afterAll(async () => {
    await context?.close();
    await desk?.close();
  });
  afterEach(() => expect(desk.cspViolations.splice(0)).toEqual([]));

  it('signs in, returns an entry with a reason and bulk-approves the rest after a summary', async () => {
    await page.goto(`${desk.server.url}/console/`);
    await page.getByLabel('Логин').fill('gorono');
    await page.getByLabel('Пароль').fill('gorono-password');
    await page.getByRole('button', { name: 'Войти' }).click();
    const rows = page.getByTestId('approval-entry');
    // Only its own city's three submitted entries.
    await eventually(async () => (await rows.count()) === 3, 'three entries of the city');
    const first = rows.filter({ hasText: '2024' });
    await first.getByRole('button', { name: 'Вернуть' }).click();
    await first.getByLabel('Причина возврата').fill('Проверьте число мест');
    await first.getByRole('button', { name: 'Вернуть саду' }).click();
    await expectText(page.getByRole('status'), 'Строка возвращена саду.');
    await eventually(async () => (await rows.count()) === 2, 'the returned entry leaves the list');
    expect(await statusOf(entries[0]!)).toEqual({ status: 'rejected', decision_note: 'Проверьте число мест' });
    await page.getByLabel('Выбрать все').check();
    await page.getByRole('button', { name: 'Утвердить выбранные (2)' }).click();
    await expectText(page.getByTestId('bulk-summary').locator('p'), /Утвердить 2 строк графика: 6 мест в 1 садах\?/);
    await page.getByRole('button', { name: 'Подтвердить' }).click();
    await expectText(page.getByRole('status'), 'Утверждено строк: 2.');
    await eventually(async () => (await statusOf(entries[2]!)).status === 'approved', 'bulk approval stored');
    expect((await statusOf(entries[1]!)).status).toBe('approved');
    await expectText(page.getByText('Нет строк графика по этому фильтру.'), 'Нет строк графика по этому фильтру.');
  });

  it('speaks Kazakh and English when asked', async () => {
    await page.getByRole('combobox', { name: 'Язык', exact: true }).selectOption({ label: 'Қазақша' });
    await expectText(page.locator('#approvals-title'), 'Кестелерді бекіту');
    await page.getByRole('combobox', { name: 'Тіл', exact: true }).selectOption({ label: 'English' });
    await expectText(page.locator('#approvals-title'), 'Schedule approval');
    await page.getByRole('combobox', { name: 'Language', exact: true }).selectOption({ label: 'Русский' });
  });

  it('keeps the settings with units and defaults, a change effective from a stated moment', async () => {
    await page.getByRole('tab', { name: 'Настройки' }).click();
    const rows = page.getByTestId('settings-row');
    await expectText(rows.first(), /Окно очереди\s*3 рабочих дней\s*3 рабочих дней/);
    await page.getByRole('textbox', { name: 'Окно очереди' }).fill('2');
    await page.getByRole('radio', { name: /с момента/ }).check();
    await page.getByRole('textbox', { name: /с момента/ }).fill('01.07.2026 09:00');
    await page.getByRole('button', { name: 'Проверить изменение' }).click();
    await expectText(
      page.getByTestId('settings-review').locator('p').first(),
      'Изменяемых настроек: 1. Вступают в силу с 01.07.2026, 09:00.',
    );
    await page.getByRole('button', { name: 'Подтвердить' }).click();
    await expectText(page.getByRole('status'), 'Настройки вступят в силу с 01.07.2026, 09:00.');
    await expectText(page.getByTestId('settings-pending'), 'Назначенное изменение, действует с 01.07.2026, 09:00');
    const [row] = await desk.server.db.query<{ settings: { queueWindow: { length: number } }; pending_from: Date }>(
      `select settings, pending_settings, pending_from from regional_settings where city_id = 'petropavl'`,
    );
    expect(row!.settings.queueWindow.length).toBe(3);
    expect(new Date(row!.pending_from).toISOString()).toBe('2026-07-01T04:00:00.000Z');
  });

  it('lets the specialist edit a coming date of the calendar after its check and preview, never a past one', async () => {
    await page.getByRole('tab', { name: 'Календарь' }).click();
    const grid = page.getByTestId('calendar-grid');
    await expectText(grid.getByRole('table', { name: 'Июнь' }).locator('caption'), 'Июнь');
    // 27 May 2026 (Kurban Ait) is a holiday with its source; 1 June is past: no button to edit it.
    await expectText(
      page.getByTestId('calendar-row').filter({ hasText: '27.05.2026' }),
      /27\.05\.2026\s*Праздник\s*Курбан айт.*Labour Code/,
    );
    expect(await grid.getByRole('button', { name: /^01\.06\.2026/ }).count()).toBe(0);
    await grid.getByRole('button', { name: /^13\.06\.2026: Выходной/ }).click();
    const edit = page.getByTestId('calendar-edit');
    await edit.getByLabel('Вид дня').selectOption({ label: 'Выходной (перенесённый)' });
    await edit.getByLabel('Название на русском').fill('Рабочая суббота');
    await edit.getByLabel('Название на казахском').fill('Жұмыс сенбісі');
    await edit.getByLabel('Название на английском').fill('Working Saturday');
    await edit.getByLabel('Основание (акт или статья)').fill('Приказ Министра труда № 1');
    await edit.getByRole('button', { name: 'Проверить и показать последствия' }).click();
    await expectText(
      page.getByTestId('calendar-preview').getByRole('alert'),
      'Отказано: 13.06.2026 — суббота или воскресенье: перенесённый выходной приходится на будний день.',
    );
    await edit.getByLabel('Вид дня').selectOption({ label: 'Рабочая суббота или воскресенье' });
    await edit.getByRole('button', { name: 'Проверить и показать последствия' }).click();
    await expectText(page.getByTestId('calendar-preview').locator('p').first(), /закончились бы иначе/);
    await page.getByRole('button', { name: 'Подтвердить изменение' }).click();
    await expectText(
      page.getByRole('status'),
      '13.06.2026 сохранено. Все приложения получат изменение при следующей синхронизации.',
    );
    await expectText(
      page.getByTestId('calendar-row').filter({ hasText: '13.06.2026' }),
      /Рабочая суббота или воскресенье/,
    );
    const [row] = await desk.server.db.query<{ kind: string; source: string }>(
      `select kind, source from calendar_days where date = '2026-06-13' and not deleted`,
    );
    expect(row).toEqual({ kind: 'working_day', source: 'Приказ Министра труда № 1' });
    const cell = await grid.getByRole('button', { name: /^13\.06\.2026/ }).boundingBox();
    expect(cell!.width).toBeGreaterThan(20);
    expect(cell!.x + cell!.width).toBeLessThanOrEqual(1366);
  });

  it('shows the head the reason her entry was returned, on her schedule screen', async () => {
    const headPage = await context.newPage();
    const signIn = new SignInPage(headPage);
    await signIn.open(desk.server.url);
    await signIn.signIn(head.login, head.password);
    await new DeskPage(headPage).tab('Сводка').waitFor();
    await new SchedulePage(headPage).open();
    await expectText(
      headPage.getByTestId('entry-return-reason'),
      'Возвращено отделом образования: Проверьте число мест',
    );
  });

  it('issues a staff account with a password shown once, blocks a shared applicant after saying what it frees, unblocks, and shows the audit', async () => {
    const db = desk.server.db;
    // The specialist who ran the approvals, the settings and the calendar also runs the staff accounts.
    await page.getByRole('tab', { name: 'Учётные записи' }).click();
    await expectText(page.getByTestId('staff-table'), new RegExp(head.login));
    // The department's own accounts are the administrator's: a specialist does not see them.
    expect(await page.getByRole('heading', { name: 'Учётные записи отдела' }).count()).toBe(0);
    const form = page.getByRole('form', { name: 'Новая учётная запись сотрудника' });
    await form.getByLabel('Детский сад').selectOption({ label: demoKindergarten.nameRu });
    await form.getByLabel('ФИО').fill('Новая Воспитательница');
    await form.getByLabel('Логин').fill('new.teacher');
    // A required field's asterisk sits on its label's one line, beside the text.
    for (const label of [
      form.locator('.mantine-InputWrapper-label', { hasText: 'ФИО' }),
      form.locator('label', { hasText: 'Детский сад' }).locator('span').first(),
    ]) {
      const [line, star] = [await label.boundingBox(), await label.locator('[aria-hidden="true"]').boundingBox()];
      expect(line!.height).toBeLessThan(2 * star!.height);
      expect(star!.x).toBeGreaterThan(line!.x + star!.width);
    }
    await form.getByRole('button', { name: 'Создать' }).click();
    await expectText(page.getByRole('status'), /Учётная запись new\.teacher создана\./);
    const password = (await page.getByTestId('one-time-password').textContent()) ?? '';
    expect(password).toMatch(/^\w{4}-\w{4}-\w{4}-\w{4}$/);
    const signedIn = await fetch(`${desk.server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'new.teacher', password, deviceId: 'e2e-pc', deviceName: 'ПК группы' }),
    });
    expect(signedIn.status).toBe(200);

    // A parent with an active referral, then found by a Russian spelling of a Kazakh name.
    const applicantId = await makeApplicant(db, {
      birthDate: '2024-01-15',
      appliedAt: '2024-01-20T10:00:00Z',
      priority: 'out_of_turn',
      name: 'Қайратова',
      login: 'shared.parent',
      password: 'parent-pass-2',
    });
    const publicationId = await publishApprovedSeats(
      db,
      apiClient(desk.server.url, (await loginAs(desk.server.url)).token),
      {
        groupId: await groupId(db, 'Колокольчик'),
        seats: 1,
      },
    );
    expect(
      (await (await parentSignIn(desk.server.url, 'shared.parent', 'parent-pass-2')).claim(publicationId)).status,
    ).toBe(200);
    const [referral] = await db.query<{ number: string }>('select number from referrals where applicant_id = $1', [
      applicantId,
    ]);
    await page.getByLabel('Поиск').fill('Кайратова');
    await page.getByRole('button', { name: 'Найти' }).click();
    const row = page.getByTestId('applicant-row');
    await eventually(async () => (await row.count()) === 1, 'one applicant found');
    await row.getByRole('button', { name: 'Заблокировать' }).click();
    const confirm = page.getByTestId('block-confirm');
    await expectText(
      confirm,
      new RegExp(`направление ${referral!.number} \\(.*\\) прекратится, место вернётся в очередь`),
    );
    await confirm.getByLabel('Причина блокировки').fill('Передача доступа третьим лицам');
    await confirm.getByRole('button', { name: 'Подтвердить' }).click();
    const applicants = page.locator('section[aria-labelledby="applicants-title"]');
    await expectText(applicants.getByRole('status'), 'Учётная запись заблокирована.');
    await expectText(row.getByTestId('applicant-state'), /Заблокирована с \d\d\.\d\d\.\d{4}/);
    const status = async () =>
      (await db.query<{ status: string }>('select status from referrals where applicant_id = $1', [applicantId]))[0]!
        .status;
    expect(await status()).toBe('terminated');
    await row.getByRole('button', { name: 'Разблокировать' }).click();
    await expectText(confirm, /останется прекращённым/);
    await confirm.getByRole('button', { name: 'Подтвердить' }).click();
    await expectText(applicants.getByRole('status'), 'Учётная запись разблокирована.');
    expect(await status()).toBe('terminated');

    await page.getByRole('tab', { name: 'Журнал' }).click();
    await page.getByLabel('Учётная запись (логин)').fill('gorono');
    await page.getByRole('button', { name: 'Показать' }).click();
    const entries = page.getByTestId('audit-entry');
    // Each action by its readable name, never its code.
    await eventually(
      async () => (await entries.filter({ hasText: 'Разблокировка учётной записи родителя' }).count()) > 0,
      'the unblock in the audit',
    );
    expect(await entries.filter({ hasText: 'Блокировка учётной записи родителя' }).first().textContent()).toContain(
      'Консоль отдела',
    );
    await expectText(entries.filter({ hasText: 'Новая учётная запись сотрудника' }).first(), /Консоль отдела/);
    await expectText(entries.filter({ hasText: 'Изменение даты календаря' }).first(), /Консоль отдела/);
    expect(await page.getByTestId('audit-table').textContent()).not.toMatch(/department\.|applicant\.|staff\./);
    await page.getByRole('combobox', { name: 'Язык', exact: true }).selectOption({ label: 'English' });
    await expectText(entries.filter({ hasText: 'Parent account unblocked' }).first(), /Department console/);
    await page.getByRole('combobox', { name: 'Language', exact: true }).selectOption({ label: 'Русский' });
    const box = await page.getByTestId('audit-table').boundingBox();
    expect(box!.width).toBeLessThanOrEqual(1366);
    await page.getByRole('tab', { name: 'Графики' }).click();
  });

  it('lets the administrator issue a department account with a password shown once and disable it, never their own', async () => {
    const admin = await desk.newPage();
    try {
      const adminPage = admin.page;
      await adminPage.goto(`${desk.server.url}/console/`);
      await adminPage.getByLabel('Логин').fill('city.admin');
      await adminPage.getByLabel('Пароль').fill('city-admin-pass');
      await adminPage.getByRole('button', { name: 'Войти' }).click();
      await adminPage.getByRole('tab', { name: 'Учётные записи' }).click();
      const section = adminPage.locator('section[aria-labelledby="department-accounts-title"]');
      const form = section.getByRole('form', { name: 'Новая учётная запись отдела' });
      await form.getByLabel('ФИО').fill('Новый Специалист');
      await form.getByLabel('Логин').fill('new.specialist');
      await form.getByLabel('Роль').selectOption({ label: 'Специалист' });
      await form.getByRole('button', { name: 'Создать' }).click();
      await expectText(section.getByRole('status'), /Учётная запись new\.specialist создана\./);
      const password = (await section.getByTestId('one-time-password').textContent()) ?? '';
      expect(password).toMatch(/^\w{4}-\w{4}-\w{4}-\w{4}$/);
      // The password signs in: a session that the disable below must end.
      const newcomer = await signedInDepartment(desk.server.url, 'new.specialist', password);

      const row = section.getByTestId('department-account-row').filter({ hasText: 'new.specialist' });
      await expectText(row.getByTestId('department-account-state'), 'Действует');
      await row.getByRole('button', { name: 'Отключить' }).click();
      await expectText(
        row.getByTestId('department-disable-confirm'),
        /Отключить учётную запись Новый Специалист\?.*все её открытые сеансы в консоли завершатся сразу/,
      );
      await row.getByRole('button', { name: 'Подтвердить' }).click();
      await expectText(section.getByRole('status'), 'Учётная запись отключена.');
      await expectText(row.getByTestId('department-account-state'), 'Отключена');
      // The refreshed list shows the sign-in above in city time; the disabled account's session has ended.
      await expectText(row, /\d\d\.\d\d\.\d{4},? \d\d:\d\d/);
      expect((await newcomer.get('/api/department/accounts')).status).toBe(401);

      const own = section.getByTestId('department-account-row').filter({ hasText: 'city.admin' });
      await own.getByRole('button', { name: 'Отключить' }).click();
      await own.getByRole('button', { name: 'Подтвердить' }).click();
      await expectText(section.getByRole('alert'), /Свою учётную запись отключить нельзя/);
      await expectText(own.getByTestId('department-account-state'), 'Действует');
    } finally {
      await admin.context.close();
    }
  });

  it('shows a parent’s claim on the live dashboard without a reload, and prints and exports the queue report', async () => {
    const db = desk.server.db;
    await page.getByRole('tab', { name: 'Сводка по городу' }).click();
    const claimed = page.getByTestId('dashboard-city').locator('[data-figure="seatsClaimedToday"]');
    await expectText(claimed, /^\d+$/);
    const before = Number(await claimed.textContent());
    await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
    // Two seats; the turn is the live parent's and the unblocked shared parent's. Only one claims.
    const applicantId = await makeApplicant(db, {
      birthDate: '2024-01-02',
      appliedAt: '2024-01-05T10:00:00Z',
      priority: 'out_of_turn',
      name: 'Живая',
      login: 'live.parent',
      password: 'parent-pass-3',
    });
    const head = apiClient(desk.server.url, (await loginAs(desk.server.url)).token);
    const publicationId = await publishApprovedSeats(db, head, { groupId: await groupId(db, 'Колокольчик'), seats: 2 });
    const parent = await parentSignIn(desk.server.url, 'live.parent', 'parent-pass-3');
    expect((await parent.claim(publicationId)).status).toBe(200);
    await expectText(claimed, String(before + 1), 8_000);
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    const [missed] = await db.query<{ name: string }>(
      `select a.child_last_name || ' ' || a.child_first_name as name from publication_turns t
         join applicants a on a.id = t.applicant_id where t.publication_id = $1 and a.id <> $2`,
      [publicationId, applicantId],
    );
    await db.query('update publications set window_closes_at = $2 where id = $1', [
      publicationId,
      new Date(desk.server.clock.now().getTime() - 1),
    ]);

    await page.getByRole('tab', { name: 'Очередь' }).click();
    const total = Number(
      /: (\d+)$/.exec((await page.getByRole('heading', { name: /^Ожидают в очереди/ }).textContent())!)![1],
    );
    await expectText(page.getByTestId('queue-missed-summary'), 'Пропущено окон: 1, заявителей: 1.');
    await expectText(page.getByTestId('queue-missed'), new RegExp(missed!.name));
    await page.evaluate(() => {
      const w = window as unknown as { printCalls: number; print(): void };
      w.printCalls = 0;
      w.print = () => void (w.printCalls += 1);
    });
    await page.getByRole('button', { name: 'Печать (А4)' }).click();
    await eventually(
      () => page.evaluate(() => (window as unknown as { printCalls: number }).printCalls === 1),
      'the report sent to print once both lists are laid out',
    );
    const sheets = page.getByTestId('sheet');
    await expectText(sheets.first(), /Очередь: ожидающие по году рождения, языку и категории/);
    await expectText(sheets.last(), new RegExp(`Очередь: было окно, место не занято.*${missed!.name}`));
    // A4 portrait for the waiting list, landscape for the missed windows (210 and 297 mm at 96 dpi).
    expect(Math.round((await sheets.first().boundingBox())!.width)).toBe(794);
    expect(Math.round((await sheets.last().boundingBox())!.width)).toBe(1123);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Скачать XLSX' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^Отчёт по очереди \d{4}-\d\d-\d\d–\d{4}-\d\d-\d\d\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile((await download.path())!);
    const waiting = book.getWorksheet('queueWaiting')!;
    expect(waiting.getRow(2).values).toEqual([undefined, 'Год рождения', 'Язык обучения', 'Категория', 'Ожидают']);
    expect(waiting.getRow(waiting.rowCount).values).toEqual([undefined, 'Итого', '', '', total]);
    expect(waiting.getRow(3).getCell(1).value).toEqual(expect.any(Number));
    const missedSheet = book.getWorksheet('queueMissed')!;
    expect(missedSheet.rowCount).toBe(3);
    const row = missedSheet.getRow(3);
    expect([row.getCell(1).value, row.getCell(2).value, row.getCell(5).value, row.getCell(7).value]).toEqual([
      1,
      missed!.name,
      'внеочередная',
      2,
    ]);
    expect(row.getCell(3).value).toBeInstanceOf(Date);
  });

  it("prints the city's intake statistics and its forecast on A4 and exports them to XLSX", async () => {
    const db = desk.server.db;
    // The figures counted from the records themselves (the report's code is not used).
    const [counted] = await db.query<{ seats: number; issued: number; blocked: number; capacity: number }>(
      `select (select coalesce(sum(p.seats), 0)::int from publications p join kindergartens k on k.id = p.kindergarten_id
                where k.city_id = 'petropavl' and (p.published_at at time zone 'Asia/Almaty')::date between '2026-01-01' and '2026-12-31') as seats,
              (select count(*)::int from referrals r join kindergartens k on k.id = r.kindergarten_id
                where k.city_id = 'petropavl' and (r.claimed_at at time zone 'Asia/Almaty')::date between '2026-01-01' and '2026-12-31') as issued,
              (select count(*)::int from referrals where status = 'terminated' and close_reason = 'account_blocked') as blocked,
              (select sum(g.capacity)::int from groups g join kindergartens k on k.id = g.kindergarten_id
                where k.city_id = 'petropavl' and not g.deleted) as capacity`,
    );
    expect(counted!.issued).toBeGreaterThan(0);
    await page.getByRole('tab', { name: 'Отчёты' }).click();
    await page.getByLabel('С даты').fill('2026-01-01');
    await page.getByLabel('По дату').fill('2026-12-31');
    await page.getByRole('button', { name: 'Показать' }).click();
    await page.waitForSelector('[data-testid="print-preview"][data-ready="true"]');
    const sheet = page.getByTestId('sheet').first();
    await expectText(
      sheet.locator('.sheet__running'),
      /Петропавловск: все детские сады города\s*Статистика комплектования/,
    );
    await expectText(sheet.locator('.sheet__heading'), /за период с 01\.01\.2026 по 31\.12\.2026/);
    const total = await page.getByTestId('sheet-row').first().locator('td').allTextContents();
    expect(total.slice(0, 3)).toEqual(['Всего', String(counted!.seats), String(counted!.issued)]);
    await expectText(
      page
        .getByTestId('sheet-row')
        .filter({ hasText: 'Расторжение: учётная запись заявителя заблокирована' })
        .locator('td')
        .last(),
      String(counted!.blocked),
    );
    // On paper only the sheets: the console's header, tabs and controls are not printed.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.console-header').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Печать' }).isVisible()).toBe(false);
    expect(await sheet.isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    await page.getByRole('button', { name: 'Печать' }).click();

    const dir = await mkdtemp(join(tmpdir(), 'console-report-'));
    try {
      const exported = async (name: string) => {
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('button', { name: 'Скачать Excel (XLSX)' }).click(),
        ]);
        await download.saveAs(join(dir, name));
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.readFile(join(dir, name));
        return workbook.worksheets[0]!;
      };
      const statistics = await exported('statistics.xlsx');
      expect(statistics.getRow(1).getCell(1).value).toBe(
        'Петропавловск: все детские сады города · Статистика комплектования за период с 01.01.2026 по 31.12.2026 · 03.06.2026',
      );
      expect(statistics.getRow(2).getCell(2).value).toBe('Опубликовано мест');
      expect([1, 2, 3].map((c) => statistics.getRow(3).getCell(c).value)).toEqual([
        'Всего',
        counted!.seats,
        counted!.issued,
      ]);

      await page
        .getByRole('combobox', { name: /^Отчёт/ })
        .selectOption({ label: 'Прогноз наполняемости (12 месяцев)' });
      await page.waitForSelector('[data-testid="print-preview"][data-ready="true"]');
      await expectText(
        page.getByTestId('sheet').first().locator('.sheet__heading'),
        /Прогноз наполняемости на 12 месяцев/,
      );
      expect(await page.getByTestId('sheet-row').count()).toBe(12);
      const june = await page.getByTestId('sheet-row').first().locator('td').allTextContents();
      expect(june.slice(0, 2)).toEqual(['06.2026', String(counted!.capacity)]);
      const forecast = await exported('forecast.xlsx');
      expect(forecast.getRow(3).getCell(1).value).toEqual(new Date('2026-06-01T00:00:00.000Z'));
      expect(forecast.getRow(3).getCell(1).numFmt).toBe('mm.yyyy');
      expect(forecast.getRow(3).getCell(2).value).toBe(counted!.capacity);
      const box = await page.getByTestId('sheet').first().boundingBox();
      expect(box!.x + box!.width).toBeLessThanOrEqual(1366);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
