import type { BrowserContext, Page, Route } from 'playwright-core';
import { demoAccounts } from '../../server/demo/seed-kindergarten.js';
import { groupId, makeApprovedEntry } from '../support/intake-fixtures.js';
import { startDeskFixture, type DeskFixture } from './desk-fixture.js';
import { eventually, expectText } from './expect-text.js';
import { DeskPage } from './pages/desk-page.js';
import { SchedulePage } from './pages/schedule-page.js';
import { SignInPage } from './pages/sign-in-page.js';

const head = demoAccounts[0];

/** Editing the intake schedule, in Russian: a draft changes through the server, a submitted entry does not. */
describe('editing a schedule entry on the staff desk', () => {
  let desk: DeskFixture;
  let context: BrowserContext;
  let page: Page;
  let draft: string;

  beforeAll(async () => {
    desk = await startDeskFixture();
    const db = desk.server.db;
    draft = await makeApprovedEntry(db, {
      groupId: await groupId(db, 'Солнышко'),
      birthYear: 2025,
      seats: 2,
      availableFrom: '2026-06-10',
      status: 'draft',
    });
    await makeApprovedEntry(db, {
      groupId: null,
      birthYear: 2024,
      seats: 4,
      availableFrom: '2026-07-01',
      status: 'submitted',
    });
    ({ context, page } = await desk.newPage());
    const signIn = new SignInPage(page);
    await signIn.open(desk.server.url);
    await signIn.signIn(head.login, head.password);
    await new DeskPage(page).tab('Сводка').waitFor();
  });
  afterAll(async () => {
    await context?.close();
    await desk?.close();
  });
  afterEach(() => expect(desk.cspViolations.splice(0)).toEqual([]));

  const entryOnServer = async () =>
    (
      await desk.server.db.query<{
        group_id: string | null;
        birth_year: number;
        seats: number;
        note: string;
        status: string;
      }>('select group_id, birth_year, seats, note, status from schedule_entries where id = $1', [draft])
    )[0]!;

  it('offers editing only for the draft; the submitted entry says why it cannot change', async () => {
    const schedule = new SchedulePage(page);
    await schedule.open();
    await expectText(schedule.status(0), 'черновик');
    await expectText(schedule.status(1), 'на утверждении');
    expect(await schedule.editButton(0).count()).toBe(1);
    expect(await schedule.editButton(1).count()).toBe(0);
    await expectText(page.getByTestId('schedule-edit-hint'), /Изменить можно только черновик или отклонённую строку/);
  });

  it('refuses a wrong value in the edit form before anything is sent', async () => {
    const schedule = new SchedulePage(page);
    const before = await desk.server.db.query('select id from commands');
    await schedule.edit(0, { seats: '0' });
    // The range is the payload's own (1 to 60 seats), named in the message.
    await expectText(schedule.editor().getByText('Введите целое число от 1 до 60.'), 'Введите целое число от 1 до 60.');
    expect(await desk.server.db.query('select id from commands')).toHaveLength(before.length);
    await schedule.editor().getByRole('button', { name: 'Отмена' }).click();
    await schedule.editor().waitFor({ state: 'detached' });
  });

  it('edits the draft: the change waits on the row, then the server applies it', async () => {
    const schedule = new SchedulePage(page);
    // Hold the pushes so the pending state on the row can be seen, then let them through.
    const held: Route[] = [];
    let holding = true;
    await page.route('**/api/replication/*/commands/push', (route) =>
      holding ? void held.push(route) : void route.continue(),
    );
    await schedule.edit(0, { group: 'Колокольчик', birthYear: '2024', seats: '5', note: 'после ремонта' });
    await schedule.editor().waitFor({ state: 'detached' });
    await expectText(schedule.pending(0), 'Изменение строки графика — ждёт отправки');
    holding = false;
    for (const route of held.splice(0)) await route.continue();

    await eventually(async () => (await entryOnServer()).seats === 5, 'the update on the server');
    expect(await entryOnServer()).toEqual({
      group_id: await groupId(desk.server.db, 'Колокольчик'),
      birth_year: 2024,
      seats: 5,
      note: 'после ремонта',
      status: 'draft',
    });
    const commands = await desk.server.db.query<{ status: string }>(
      `select status from commands where kind = 'scheduleEntry.update'`,
    );
    expect(commands.map((c) => c.status)).toEqual(['applied']);
    await eventually(async () => (await schedule.pending(0).count()) === 0, 'the pending badge to go');
    await expectText(schedule.entries().nth(0).getByRole('cell').nth(4), '5');
    await expectText(schedule.entries().nth(0).getByRole('cell').nth(1), 'Колокольчик');
  });
});
