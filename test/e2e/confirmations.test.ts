import type { BrowserContext, Page } from 'playwright-core';
import { demoAccounts } from '../../server/db/seed.js';
import { groupId, makeEnrollment } from '../support/intake-fixtures.js';
import { startDeskFixture, type DeskFixture } from './desk-fixture.js';
import { eventually, expectText } from './expect-text.js';
import { DeskPage } from './pages/desk-page.js';
import { GroupsPage } from './pages/groups-page.js';
import { SignInPage } from './pages/sign-in-page.js';

const head = demoAccounts[0];

/** Issue 20, point 2, in Russian: a confirmation with a summary before a mass action, and cancelling what is not sent. */
describe('confirming a graduation and cancelling a command not yet sent', () => {
  let desk: DeskFixture;
  let context: BrowserContext;
  let page: Page;
  let groups: GroupsPage;
  let shell: DeskPage;

  beforeAll(async () => {
    desk = await startDeskFixture();
    await makeEnrollment(desk.server.db, {
      groupId: await groupId(desk.server.db, 'Жұлдыз'),
      enrolledOn: '2025-09-01',
    });
    ({ context, page } = await desk.newPage());
    const signIn = new SignInPage(page);
    await signIn.open(desk.server.url);
    await signIn.signIn(head.login, head.password);
    shell = new DeskPage(page);
    groups = new GroupsPage(page);
    await groups.open();
  });
  afterAll(async () => {
    await context?.close();
    await desk?.close();
  });
  afterEach(() => expect(desk.cspViolations.splice(0)).toEqual([]));

  const graduations = async () =>
    (
      await desk.server.db.query<{ n: number }>(
        `select count(*)::int as n from commands where kind = 'departure.graduate'`,
      )
    )[0]!.n;

  const askToGraduate = async () => {
    const form = page.getByRole('form', { name: /Выпуск предшкольной/ });
    await form.getByLabel('Группа').selectOption({ label: 'Жұлдыз' });
    await form.getByLabel('Дата выбытия').fill('2026-06-30');
    await form.getByLabel('Номер приказа').fill('15-в');
    await form.getByLabel('Дата приказа').fill('2026-06-03');
    await form.getByRole('button', { name: 'Выпустить группу' }).click();
    const confirmation = groups.confirmation('Выпустить группу в школу?');
    await confirmation.waitFor();
    return confirmation;
  };

  it('sums up the graduation before queuing it; Cancel holds the focus, so Enter and Esc queue nothing', async () => {
    const confirmation = await askToGraduate();
    await expectText(
      confirmation,
      /Группа: Жұлдыз.*Дата: 30\.06\.2026.*Дети: 1: Посещающий Ребёнок.*Приказ: № 15-в, 03\.06\.2026.*Освобождается: мест: 1 с 30\.06\.2026/,
    );
    expect(await confirmation.textContent()).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    const cancel = confirmation.getByRole('button', { name: 'Отмена' });
    const confirm = confirmation.getByRole('button', { name: 'Выпустить группу' });
    await eventually(() => cancel.evaluate((b) => b === document.activeElement), 'Cancel focused');
    const [cancelBox, confirmBox] = [await cancel.boundingBox(), await confirm.boundingBox()];
    expect(cancelBox && confirmBox && cancelBox.width > 0 && confirmBox.x > cancelBox.x).toBe(true);

    await page.keyboard.press('Enter');
    await confirmation.waitFor({ state: 'detached' });
    await (await askToGraduate()).waitFor();
    await page.keyboard.press('Escape');
    await confirmation.waitFor({ state: 'detached' });
    // The form under it is still there, and nothing was queued.
    expect(await page.getByRole('form', { name: /Выпуск предшкольной/ }).isVisible()).toBe(true);
    await expectText(shell.pendingCount(), 'Всё отправлено');
    expect(await graduations()).toBe(0);
  });

  it('cancels a queued graduation while it is not sent; the server never sees it', async () => {
    await page.route('**/api/**', (route) => route.abort('internetdisconnected'));
    await page.reload();
    await groups.open();
    await expectText(shell.connection(), 'Нет связи');
    const confirmation = await askToGraduate();
    await confirmation.getByRole('button', { name: 'Выпустить группу' }).click();
    await confirmation.waitFor({ state: 'detached' });
    await expectText(shell.pendingCount(), '1 команда ждёт отправки');
    // Offline you cannot miss (#20.5): a banner above the screens with the unsent count and the last sync in the city format.
    const banner = page.getByTestId('offline-banner');
    await expectText(
      banner,
      /Нет связи с сервером.*Не отправлено изменений: 1\. Последняя синхронизация: \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}/,
    );
    const bannerBox = await banner.boundingBox();
    const tabsBox = await page.getByRole('tablist').boundingBox();
    expect(bannerBox && tabsBox && bannerBox.width > 600 && bannerBox.y < tabsBox.y).toBe(true);
    const row = groups.row('Жұлдыз');
    await expectText(row.getByTestId('pending-badge'), 'Выпуск в школу — ждёт отправки');
    await row.getByRole('button', { name: 'Отменить «Выпуск в школу» (ещё не отправлено)' }).click();
    await expectText(page.getByTestId('action-feedback'), '«Выпуск в школу» отменено, на сервер не отправлено.');
    await expectText(shell.pendingCount(), 'Всё отправлено');
    expect(await row.getByTestId('pending-badge').count()).toBe(0);

    await page.unroute('**/api/**');
    await expectText(shell.connection(), /В сети/, 40_000);
    await banner.waitFor({ state: 'detached' });
    expect(await graduations()).toBe(0);
  });
});
