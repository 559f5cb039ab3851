import type { Page, Route } from 'playwright-core';
import { demoAccounts } from '../../server/db/seed.js';
import { deskPerTest, type DeskFixture } from './desk-fixture.js';
import { expectText } from './expect-text.js';
import { DeskPage } from './pages/desk-page.js';
import { GroupsPage } from './pages/groups-page.js';
import { SignInPage } from './pages/sign-in-page.js';

const head = demoAccounts[0];

/**
 * The 426 path in the browser host: when the server says the app is too old for its replication
 * protocol, the desk offers the update at once (here: reload the page from the server) and keeps
 * the commands that wait to be sent.
 */
describe('the update offer when the server answers 426', () => {
  let desk: DeskFixture;
  let page: Page;

  deskPerTest((opened) => ({ desk, page } = opened));

  /** What the server answers an app speaking an older replication protocol (server/http/routes/replication.ts). */
  const upgradeRequired = (route: Route) =>
    route.fulfill({
      status: 426,
      contentType: 'application/json',
      body: JSON.stringify({
        error: 'upgrade_required',
        message: 'This server speaks replication v2; update the app.',
        serverVersion: 2,
      }),
    });

  it('offers the update at once, keeps the pending command, and sends it once the app is current', async () => {
    const signInPage = new SignInPage(page);
    await signInPage.open(desk.server.url);
    await signInPage.signIn(head.login, head.password);
    const groups = new GroupsPage(page);
    const shell = new DeskPage(page);
    await groups.open();
    await expectText(groups.capacityOf('Колокольчик'), /\d+/);
    await expect(page.getByTestId('update-offer').count()).resolves.toBe(0);

    // A change made while the server is unreachable waits in the local replica.
    await page.route('**/api/**', (route) => route.abort('internetdisconnected'));
    await page.reload();
    await groups.open();
    await groups.changeCapacity('Колокольчик', '17');
    await expectText(shell.pendingCount(), '1 команда ждёт отправки');

    // The server is back — and says this app is too old (426 first: the newest route wins).
    await page.route('**/api/replication/**', upgradeRequired);
    await page.unroute('**/api/**');
    await page.reload();
    await groups.open();
    const offer = page.getByTestId('update-offer');
    await expectText(offer.getByTestId('update-offer-text'), /Новая версия уже на сервере/);
    await expectText(offer, /команды, ждущие отправки \(1\), остаются на этом компьютере/);
    await expectText(shell.connection(), 'Обновите приложение');
    await expectText(shell.pendingCount(), '1 команда ждёт отправки');
    await expectText(groups.row('Колокольчик').locator('.pending-badge'), '(ждёт отправки: 17)');

    // "Reload and update": the browser host loads the page the server serves now. Still 426
    // here, so the offer is back, and the command is still waiting.
    await Promise.all([
      page.waitForEvent('load'),
      offer.getByRole('button', { name: 'Перезагрузить и обновить' }).click(),
    ]);
    await groups.open();
    await expectText(page.getByTestId('update-offer-text'), /Новая версия уже на сервере/);
    await expectText(shell.pendingCount(), '1 команда ждёт отправки');

    // The updated app (the server answers it normally): the command goes, the offer goes away.
    await page.unroute('**/api/replication/**');
    await page.reload();
    await groups.open();
    await expectText(shell.pendingCount(), 'Всё отправлено');
    await expectText(groups.capacityOf('Колокольчик'), '17');
    await expect(page.getByTestId('update-offer').count()).resolves.toBe(0);
  });

  it('speaks Kazakh and English too', async () => {
    const signInPage = new SignInPage(page);
    await signInPage.open(desk.server.url);
    await signInPage.signIn(head.login, head.password);
    await new GroupsPage(page).open();
    await page.route('**/api/replication/**', upgradeRequired);
    await page.reload();
    const shell = new DeskPage(page);
    await expectText(page.getByTestId('update-offer-text'), /Новая версия/);
    await shell.switchLanguage('Қазақша');
    await expectText(page.getByTestId('update-offer-text'), /Жаңа нұсқа серверде дайын/);
    await expectText(page.getByTestId('update-offer-button'), 'Қайта жүктеу және жаңарту');
    await shell.switchLanguage('English');
    await expectText(page.getByTestId('update-offer-text'), /The new version is already on the server/);
    await expectText(page.getByTestId('update-offer-button'), 'Reload and update');
  });
});
