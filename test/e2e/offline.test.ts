import type { Page } from 'playwright-core';
import { demoAccounts } from '../../server/demo/seed-kindergarten.js';
import { deskPerTest, TEST_NOW, type DeskFixture } from './desk-fixture.js';
import { eventually, expectText } from './expect-text.js';
import { DeskPage } from './pages/desk-page.js';
import { GroupsPage } from './pages/groups-page.js';
import { SignInPage } from './pages/sign-in-page.js';

const head = demoAccounts[0];
const DAY = 24 * 3600 * 1000;

/**
 * Issue 7, point 1: the app starts offline from its replica and takes commands; after 90 days
 * offline (both clocks moved) the device token has expired: every pending command is kept, the
 * app says "sign in again", and after the new sign-in pushes them exactly once, in order.
 */
describe('a long time offline', () => {
  let desk: DeskFixture;
  let page: Page;

  deskPerTest((opened) => ({ desk, page } = opened));

  const capacity = async (name: string) =>
    (await desk.server.db.query<{ capacity: number }>('select capacity from groups where name = $1', [name]))[0]!
      .capacity;

  it('starts offline, keeps every command through 90 days and an expired token, and pushes them once, in order, after signing in again', async () => {
    await page.clock.install();
    const signInPage = new SignInPage(page);
    await signInPage.open(desk.server.url);
    await signInPage.signIn(head.login, head.password);
    const groups = new GroupsPage(page);
    const shell = new DeskPage(page);
    await groups.open();
    await expectText(groups.capacityOf('Колокольчик'), '20');
    await expectText(shell.connection(), /В сети/);

    // Offline from here; the app starts from its local replica with the last data.
    await page.route('**/api/**', (route) => route.abort('internetdisconnected'));
    await page.reload();
    await groups.open();
    await expectText(groups.capacityOf('Колокольчик'), '20');
    await expectText(shell.connection(), 'Нет связи');
    for (const value of ['18', '17', '16']) {
      await groups.changeCapacity('Колокольчик', value);
      await expectText(groups.row('Колокольчик').locator('.pending-badge'), `(ждёт отправки: ${value})`);
    }
    await groups.changeCapacity('Солнышко', '22');
    await expectText(shell.pendingCount(), '4 команды ждут отправки');

    // 90 days pass on both clocks; the app is restarted, still offline.
    desk.server.clock.advance(90 * DAY);
    await page.clock.setSystemTime(Date.now() + 90 * DAY);
    await page.reload();
    await groups.open();
    await expectText(shell.pendingCount(), '4 команды ждут отправки');
    const before = (await desk.server.db.query<{ n: number }>('select count(*)::int as n from commands'))[0]!.n;

    // Back online: the 30-day token expired meanwhile. Nothing is sent, nothing is lost.
    await page.unroute('**/api/**');
    await expectText(shell.connection(), 'Войдите снова', 30_000);
    await expectText(shell.pendingCount(), '4 команды ждут отправки');
    expect((await desk.server.db.query<{ n: number }>('select count(*)::int as n from commands'))[0]!.n).toBe(before);

    await page.getByTestId('sign-in-again').click();
    await expectText(page.getByRole('status'), /Сеанс на этом компьютере истёк/);
    await signInPage.signIn(head.login, head.password);
    await groups.open();
    await expectText(shell.pendingCount(), 'Всё отправлено', 30_000);
    await expectText(groups.capacityOf('Колокольчик'), '16');
    await expectText(groups.capacityOf('Солнышко'), '22');

    const executed = await desk.server.db.query<{ kind: string; payload: { capacity: number } }>(
      `select kind, payload from commands where received_at > $1 order by change_txid, change_seq`,
      [new Date(TEST_NOW.getTime() + 80 * DAY)],
    );
    expect(executed.map((c) => c.payload.capacity)).toEqual([18, 17, 16, 22]);
    expect(await capacity('Колокольчик')).toBe(16);
    await eventually(
      async () =>
        (await desk.server.db.query<{ n: number }>('select count(*)::int as n from commands'))[0]!.n === before + 4,
      'exactly four new commands',
    );
  });
});
