import type { BrowserContext, Page } from 'playwright-core';
import { demoAccounts } from '../../server/demo/seed-kindergarten.js';
import { deskPerTest, type DeskFixture } from './desk-fixture.js';
import { expectText } from './expect-text.js';
import { DeskPage } from './pages/desk-page.js';
import { GroupsPage } from './pages/groups-page.js';
import { SignInPage } from './pages/sign-in-page.js';
import { keptShells, ServedBuild, shownBuild, upgradeRequired } from './served-build.js';

const head = demoAccounts[0];

/**
 * The 426 path in the browser host: when the server says the app is too old for its replication
 * protocol, the desk offers the update at once (here: reload the page from the server) and keeps
 * the commands that wait to be sent. In the browser a service worker keeps the app shell, so a
 * reload while offline opens the desk from its replica — and after the update offer the shell it
 * keeps is the new build's, never the old one.
 */
describe('the update offer when the server answers 426', () => {
  let desk: DeskFixture;
  let context: BrowserContext;
  let page: Page;
  let served: ServedBuild;

  deskPerTest(
    (opened) => ({ desk, context, page } = opened),
    () => {
      served = new ServedBuild();
      return { rendererDir: served.dir, serviceWorkers: 'allow' };
    },
  );
  afterAll(() => served.remove());

  /** Reloads with the network cut off: the page can only come from the service worker's cache. */
  const reloadOffline = async () => {
    await context.setOffline(true);
    const response = await page.reload();
    expect(response?.fromServiceWorker()).toBe(true);
  };

  it('offers the update at once, keeps the pending command, and sends it once the app is current', async () => {
    const signInPage = new SignInPage(page);
    await signInPage.open(desk.server.url);
    await signInPage.signIn(head.login, head.password);
    const groups = new GroupsPage(page);
    const shell = new DeskPage(page);
    await groups.open();
    await expectText(groups.capacityOf('Колокольчик'), /\d+/);
    await expect(page.getByTestId('update-offer').count()).resolves.toBe(0);
    const oldBuild = served.id();
    expect(await shownBuild(page)).toBe(oldBuild);
    expect(await keptShells(page)).toEqual([`desk-shell-${oldBuild}`]);

    // Offline, a reload opens the desk from the kept shell and the replica, and says it is offline.
    // A change made now waits in the local replica.
    await reloadOffline();
    await groups.open();
    await expectText(groups.capacityOf('Колокольчик'), /\d+/);
    await expectText(page.getByTestId('offline-banner'), /Нет связи с сервером — работа идёт на этом компьютере/);
    await expectText(shell.connection(), 'Нет связи');
    await groups.changeCapacity('Колокольчик', '17');
    await expectText(shell.pendingCount(), '1 команда ждёт отправки');

    // The server is back — and says this app is too old (426 first: the newest route wins).
    await page.route('**/api/replication/**', upgradeRequired);
    await context.setOffline(false);
    await page.reload();
    await groups.open();
    const offer = page.getByTestId('update-offer');
    await expectText(offer.getByTestId('update-offer-text'), /Новая версия уже на сервере/);
    await expectText(offer, /команды, ждущие отправки \(1\), остаются на этом компьютере/);
    await expectText(shell.connection(), 'Обновите приложение');
    await expectText(shell.pendingCount(), '1 команда ждёт отправки');
    await expectText(groups.row('Колокольчик').locator('.pending-badge'), '(ждёт отправки: 17)');

    // A new build is on the server now. "Reload and update": the worker fetches it and keeps its
    // shell, then the browser host loads the page the server serves now. Still 426 here, so the
    // offer is back, and the command is still waiting.
    served.publish('0123456789ab');
    await Promise.all([
      page.waitForEvent('load'),
      offer.getByRole('button', { name: 'Перезагрузить и обновить' }).click(),
    ]);
    await groups.open();
    await expectText(page.getByTestId('update-offer-text'), /Новая версия уже на сервере/);
    await expectText(shell.pendingCount(), '1 команда ждёт отправки');
    // The page is the new build's, and so is the only shell kept: the old one is gone.
    expect(await shownBuild(page)).toBe('0123456789ab');
    expect(await keptShells(page)).toEqual(['desk-shell-0123456789ab']);

    // The updated app (the server answers it normally): the command goes, the offer goes away.
    await page.unroute('**/api/replication/**');
    await page.reload();
    await groups.open();
    await expectText(shell.pendingCount(), 'Всё отправлено');
    await expectText(groups.capacityOf('Колокольчик'), '17');
    await expect(page.getByTestId('update-offer').count()).resolves.toBe(0);

    // Offline again: the reload serves the new build's shell, never the old one.
    await reloadOffline();
    expect(await shownBuild(page)).toBe('0123456789ab');
    await groups.open();
    await expectText(groups.capacityOf('Колокольчик'), '17');
    await context.setOffline(false);
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
