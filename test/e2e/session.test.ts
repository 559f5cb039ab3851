import type { BrowserContext, Page } from 'playwright-core';
import { demoAccounts } from '../../server/demo/seed-kindergarten.js';
import { deskPerTest, type DeskFixture } from './desk-fixture.js';
import { eventually, expectText } from './expect-text.js';
import { DeskPage } from './pages/desk-page.js';
import { GroupsPage } from './pages/groups-page.js';
import { SignInPage } from './pages/sign-in-page.js';

const head = demoAccounts[0];

/** Offline starts, commands kept across restarts, sign-out with wipe, and the inactivity lock. */
describe('the desk’s session and its offline replica', () => {
  let desk: DeskFixture;
  let context: BrowserContext;
  let page: Page;

  const fixture = deskPerTest((opened) => ({ desk, context, page } = opened));

  const goOffline = () => page.route('**/api/**', (route) => route.abort('internetdisconnected'));
  async function signIn() {
    const signInPage = new SignInPage(page);
    await signInPage.open(desk.server.url);
    await signInPage.signIn(head.login, head.password);
    const groups = new GroupsPage(page);
    await groups.open();
    await expectText(groups.capacityOf('Солнышко'), /\d+/);
    return groups;
  }

  it('opens offline from the local replica, keeps a command across a restart, and sends it when back online', async () => {
    const groups = await signIn();
    const shell = new DeskPage(page);
    await goOffline();
    await page.reload();
    await groups.open();
    await expectText(groups.capacityOf('Колокольчик'), '20');
    await expectText(shell.connection(), 'Нет связи');

    await groups.changeCapacity('Колокольчик', '18');
    await expectText(groups.row('Колокольчик').locator('.pending-badge'), '(ждёт отправки: 18)');
    await expectText(shell.pendingCount(), '1 команда ждёт отправки');
    await page.reload();
    await groups.open();
    await expectText(shell.pendingCount(), '1 команда ждёт отправки');

    const dialog = await shell.signOut({ wipe: false });
    await expectText(dialog.getByRole('alert'), /1 команда ещё не отправлена.*Изменение числа мест/);
    await dialog.getByRole('button', { name: 'Отмена' }).click();

    await page.unroute('**/api/**');
    await eventually(
      async () =>
        (await desk.server.db.query<{ capacity: number }>(`select capacity from groups where name = 'Колокольчик'`))[0]
          ?.capacity === 18,
      'the command to reach the server',
      30_000,
    );
    await expectText(shell.pendingCount(), 'Всё отправлено', 15_000);
  });

  it('signs out wiping the local replica from this PC', async () => {
    await signIn();
    const shell = new DeskPage(page);
    const dialog = await shell.signOut({ wipe: true });
    await dialog.getByRole('button', { name: 'Выйти' }).click();
    // The sign-in form's button (exactly "Войти", not the status bar's "Войти снова").
    await page.getByRole('button', { name: 'Войти', exact: true }).waitFor();
    const names = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''));
    expect(names.filter((n) => n.includes('kg_'))).toEqual([]);
  });

  it('locks after inactivity and opens again with the password, offline too', async () => {
    await context.close();
    await fixture.renew({ lockAfterMs: 1_500 });
    // Only the sign-in: any further step could itself outlast 1.5 s of no input on a loaded machine
    // and meet the lock half-way (its overlay then takes the click).
    const signInPage = new SignInPage(page);
    await signInPage.open(desk.server.url);
    await signInPage.signIn(head.login, head.password);
    const lock = page.getByRole('heading', { name: 'Рабочее место заблокировано' });
    await lock.waitFor({ timeout: 10_000 });
    await goOffline();
    await page.getByLabel('Пароль').fill('wrong');
    await page.getByRole('button', { name: 'Разблокировать' }).click();
    await expectText(page.getByText('Неверный пароль.'), 'Неверный пароль.');
    await page.getByLabel('Пароль').fill(head.password);
    await page.getByRole('button', { name: 'Разблокировать' }).click();
    await page.getByRole('tab', { name: 'Сводка' }).waitFor();
  });
});
