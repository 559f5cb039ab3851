import type { BrowserContext, Page } from 'playwright-core';
import { demoAccounts, demoKindergarten } from '../../server/db/seed.js';
import { makeDepartmentAccount, makeOtherCity, makeSubmittedEntry } from '../support/department-client.js';
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
});
