import type { BrowserContext, Page } from 'playwright-core';
import { demoAccounts } from '../../server/demo/seed-kindergarten.js';
import { randomUUID } from 'node:crypto';
import { demoKindergarten } from '../../server/demo/seed-kindergarten.js';
import { groupId, makeApprovedEntry, makeEnrollment } from '../support/intake-fixtures.js';
import { startDeskFixture, type DeskFixture } from './desk-fixture.js';
import { eventually, expectText } from './expect-text.js';
import { DeskPage } from './pages/desk-page.js';
import { GroupsPage } from './pages/groups-page.js';
import { PrintPage } from './pages/print-page.js';
import { SignInPage } from './pages/sign-in-page.js';

const head = demoAccounts[0];
const staff = demoAccounts[1];

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
  /** Seats published on the group's capacity freed from the date (as the department's publishing would). */
  const publishOnFreedCapacity = async (group: string, seats: number) => {
    const db = desk.server.db;
    const entry = await makeApprovedEntry(db, {
      groupId: group,
      birthYear: 2020,
      language: 'kk',
      seats,
      availableFrom: '2026-06-30',
    });
    const id = randomUUID();
    await db.query(
      `insert into publications (id, kindergarten_id, group_id, schedule_entry_id, birth_year, language, seats, available_from, published_at, window_closes_at, updated_at)
       values ($1, $2, $3, $4, 2020, 'kk', $5, '2026-06-30', now(), now() + interval '3 days', now())`,
      [id, demoKindergarten.id, group, entry, seats],
    );
    for (let i = 0; i < seats; i++)
      await db.query(
        `insert into seats (id, publication_id, kindergarten_id, group_id, available_from, status, updated_at)
         values ($1, $2, $3, $4, '2026-06-30', 'open', now())`,
        [randomUUID(), id, demoKindergarten.id, group],
      );
    return id;
  };

  it('cancels a graduation ahead by an order of its own: refused on the row, then in the dialog naming the publication, then the register shows both', async () => {
    const zhuldyz = await groupId(desk.server.db, 'Жұлдыз');
    const { capacity } = (
      await desk.server.db.query<{ capacity: number }>('select capacity from groups where id = $1', [zhuldyz])
    )[0]!;
    await (await askToGraduate()).getByRole('button', { name: 'Выпустить группу' }).click();
    const line = groups.register().getByRole('row').filter({ hasText: 'выпуск в школу' });
    const cancel = line.getByRole('button', { name: 'Отменить выбытие' });
    await cancel.waitFor();

    // Offline, the seats the graduation frees are published: the replica cannot know it.
    await page.route('**/api/**', (route) => route.abort('internetdisconnected'));
    await page.reload();
    await groups.open();
    await expectText(shell.connection(), 'Нет связи');
    const publication = await publishOnFreedCapacity(zhuldyz, capacity);
    const askToCancel = async () => {
      await cancel.click();
      const dialog = page.getByRole('dialog', { name: 'Отмена выбытия приказом' });
      await expectText(
        dialog.getByTestId('cancel-departure-summary'),
        'Выпуск в школу, группа «Жұлдыз», с 30.06.2026 (приказ № 15-в) ещё не наступило: его можно отменить отдельным приказом.',
      );
      await dialog.getByLabel('Номер приказа').fill('16-в');
      await dialog.getByLabel('Дата приказа').fill('2026-06-04');
      await dialog.getByRole('button', { name: 'Отменить выбытие' }).click();
      return dialog;
    };
    await askToCancel();
    const confirmation = groups.confirmation('Отменить выбытие?');
    await expectText(
      confirmation,
      /Выбытие: выпуск в школу, 30\.06\.2026.*Группа: Жұлдыз.*Дети: 1: Посещающий Ребёнок.*Приказ: № 16-в, 04\.06\.2026.*После отмены: дети остаются в группе и после 30\.06\.2026/,
    );
    await confirmation.getByRole('button', { name: 'Отменить выбытие' }).click();
    await expectText(line.getByTestId('pending-badge'), 'Отмена выбытия — ждёт отправки');
    await expectText(page.getByTestId('action-feedback'), /Отмена выбытия: записано/);
    expect(await line.getAttribute('class')).toContain('row-acted');
    // While it waits, the cancellation is not offered again.
    expect(await cancel.count()).toBe(0);

    // Back online, the server refuses: on the row, naming the publication.
    await page.unroute('**/api/**');
    const refusal = line.getByTestId('row-refusal');
    await expectText(
      refusal,
      /Сервер отклонил: Отмена выбытия.*уже опубликованы или заняты \(публикаций: 1, с 30\.06\.2026\)/,
      40_000,
    );
    await expectText(
      line.getByTestId('named-publications'),
      `публикация с 30.06.2026: мест ${capacity}, 2020 г. р., группа «Жұлдыз»`,
    );
    const [lineBox, tableBox] = [await line.boundingBox(), await groups.register().boundingBox()];
    expect(lineBox && tableBox && lineBox.x + lineBox.width <= tableBox.x + tableBox.width + 1).toBe(true);

    // Now the replica knows: the dialog refuses before queuing, naming the same publication.
    const dialog = await askToCancel();
    await expectText(dialog.getByTestId('local-refusal'), /Не отправлено.*уже опубликованы или заняты/);
    await expectText(dialog.getByTestId('named-publications'), /публикация с 30\.06\.2026/);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expectText(shell.pendingCount(), 'Всё отправлено');

    // The publication goes: the cancellation is applied, and the register shows the departure and its cancellation.
    await desk.server.db.query('update seats set deleted = true, updated_at = now() where publication_id = $1', [
      publication,
    ]);
    await desk.server.db.query('update publications set deleted = true, updated_at = now() where id = $1', [
      publication,
    ]);
    await expectText(line.getByTestId('named-publications'), /нет на этом компьютере \(снята или ещё не получена\)/);
    await askToCancel();
    await groups.confirmation('Отменить выбытие?').getByRole('button', { name: 'Отменить выбытие' }).click();
    await expectText(line.getByTestId('departure-cancelled'), 'Отменено приказом № 16-в от 04.06.2026');
    expect(await cancel.count()).toBe(0);
    // The refusal is put right by the applied cancellation.
    expect(await refusal.count()).toBe(0);
    const [row] = await desk.server.db.query<{ cancel_order_number: string }>(
      'select cancel_order_number from departures where group_id = $1',
      [zhuldyz],
    );
    expect(row?.cancel_order_number).toBe('16-в');
  });

  it('offers a staff member none of the head’s actions (issue 20.3): no graduation, move-up, capacity, cancelling or terminating', async () => {
    const { context: staffContext, page: staffPage } = await desk.newPage();
    try {
      const signIn = new SignInPage(staffPage);
      await signIn.open(desk.server.url);
      await signIn.signIn(staff.login, staff.password);
      const staffGroups = new GroupsPage(staffPage);
      await staffGroups.open();
      await expectText(staffGroups.register(), /выпуск в школу.*Отменено приказом № 16-в/);
      await expectText(staffGroups.capacityOf('Жұлдыз'), /\d+/);
      expect(await staffGroups.row('Жұлдыз').getByRole('button', { name: 'Изменить' }).count()).toBe(0);
      expect(await staffPage.getByRole('form', { name: /Выпуск предшкольной/ }).count()).toBe(0);
      expect(await staffPage.getByRole('form', { name: /Перевод в следующие/ }).count()).toBe(0);
      expect(await staffGroups.register().getByRole('button').count()).toBe(0);
      const shellOfStaff = new DeskPage(staffPage);
      await shellOfStaff.open(/Дети/);
      const child = staffPage.getByTestId('child').filter({ hasText: 'Посещающий Ребёнок' });
      await expectText(child, /Посещающий Ребёнок/);
      expect(await child.getByRole('button', { name: 'История' }).isVisible()).toBe(true);
      expect(await child.getByRole('button', { name: /Расторгнуть|Отменить выбытие/ }).count()).toBe(0);
      // The head's own reports are not among a staff member's documents (issue #23).
      const documents = new PrintPage(staffPage);
      await documents.open();
      expect(
        await staffPage
          .getByLabel(/^Документ$/)
          .locator('option')
          .allTextContents(),
      ).toEqual(['Приказ о зачислении', 'Список группы', 'Журнал движения контингента', 'Календарь мест (12 месяцев)']);
    } finally {
      await staffContext.close();
    }
  });
});
